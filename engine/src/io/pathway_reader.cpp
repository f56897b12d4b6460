//! Pathway specifications (docs/scenario-format.md, "Pathways"), shared by scenarios and inventories.
#include "pathway_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lca4ai::io {
namespace {

bool is_year(const std::string& s) {
    return !s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

double seconds_per_year() { return parse_unit("year")->factor; }

// A value in `unit` (bare numbers in `unit`), optionally {value, distribution}; the unit is fixed by the first one.
bool read_point(YamlReader& r, const YAML::Node& n, const std::string& path, std::string& unit, double& si,
                Distribution& d) {
    YAML::Node q = n;
    if (n.IsMap()) {
        if (!r.check_map(n, path, {"value", "distribution"}) || !r.require(n, "value", path, "the value in that year"))
            return false;
        q.reset(n["value"]);
    }
    if (!q.IsScalar()) {
        r.error(q, path, "expected a quantity");
        return false;
    }
    std::string err;
    auto v = parse_quantity(q.as<std::string>(), &err);
    if (!v) {
        r.error(q, path, err);
        return false;
    }
    if (unit.empty() && !v->unit_text.empty()) unit = v->unit_text;
    const auto u = parse_unit(unit.empty() ? "1" : unit);
    if (v->unit_text.empty()) {
        si = v->si * u->factor;
    } else if (!(v->dim == u->dim)) {
        r.error(q, path, fmt::format("'{}' is {}; the pathway is in {}", q.as<std::string>(), v->dim.describe(), unit));
        return false;
    } else {
        si = v->si;
    }
    if (n.IsMap() && n["distribution"]) {
        auto dd = r.distribution(n["distribution"], path + ".distribution", unit.empty() ? "1" : unit);
        if (!dd) return false;
        d = *dd;
        d.scale(u->factor);
        if (std::isnan(d.a)) d.a = si;
        if (std::isnan(d.c)) d.c = si;
    }
    return true;
}

// A rate per year: "20 %/year", "0.2 /year", or a bare number (per year).
bool read_rate(YamlReader& r, const YAML::Node& n, const std::string& path, double& rate, Distribution& d) {
    YAML::Node q = n;
    if (n.IsMap()) {
        if (!r.check_map(n, path, {"value", "distribution"}) || !r.require(n, "value", path, "a rate such as '20 %/year'"))
            return false;
        q.reset(n["value"]);
    }
    std::string err;
    auto v = q.IsScalar() ? parse_quantity(q.as<std::string>(), &err) : std::nullopt;
    if (!v) {
        r.error(q, path, err.empty() ? "expected a rate such as '20 %/year'" : err);
        return false;
    }
    Dimension per_time;
    per_time.exp[Dimension::time] = -1;
    double to_per_year = 1.0;
    std::string unit = v->unit_text.empty() ? "1" : v->unit_text;
    if (v->dim == per_time) {
        rate = v->si * seconds_per_year();
        to_per_year = parse_unit(unit)->factor * seconds_per_year();
    } else if (v->dim.dimensionless()) {
        rate = v->si;
        to_per_year = parse_unit(unit)->factor;
    } else {
        r.error(q, path, fmt::format("'{}' is not a rate; write it as a share per year, e.g. '20 %/year'", q.as<std::string>()));
        return false;
    }
    if (rate <= -1) {
        r.error(q, path, "a growth rate must be above -100 % per year");
        return false;
    }
    if (n.IsMap() && n["distribution"]) {
        auto dd = r.distribution(n["distribution"], path + ".distribution", unit);
        if (!dd) return false;
        d = *dd;
        d.scale(to_per_year);
        if (std::isnan(d.a)) d.a = rate;
        if (std::isnan(d.c)) d.c = rate;
        d.lower = std::max(d.lower, -0.999999);
    }
    return true;
}

}  // namespace

std::optional<Pathway> read_pathway(YamlReader& r, const YAML::Node& n, const std::string& path,
                                    const YAML::Node& interpolation, std::string& unit) {
    Pathway p;
    if (interpolation) {
        static const std::vector<std::string> kinds = {"linear", "step", "growth", "logistic"};
        const auto s = interpolation.as<std::string>("");
        auto it = std::find(kinds.begin(), kinds.end(), s);
        if (it == kinds.end()) {
            r.error(interpolation, path, fmt::format("unknown interpolation '{}'{}; expected one of: {}", s,
                                                     did_you_mean(s, kinds), fmt::join(kinds, ", ")));
            return std::nullopt;
        }
        p.interpolation = static_cast<Pathway::Interpolation>(it - kinds.begin());
    }
    if (!n.IsMap()) {
        r.error(n, path, "expected values by year ({2024: ..., 2030: ...}), {from, value, growth}, "
                         "{floor, ceiling, midpoint, steepness} or the name of an inventory pathway");
        return std::nullopt;
    }
    if (n["ceiling"] || p.interpolation == Pathway::Interpolation::logistic) {
        if (!r.check_map(n, path, {"floor", "ceiling", "midpoint", "steepness"})) return std::nullopt;
        for (const char* k : {"ceiling", "midpoint", "steepness"})
            if (!r.require(n, k, path, "a logistic S-curve: floor (default 0), ceiling, midpoint (year), steepness (/year)"))
                return std::nullopt;
        p.interpolation = Pathway::Interpolation::logistic;
        Distribution ignored;
        if (n["floor"] && !read_point(r, n["floor"], path + ".floor", unit, p.floor, ignored)) return std::nullopt;
        if (!read_point(r, n["ceiling"], path + ".ceiling", unit, p.ceiling, ignored)) return std::nullopt;
        auto mid = r.number(n["midpoint"], path + ".midpoint");
        if (!mid || !read_rate(r, n["steepness"], path + ".steepness", p.steepness, ignored)) return std::nullopt;
        p.midpoint = *mid;
        return p;
    }
    if (n["from"] || n["growth"]) {
        if (!r.check_map(n, path, {"from", "value", "growth"})) return std::nullopt;
        for (const char* k : {"from", "value", "growth"})
            if (!r.require(n, k, path, "compound growth: {from: YEAR, value: V, growth: R %/year}")) return std::nullopt;
        auto from = r.integer(n["from"], path + ".from");
        double v = 0;
        Distribution d;
        if (!from || !read_point(r, n["value"], path + ".value", unit, v, d)) return std::nullopt;
        if (!read_rate(r, n["growth"], path + ".growth", p.rate, p.rate_uncertainty)) return std::nullopt;
        p.has_rate = true;
        p.interpolation = Pathway::Interpolation::growth;
        p.years = {*from};
        p.values = {v};
        p.uncertainty = {d};
        return p;
    }
    std::vector<std::pair<int, std::pair<double, Distribution>>> points;
    for (const auto& kv : n) {
        const auto key = kv.first.as<std::string>("");
        const auto ppath = fmt::format("{}.{}", path, key);
        if (!is_year(key)) {
            r.error(kv.first, ppath, "expected a year (e.g. 2030), or one of from/value/growth or floor/ceiling/midpoint/steepness");
            return std::nullopt;
        }
        double v = 0;
        Distribution d;
        if (!read_point(r, kv.second, ppath, unit, v, d)) return std::nullopt;
        points.push_back({std::stoi(key), {v, d}});
    }
    if (points.empty()) {
        r.error(n, path, "a pathway needs at least one year");
        return std::nullopt;
    }
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < points.size(); ++i)
        if (points[i].first == points[i - 1].first) {
            r.error(n, path, fmt::format("year {} is given twice", points[i].first));
            return std::nullopt;
        }
    for (auto& [y, vd] : points) {
        p.years.push_back(y);
        p.values.push_back(vd.first);
        p.uncertainty.push_back(vd.second);
    }
    return p;
}

}  // namespace lca4ai::io
