//! Reporting checklist per use case, after Kim et al.'s recommendations for
//! reporting the footprint of AI inference (task and modality, tokens, hardware,
//! operational conditions, tools and data quality, boundary, units).
#include <set>

#include <fmt/format.h>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

std::vector<ChecklistItem> reporting_checklist(const UseCase& uc, const LcaSystem& sys) {
    const auto& ri = uc.reporting;
    const auto& sc = uc.scenario;
    std::vector<ChecklistItem> out;
    auto add = [&](const char* key, const char* label, bool present, std::string detail) {
        out.push_back({key, label, std::move(detail), present});
    };
    add("task", "Task and modality", !ri.task.empty() && !ri.modality.empty(),
        ri.task.empty() && ri.modality.empty() ? "not declared"
                                               : fmt::format("{}{}{}", ri.task, ri.task.empty() || ri.modality.empty() ? "" : " · ",
                                                             ri.modality.empty() ? "(modality missing)" : ri.modality));
    bool scenario_tokens = false;
    for (const auto& n : sc.nodes)
        if (n.type == NodeType::inference && std::get<InferenceNode>(n.data).tokens_per_request) scenario_tokens = true;
    const bool tokens = (ri.tokens_in && ri.tokens_out) || scenario_tokens;
    add("tokens", "Tokens in / out per request", tokens,
        ri.tokens_in && ri.tokens_out ? fmt::format("{:.0f} in / {:.0f} out", *ri.tokens_in, *ri.tokens_out)
        : scenario_tokens            ? "tokens per request in the scenario (split in/out not declared)"
                                     : "not declared (not applicable to non-generative models: say so)");
    std::vector<std::string> items;
    for (const auto& n : sc.nodes)
        if (n.type == NodeType::hardware) {
            const auto& h = std::get<HardwareNode>(n.data);
            items.push_back(h.item.empty() ? n.name + " (inline factors)" : h.item);
        }
    add("hardware", "Hardware", !items.empty(), items.empty() ? "no hardware node: embodied impacts not counted"
                                                               : fmt::format("{}", fmt::join(items, ", ")));
    std::set<std::string> regions;
    for (const auto& n : sc.nodes)
        if (n.type == NodeType::grid) regions.insert(std::get<GridNode>(n.data).record.empty() ? "inline factors" : std::get<GridNode>(n.data).record);
    const bool ops = !ri.batching.empty() && ri.utilisation && !regions.empty();
    std::vector<std::string> missing_ops;
    if (ri.batching.empty()) missing_ops.push_back("batching");
    if (!ri.utilisation) missing_ops.push_back("utilisation");
    add("operations", "Operational conditions (batching, utilisation, region)", ops,
        fmt::format("region {}{}{}", regions.empty() ? "?" : fmt::format("{}", fmt::join(regions, ", ")),
                    ri.batching.empty() ? "" : "; batching " + ri.batching,
                    missing_ops.empty() ? (ri.utilisation ? fmt::format("; utilisation {:.0f} %", *ri.utilisation * 100) : "")
                                        : fmt::format("; missing: {}", fmt::join(missing_ops, ", "))));
    add("data", "Tools, measured vs estimated data", !ri.data.empty() && !ri.tools.empty(),
        fmt::format("{}{}", ri.data.empty() ? "data quality not declared" : ri.data,
                    ri.tools.empty() ? "; no tool named" : fmt::format("; {}", fmt::join(ri.tools, ", "))));
    bool embodied = false, operational = false;
    for (const auto& p : sys.processes) (p.embodied ? embodied : operational) = true;
    add("boundary", "System boundary", !ri.boundary.empty(),
        ri.boundary.empty() ? fmt::format("not declared (the scenario covers {}{})", embodied ? "embodied" : "",
                                          operational ? (embodied ? " and operational" : "operational") : "")
                            : ri.boundary);
    add("units", "Functional unit and units", sc.functional_unit.node >= 0,
        sc.functional_unit.node >= 0 ? fmt::format("per {} ({} {} in the year)", sc.functional_unit.label,
                                                   uc.volume ? fmt::format("{:.3g}", *uc.volume) : "?", uc.volume_kind)
                                     : "no functional unit: whole-system results only");
    return out;
}

double default_share(const UseCase& uc, const LcaSystem& sys, const Outcome& o) {
    // Nodes named at the head of an assumption ("h100: utilisation over life not given; ...").
    std::set<int> nodes;
    for (const auto& a : uc.scenario.assumptions) {
        const auto colon = a.find(':');
        if (colon == std::string::npos) continue;
        const auto name = a.substr(0, colon);
        for (std::size_t i = 0; i < sys.node_names.size(); ++i)
            if (sys.node_names[i] == name) nodes.insert(static_cast<int>(i));
    }
    if (o.total[gwp] <= 0) return 0.0;
    // Whatever an activity on defaults pulls, plus the own processes of other nodes on defaults
    // (an upper estimate: a process reached through two defaults counts twice; capped at 1).
    double on_defaults = 0;
    for (std::size_t k = 0; k < sys.demands.size(); ++k)
        if (nodes.count(sys.demands[k].node)) on_defaults += o.activities[k][gwp];
    for (std::size_t p = 0; p < sys.processes.size(); ++p)
        if (nodes.count(sys.processes[p].node) && !sys.processes[p].name.starts_with("act:")) on_defaults += o.processes[p][gwp];
    return std::min(1.0, on_defaults / o.total[gwp]);
}

}  // namespace lca4ai
