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
    return out;
}

}  // namespace lca4ai
