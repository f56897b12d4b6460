//! Output of `lca4ai project` (docs/cli.md): per-year and cumulative totals of every indicator.
#include "lca4ai/projection_writer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lca4ai/version.hpp"

namespace lca4ai {
namespace {

const char* kPercentileKeys[percentile_count] = {"p2_5", "p5", "p25", "p50", "p75", "p95", "p97_5"};

nlohmann::ordered_json stats_json(const SeriesStats& s) {
    nlohmann::ordered_json j;
    j["mean"] = s.mean;
    j["sd"] = s.sd;
    j["se"] = s.se;
    if (s.has_percentiles)
        for (int q = 0; q < percentile_count; ++q) j[kPercentileKeys[q]] = s.percentiles[static_cast<std::size_t>(q)];
    return j;
}

std::string num(double v) { return fmt::format("{:.4g}", v); }

// One line of the chart: '#' up to the central value, '-' over the 95 % band, scaled to `top`.
std::string bar(double value, double lo, double hi, double top, int width) {
    auto col = [&](double x) { return top > 0 ? std::clamp(static_cast<int>(std::lround(x / top * width)), 0, width) : 0; };
    std::string s(static_cast<std::size_t>(width), ' ');
    for (int c = col(lo); c < col(hi); ++c) s[static_cast<std::size_t>(c)] = '-';
    for (int c = 0; c < col(value); ++c) s[static_cast<std::size_t>(c)] = '#';
    return s;
}

}  // namespace

nlohmann::ordered_json to_json(const Projection& p, const ScenarioInfo& info, const LcaSystem& sys) {
    nlohmann::ordered_json j;
    j["lca4ai"] = version;
    j["scenario"] = {{"name", info.name}, {"file", info.file}, {"sha256", info.checksum}};
    j["projection"] = {{"from", p.options.from}, {"to", p.options.to}, {"samples", p.options.samples}, {"seed", p.options.seed},
                       {"basis", "total"}, {"exact_percentiles", p.exact_percentiles}};
    nlohmann::ordered_json units;
    for (int i = 0; i < indicator_count; ++i) units[indicator_info(i).key] = indicator_info(i).unit;
    j["units"] = units;
    auto years = nlohmann::ordered_json::array();
    for (const auto& y : p.years) {
        nlohmann::ordered_json e;
        e["year"] = y.year;
        nlohmann::ordered_json ind, cum, fu, stages;
        for (int i = 0; i < indicator_count; ++i) {
            const auto k = indicator_info(i).key;
            const auto si = static_cast<std::size_t>(i);
            nlohmann::ordered_json a = {{"unit", indicator_info(i).unit}, {"value", y.outcome.total[si]}};
            nlohmann::ordered_json c = {{"unit", indicator_info(i).unit}, {"value", y.cumulative[si]}};
            if (p.sampled) {
                a.update(stats_json(y.annual[si]));
                c.update(stats_json(y.cumulative_stats[si]));
            }
            ind[k] = a;
            cum[k] = c;
            fu[k] = y.outcome.functional_units > 0 ? y.outcome.total[si] / y.outcome.functional_units : 0.0;
        }
        for (int s = 0; s < stage_count; ++s) {
            nlohmann::ordered_json st;
            for (int i = 0; i < indicator_count; ++i)
                st[indicator_info(i).key] = y.outcome.stages[static_cast<std::size_t>(s)][static_cast<std::size_t>(i)];
            stages[stage_name(static_cast<Stage>(s))] = st;
        }
        e["indicators"] = ind;
        e["cumulative"] = cum;
        e["stages"] = stages;
        e["per_functional_unit"] = fu;
        if (!y.fleets.empty()) {
            nlohmann::ordered_json fl;
            for (const auto& f : y.fleets)
                fl[sys.node_names[static_cast<std::size_t>(f.node)]] = {
                    {"devices", f.devices}, {"purchased", f.purchased}, {"retired", f.retired}};
            e["fleets"] = fl;
        }
        years.push_back(e);
    }
    j["years"] = years;
    return j;
}

std::string to_csv(const Projection& p, const ScenarioInfo&, const LcaSystem&) {
    std::string out = "year,indicator,unit,basis,statistic,value\n";
    for (const auto& y : p.years)
        for (int i = 0; i < indicator_count; ++i) {
            const auto si = static_cast<std::size_t>(i);
            const auto& inf = indicator_info(i);
            for (int c = 0; c < 2; ++c) {
                const char* basis = c ? "cumulative" : "annual";
                const double v = c ? y.cumulative[si] : y.outcome.total[si];
                out += fmt::format("{},{},{},{},value,{:.17g}\n", y.year, inf.key, inf.unit, basis, v);
                if (!p.sampled) continue;
                const auto& s = c ? y.cumulative_stats[si] : y.annual[si];
                out += fmt::format("{},{},{},{},mean,{:.17g}\n", y.year, inf.key, inf.unit, basis, s.mean);
                out += fmt::format("{},{},{},{},sd,{:.17g}\n", y.year, inf.key, inf.unit, basis, s.sd);
                if (s.has_percentiles)
                    for (int q = 0; q < percentile_count; ++q)
                        out += fmt::format("{},{},{},{},{},{:.17g}\n", y.year, inf.key, inf.unit, basis, kPercentileKeys[q],
                                           s.percentiles[static_cast<std::size_t>(q)]);
            }
        }
    return out;
}

std::string to_text(const Projection& p, const ScenarioInfo& info, const LcaSystem& sys) {
    std::string out = fmt::format("lca4ai {} — projection of {}\n", version, info.name.empty() ? info.file : info.name);
    out += fmt::format("years {}–{}, whole system per year", p.options.from, p.options.to);
    if (p.sampled) out += fmt::format("; {} samples (seed {}), band = 95 % (p2.5–p97.5)", p.options.samples, p.options.seed);
    out += "\n";
    for (int i = 0; i < indicator_count; ++i) {
        const auto si = static_cast<std::size_t>(i);
        const auto& inf = indicator_info(i);
        out += fmt::format("\n{} [{}] — {}\n", inf.key, inf.unit, inf.name);
        if (p.sampled)
            out += fmt::format("  {:<6}{:>11}{:>11}{:>11}{:>11}   {:>11}{:>11}{:>11}\n", "year", "value", "p2.5", "median",
                               "p97.5", "cumulative", "p2.5", "p97.5");
        else
            out += fmt::format("  {:<6}{:>11}   {:>11}\n", "year", "value", "cumulative");
        for (const auto& y : p.years) {
            if (p.sampled) {
                const auto& a = y.annual[si];
                const auto& c = y.cumulative_stats[si];
                out += fmt::format("  {:<6}{:>11}{:>11}{:>11}{:>11}   {:>11}{:>11}{:>11}\n", y.year, num(y.outcome.total[si]),
                                   num(a.percentiles[0]), num(a.percentiles[3]), num(a.percentiles[6]), num(y.cumulative[si]),
                                   num(c.percentiles[0]), num(c.percentiles[6]));
            } else {
                out += fmt::format("  {:<6}{:>11}   {:>11}\n", y.year, num(y.outcome.total[si]), num(y.cumulative[si]));
            }
        }
    }
    // Compact chart of the climate indicator: '#' central value, '-' 95 % band.
    double top = 0;
    for (const auto& y : p.years)
        top = std::max({top, y.outcome.total[gwp], p.sampled ? y.annual[gwp].percentiles[6] : 0.0});
    out += fmt::format("\ngwp per year [kg CO2e] ('#' value{})\n", p.sampled ? ", '-' 95 % band" : "");
    for (const auto& y : p.years) {
        const double lo = p.sampled ? y.annual[gwp].percentiles[0] : y.outcome.total[gwp];
        const double hi = p.sampled ? y.annual[gwp].percentiles[6] : y.outcome.total[gwp];
        out += fmt::format("  {} |{}| {}\n", y.year, bar(y.outcome.total[gwp], lo, hi, top, 50), num(y.outcome.total[gwp]));
    }
    // Each year counts the scenario as written: services should describe one year of operation.
    if (!p.years.empty())
        for (std::size_t r = 0; r < sys.reported.size(); ++r)
            if (sys.reported[r].key == "period" && std::abs(p.years[0].outcome.reported[r] - 8760.0) > 1e-6)
                out += fmt::format("\nnote: service '{}' runs {:.4g} h (not one year) in each projected year; "
                                   "set its period to 1 year for annual results\n",
                                   sys.node_names[static_cast<std::size_t>(sys.reported[r].node)], p.years[0].outcome.reported[r]);
    bool any_fleet = false;
    for (const auto& y : p.years) any_fleet = any_fleet || !y.fleets.empty();
    if (any_fleet) {
        out += fmt::format("\nfleets (central values) [units]\n  {:<6}{:<16}{:>12}{:>12}{:>12}\n", "year", "service", "devices",
                           "purchased", "retired");
        for (const auto& y : p.years)
            for (const auto& f : y.fleets)
                out += fmt::format("  {:<6}{:<16}{:>12}{:>12}{:>12}\n", y.year, sys.node_names[static_cast<std::size_t>(f.node)],
                                   num(f.devices), num(f.purchased), num(f.retired));
    }
    return out;
}

}  // namespace lca4ai
