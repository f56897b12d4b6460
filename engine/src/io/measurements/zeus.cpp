//! Zeus / ML.ENERGY-style JSON: measurement windows as ZeusMonitor.end_window()
//! returns them — `time` [s], `gpu_energy`, `cpu_energy`, `dram_energy` [J, per
//! device index] — with the `requests` and `tokens` each window served. JSON is
//! read with yaml-cpp (a YAML superset of it) so that every value keeps its line.
#include <cmath>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "lca4ai/units.hpp"
#include "measurements.hpp"

namespace lca4ai::io::measurements {
namespace {

class Reader {
public:
    Reader(LogErrors& err) : err_(err) {}
    void at(const YAML::Node& n, std::string message) {
        const auto m = n.Mark();
        err_.at(m.line + 1, m.column + 1, std::move(message));
    }
    //! A number ≥ 0, or a map device -> number (summed).
    std::optional<double> energy(const YAML::Node& n, const std::string& what) {
        if (n.IsMap()) {
            double sum = 0;
            for (const auto& kv : n) {
                auto v = number(kv.second, fmt::format("{}[{}]", what, kv.first.as<std::string>("")));
                if (!v) return std::nullopt;
                sum += *v;
            }
            return sum;
        }
        return number(n, what);
    }
    std::optional<double> number(const YAML::Node& n, const std::string& what) {
        auto v = n.IsScalar() ? to_number(n.as<std::string>("")) : std::nullopt;
        if (!v || *v < 0 || !std::isfinite(*v)) {
            at(n, fmt::format("{} must be a non-negative number", what));
            return std::nullopt;
        }
        return v;
    }

private:
    LogErrors& err_;
};

}  // namespace

std::optional<Measurement> read_zeus(const LogSource& log, ErrorSink& sink) {
    LogErrors err(log, sink);
    YAML::Node root;
    try {
        root = YAML::Load(log.text);
    } catch (const YAML::ParserException& e) {
        err.at(e.mark.line + 1, e.mark.column + 1, "JSON syntax error: " + e.msg);
        return std::nullopt;
    }
    Reader rd(err);
    double to_joule = 1.0;
    YAML::Node windows;
    if (root.IsSequence()) {
        windows = root;
    } else if (root.IsMap() && root["windows"]) {
        windows = root["windows"];
        if (root["energy_unit"]) {
            std::string e;
            const auto text = root["energy_unit"].as<std::string>("");
            auto u = parse_unit(text, &e);
            if (!u || !(u->dim == canonical_unit("J").dim)) {
                rd.at(root["energy_unit"], fmt::format("energy_unit '{}' is not a unit of energy (J, Wh, kWh)", text));
                return std::nullopt;
            }
            to_joule = u->factor / canonical_unit("J").factor;
        }
    } else if (root.IsMap()) {
        windows.push_back(root);  // a single window
    } else {
        err.at(1, 1, "expected a JSON object with `windows` (Zeus measurement windows) or a list of windows");
        return std::nullopt;
    }
    if (!windows.IsSequence() || windows.size() == 0) {
        rd.at(windows, "`windows` must be a non-empty list of measurement windows");
        return std::nullopt;
    }
    Measurement m;
    m.format = "zeus";
    m.boundary = Boundary::accelerator;
    double requests = 0, tokens = 0;
    bool has_requests = true, has_tokens = true;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        const auto& w = windows[i];
        const std::string name = w.IsMap() && w["name"] ? w["name"].as<std::string>("") : fmt::format("window {}", i);
        if (!w.IsMap()) {
            rd.at(w, "a measurement window must be an object");
            continue;
        }
        for (const auto& kv : w) {
            static const std::vector<std::string> known = {"name", "time", "gpu_energy", "cpu_energy", "dram_energy",
                                                           "requests", "tokens"};
            const auto k = kv.first.as<std::string>("");
            if (std::find(known.begin(), known.end(), k) == known.end())
                rd.at(kv.first, fmt::format("unknown key '{}'{} in window '{}'; expected one of: {}", k,
                                            did_you_mean(k, known), name, fmt::join(known, ", ")));
        }
        if (!w["gpu_energy"]) {
            rd.at(w, fmt::format("window '{}' has no `gpu_energy` (J per GPU index)", name));
            continue;
        }
        const int before = err.count();
        const auto gpu = rd.energy(w["gpu_energy"], "gpu_energy");
        const auto cpu = w["cpu_energy"] ? rd.energy(w["cpu_energy"], "cpu_energy") : std::optional<double>(0.0);
        const auto dram = w["dram_energy"] ? rd.energy(w["dram_energy"], "dram_energy") : std::optional<double>(0.0);
        const auto time = w["time"] ? rd.number(w["time"], "time") : std::optional<double>(0.0);
        std::optional<double> req, tok;
        if (w["requests"]) req = rd.number(w["requests"], "requests");
        if (w["tokens"]) tok = rd.number(w["tokens"], "tokens");
        if (err.count() > before) continue;
        if (w["cpu_energy"] || w["dram_energy"]) m.boundary = Boundary::host;
        MeasuredRun run;
        run.id = name;
        run.line = static_cast<int>(w.Mark().line) + 1;
        run.accelerator_kwh = *gpu * to_joule * kwh_per_joule;
        run.energy_kwh = (*gpu + *cpu + *dram) * to_joule * kwh_per_joule;
        run.duration_h = *time / 3600.0;
        m.energy_kwh += run.energy_kwh;
        m.accelerator_kwh += run.accelerator_kwh;
        m.duration_h += run.duration_h;
        m.runs.push_back(run);
        if (req) requests += *req;
        else has_requests = false;
        if (tok) tokens += *tok;
        else has_tokens = false;
    }
    if (err.count() > 0) return std::nullopt;
    if (has_requests) m.requests = requests;
    if (has_tokens) m.tokens = tokens;
    return m;
}

}  // namespace lca4ai::io::measurements
