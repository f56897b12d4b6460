#include "yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

#include <fmt/format.h>

#include "lca4ai/units.hpp"

namespace lca4ai::io {

std::string join_path(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

std::string read_input_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ErrorSink sink;
        sink.add({path, 0, 0}, "", "cannot read the file");
        sink.throw_if_any();
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string input_dir(const std::string& path) {
    const auto dir = std::filesystem::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

YAML::Node parse_yaml(const std::string& text, const std::string& name) {
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        ErrorSink sink;
        sink.add({name, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax error: " + e.msg);
        sink.throw_if_any();
    }
    return {};
}

SourceLocation YamlReader::where(const YAML::Node& n) const {
    const auto m = n.Mark();
    if (m.is_null()) return {file_, 0, 0};
    return {file_, m.line + 1, m.column + 1};
}

void YamlReader::error(const YAML::Node& n, const std::string& path, std::string message) {
    sink_.add(where(n), path, std::move(message));
}

bool YamlReader::check_map(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) {
    if (!n.IsMap()) {
        error(n, path, "expected a mapping of keys to values");
        return false;
    }
    std::set<std::string> seen;
    for (const auto& kv : n) {
        const auto key = kv.first.as<std::string>("");
        if (!seen.insert(key).second) error(kv.first, join_path(path, key), "duplicate key");
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            error(kv.first, join_path(path, key),
                  fmt::format("unknown key '{}'{}; expected one of: {}", key, did_you_mean(key, allowed),
                              fmt::join(allowed, ", ")));
        }
    }
    return true;
}

bool YamlReader::require(const YAML::Node& map, const std::string& key, const std::string& path,
                         const std::string& expected) {
    if (map[key]) return true;
    error(map, join_path(path, key), fmt::format("missing required key '{}' ({})", key, expected));
    return false;
}

std::optional<std::string> YamlReader::string(const YAML::Node& n, const std::string& path) {
    if (!n.IsScalar()) {
        error(n, path, "expected a text value");
        return std::nullopt;
    }
    return n.as<std::string>();
}

std::optional<double> YamlReader::number(const YAML::Node& n, const std::string& path) {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) {
        error(n, path, "expected a number");
        return std::nullopt;
    }
    return v;
}

std::optional<int> YamlReader::integer(const YAML::Node& n, const std::string& path) {
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v)) {
        error(n, path, "expected a whole number");
        return std::nullopt;
    }
    return v;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& n, const std::string& path) {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
        error(n, path, "expected true or false");
        return std::nullopt;
    }
    return v;
}

std::optional<double> YamlReader::constant(const YAML::Node& n, const std::string& path, const std::string& unit,
                                           bool bare_ok) {
    if (!n.IsScalar()) {
        error(n, path, fmt::format("expected a quantity in {}", unit));
        return std::nullopt;
    }
    const auto target = canonical_unit(unit);
    std::string err;
    auto q = parse_quantity(n.as<std::string>(), &err);
    if (!q) {
        error(n, path, err);
        return std::nullopt;
    }
    if (q->unit_text.empty() && (bare_ok || target.dim.dimensionless())) return q->si;  // already in `unit`
    if (!(q->dim == target.dim)) {
        if (q->unit_text.empty())
            error(n, path, fmt::format("'{}' has no unit; expected {} (e.g. '{} {}')", n.as<std::string>(),
                                       target.dim.describe(), n.as<std::string>(), unit));
        else
            error(n, path, fmt::format("'{}' is {}; expected {}", n.as<std::string>(), q->dim.describe(),
                                       target.dim.describe()));
        return std::nullopt;
    }
    return q->si / target.factor;
}

