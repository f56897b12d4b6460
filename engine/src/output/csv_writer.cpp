//! Tidy CSV: one row per (basis, indicator, stage, node) value.
#include <fmt/format.h>

#include "lca4ai/report.hpp"

namespace lca4ai {

static std::string quote(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string to_csv(const Report& r) {
    const auto& o = r.outcome;
    std::string out = "basis,statistic,indicator,stage,node,value,unit\n";
    const double per_fu = o.functional_units > 0 ? 1.0 / o.functional_units : 0.0;
    for (const auto& [basis, scale] : {std::pair{"per_fu", per_fu}, std::pair{"total", 1.0}}) {
        for (int i = 0; i < indicator_count; ++i) {
            const auto ii = static_cast<std::size_t>(i);
            const auto& info = indicator_info(i);
            out += fmt::format("{},value,{},all,all,{:.10g},{}\n", basis, info.key, o.total[ii] * scale, info.unit);
            for (int s = 0; s < stage_count; ++s)
                out += fmt::format("{},value,{},{},all,{:.10g},{}\n", basis, info.key, stage_name(static_cast<Stage>(s)),
                                   o.stages[static_cast<std::size_t>(s)][ii] * scale, info.unit);
            for (std::size_t n = 0; n < o.nodes.size(); ++n)
                out += fmt::format("{},value,{},{},{},{:.10g},{}\n", basis, info.key, stage_name(r.system.node_stages[n]),
                                   quote(r.system.node_names[n]), o.nodes[n][ii] * scale, info.unit);
        }
    }
    if (r.stats) {
        // Statistics of the Monte Carlo samples: one row per statistic.
        static const char* pnames[] = {"p2_5", "p5", "p25", "p50", "p75", "p95", "p97_5"};
        auto rows = [&](const char* basis, const char* stage, const std::string& node, const IndicatorStats& st) {
            for (int i = 0; i < indicator_count; ++i) {
                const auto& s = st[static_cast<std::size_t>(i)];
                const auto& info = indicator_info(i);
                auto row = [&](const char* stat, double v) {
                    out += fmt::format("{},{},{},{},{},{:.10g},{}\n", basis, stat, info.key, stage, quote(node), v, info.unit);
                };
                row("mean", s.mean);
                row("sd", s.sd);
                row("se", s.se);
                if (s.has_percentiles)
                    for (int q = 0; q < percentile_count; ++q) row(pnames[q], s.percentiles[static_cast<std::size_t>(q)]);
            }
        };
        const auto& L = r.stats->layout;
        for (std::size_t b = 0; b < 2; ++b) {
            const char* basis = b == 0 ? "per_fu" : "total";
            const auto& g = r.stats->groups[b];
            rows(basis, "all", "all", g[BlockLayout::total]);
            for (int s = 0; s < stage_count; ++s)
                rows(basis, stage_name(static_cast<Stage>(s)), "all", g[BlockLayout::stage0 + static_cast<std::size_t>(s)]);
            for (std::size_t n = 0; n < L.nodes; ++n)
                rows(basis, stage_name(r.system.node_stages[n]), r.system.node_names[n], g[BlockLayout::node0 + n]);
        }
    }
    return out;
}

}  // namespace lca4ai
