//! Scenario keys that point at a measurement log: the log is read by its own
//! reader (measurements/*.cpp), checksummed and recorded as provenance; the
//! node readers turn it into constant expressions.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lca4ai/checksum.hpp"
#include "measurements/measurements.hpp"
#include "scenario_loader.hpp"

namespace lca4ai::io {

std::optional<Boundary> ScenarioLoader::boundary(const YAML::Node& n, const std::string& path) {
    auto s = text(n, path);
    if (!s) return std::nullopt;
    const auto& names = boundary_names();
    auto it = std::find(names.begin(), names.end(), *s);
    if (it == names.end()) {
        r_.error(n, path, fmt::format("unknown boundary '{}'{}; expected one of: {}", *s, did_you_mean(*s, names),
                                      fmt::join(names, ", ")));
        return std::nullopt;
    }
    return static_cast<Boundary>(it - names.begin());
}

int ScenarioLoader::measurement(const YAML::Node& n, const std::string& path, const std::string& node) {
    namespace ms = measurements;
    static const std::vector<std::string> formats = {"codecarbon", "nvidia-smi", "zeus"};
    if (!r_.check_map(n, path, {"file", "format", "timezone", "max_gap", "requests", "tokens", "description"})) return -1;
    auto file = text(n["file"], path + ".file");
    if (!file) return -1;
    const auto p = (std::filesystem::path(base_dir_) / *file).lexically_normal();
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        r_.error(n["file"], path + ".file", fmt::format("cannot read the measurement log '{}'", p.string()));
        return -1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    ms::LogSource log{p.string(), ss.str(), path};
    std::string format;
    if (n["format"]) {
        format = n["format"].as<std::string>("");
        if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
            r_.error(n["format"], path + ".format", fmt::format("unknown measurement format '{}'{}; expected one of: {}",
                                                                format, did_you_mean(format, formats), fmt::join(formats, ", ")));
            return -1;
        }
    } else {
        format = ms::detect_format(log.text);
        if (format.empty()) {
            r_.error(n["file"], path + ".file",
                     fmt::format("cannot tell the format of '{}': give `format:` ({})", p.string(), fmt::join(formats, ", ")));
            return -1;
        }
    }
    if (format != "nvidia-smi") {
        for (const char* key : {"timezone", "max_gap"})
            if (n[key]) r_.error(n[key], path + "." + key, fmt::format("`{}` applies to nvidia-smi logs only", key));
    }
    std::optional<Measurement> m;
    const std::size_t before = r_.sink().size();
    if (format == "codecarbon") {
        m = ms::read_codecarbon(log, r_.sink());
    } else if (format == "zeus") {
        m = ms::read_zeus(log, r_.sink());
    } else {
        ms::NvidiaSmiOptions opt;
        if (!n["timezone"]) {
            r_.error(n, path + ".timezone",
                     "nvidia-smi timestamps carry no time zone: declare the log's `timezone:` (UTC or an offset such as +02:00)");
            return -1;
        }
        const auto tz = n["timezone"].as<std::string>("");
        auto off = ms::parse_utc_offset(tz);
        if (!off) {
            r_.error(n["timezone"], path + ".timezone",
                     fmt::format("'{}' is not a fixed offset from UTC; write UTC, +02:00 or -05:00 (no DST rules are applied)", tz));
            return -1;
        }
        opt.utc_offset_minutes = *off;
        if (n["max_gap"]) {
            if (auto g = r_.constant(n["max_gap"], path + ".max_gap", "s")) opt.max_gap_s = *g;
            else return -1;
        }
        m = ms::read_nvidia_smi(log, opt, r_.sink());
    }
    if (!m || r_.sink().size() > before) return -1;
    for (const char* key : {"requests", "tokens"}) {
        if (!n[key]) continue;
        auto v = r_.number(n[key], path + "." + key);
        if (!v) return -1;
        if (*v <= 0) {
            r_.error(n[key], path + "." + key, fmt::format("the number of {} must be positive", key));
            return -1;
        }
        (std::string(key) == "requests" ? m->requests : m->tokens) = *v;
    }
    m->sha256 = sha256_hex(log.text);
    m->file = p.string();
    m->key_path = path;
    m->node = node;
    sc_.measurements.push_back(std::move(*m));
    return static_cast<int>(sc_.measurements.size()) - 1;
}

}  // namespace lca4ai::io