std::optional<Distribution> YamlReader::distribution(const YAML::Node& n, const std::string& path,
                                                     const std::string& unit) {
    if (!check_map(n, path, {"type", "sd", "gsd", "p2_5", "p97_5", "min", "max", "mode", "median", "mean", "values",
                             "weights", "truncate"}))
        return std::nullopt;
    if (!require(n, "type", path, fmt::format("one of {}", fmt::join(Distribution::type_names(), ", "))))
        return std::nullopt;
    const auto type = string(n["type"], join_path(path, "type"));
    if (!type) return std::nullopt;
    const auto& names = Distribution::type_names();
    auto it = std::find(names.begin(), names.end(), *type);
    if (it == names.end() || *type == "none") {
        error(n["type"], join_path(path, "type"),
              fmt::format("unknown distribution '{}'{}; expected one of: {}", *type, did_you_mean(*type, names),
                          fmt::join(names.begin() + 1, names.end(), ", ")));
        return std::nullopt;
    }
    Distribution d;
    d.type = static_cast<Distribution::Type>(it - names.begin());
    auto get = [&](const char* key, bool required, bool dimensionless = false) -> std::optional<double> {
        if (!n[key]) {
            if (required) require(n, key, path, fmt::format("needed by a {} distribution", *type));
            return std::nullopt;
        }
        return constant(n[key], join_path(path, key), dimensionless ? "1" : unit, true);
    };
    bool ok = true;
    auto need = [&](std::optional<double> v, double& slot) {
        if (v) slot = *v;
        else ok = false;
    };
    using T = Distribution::Type;
    switch (d.type) {
        case T::normal: {
            auto mean = get("mean", false);
            if (mean) d.a = *mean;
            else d.a = std::nan("");  // filled from the value by the caller
            need(get("sd", true), d.b);
            if (ok && d.b <= 0) {
                error(n["sd"], join_path(path, "sd"), "the standard deviation must be positive");
                ok = false;
            }
            break;
        }
        case T::lognormal: {
            auto median = get("median", false);
            d.a = median ? *median : std::nan("");
            if (n["gsd"]) {
                need(get("gsd", true, true), d.b);
                if (ok && d.b <= 1) {
                    error(n["gsd"], join_path(path, "gsd"), "the geometric standard deviation must be greater than 1");
                    ok = false;
                }
            } else if (n["p2_5"] || n["p97_5"]) {
                double lo = 0, hi = 0;
                need(get("p2_5", true), lo);
                need(get("p97_5", true), hi);
                if (ok && (lo <= 0 || hi <= lo)) {
                    error(n, path, "a lognormal needs 0 < p2_5 < p97_5");
                    ok = false;
                } else if (ok) {
                    // 95 % interval: median = sqrt(lo*hi), sigma = ln(hi/lo) / (2 × 1.959964).
                    if (std::isnan(d.a)) d.a = std::sqrt(lo * hi);
                    d.b = std::exp(std::log(hi / lo) / (2 * 1.959963984540054));
                }
            } else {
                error(n, path, "a lognormal needs 'gsd' or both 'p2_5' and 'p97_5'");
                ok = false;
            }
            break;
        }
        case T::uniform:
            need(get("min", true), d.a);
            need(get("max", true), d.b);
            if (ok && d.a >= d.b) {
                error(n, path, "min must be less than max");
                ok = false;
            }
            break;
        case T::triangular:
        case T::pert: {
            need(get("min", true), d.a);
            need(get("max", true), d.b);
            auto mode = get("mode", false);
            d.c = mode ? *mode : std::nan("");
            if (ok && d.a >= d.b) {
                error(n, path, "min must be less than max");
                ok = false;
            }
            break;
        }
        case T::discrete: {
            if (!require(n, "values", path, "a list of values")) return std::nullopt;
            const auto& vals = n["values"];
            if (!vals.IsSequence() || vals.size() == 0) {
                error(vals, join_path(path, "values"), "expected a non-empty list");
                return std::nullopt;
            }
            for (std::size_t i = 0; i < vals.size(); ++i) {
                auto v = constant(vals[i], fmt::format("{}.values[{}]", path, i), unit, true);
                if (v) d.values.push_back(*v);
                else ok = false;
            }
            if (n["weights"]) {
                const auto& w = n["weights"];
                if (!w.IsSequence() || w.size() != vals.size()) {
                    error(w, join_path(path, "weights"), fmt::format("expected {} weights, one per value", vals.size()));
                    ok = false;
                } else {
                    double total = 0;
                    for (std::size_t i = 0; i < w.size(); ++i) {
                        auto x = number(w[i], fmt::format("{}.weights[{}]", path, i));
                        if (!x || *x < 0) {
                            if (x) error(w[i], fmt::format("{}.weights[{}]", path, i), "weights must not be negative");
                            ok = false;
                            continue;
                        }
                        d.weights.push_back(*x);
                        total += *x;
                    }
                    if (ok && total <= 0) {
                        error(w, join_path(path, "weights"), "weights must not all be zero");
                        ok = false;
                    }
                    if (ok)
                        for (auto& x : d.weights) x /= total;
                }
            } else {
                d.weights.assign(d.values.size(), 1.0 / static_cast<double>(d.values.size()));
            }
            break;
        }
        case T::none: break;
    }
    if (n["truncate"]) {
        const auto& t = n["truncate"];
        const auto tpath = join_path(path, "truncate");
        if (check_map(t, tpath, {"min", "max"})) {
            if (t["min"]) {
                auto v = constant(t["min"], join_path(tpath, "min"), unit, true);
                if (v) d.lower = *v;
                else ok = false;
            }
            if (t["max"]) {
                auto v = constant(t["max"], join_path(tpath, "max"), unit, true);
                if (v) d.upper = *v;
                else ok = false;
            }
            if (ok && d.lower >= d.upper) {
                error(t, tpath, "truncation min must be less than max");
                ok = false;
            }
        } else {
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return d;
}

}  // namespace lca4ai::io
