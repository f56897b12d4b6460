#include "lca4ai/report.hpp"

#include <fmt/format.h>

#include "lca4ai/calculator.hpp"

namespace lca4ai {

ScenarioInfo scenario_info(const Scenario& sc) {
    ScenarioInfo info;
    info.name = sc.name;
    info.file = sc.file;
    info.checksum = sc.checksum;
    info.fu_label = sc.functional_unit.label;
    info.fu_amount = sc.functional_unit.amount;
    info.assumptions = sc.assumptions;
    info.inventory_records = sc.inventory_records_used;
    info.measurements = sc.measurements;
    return info;
}

Report run_scenario(const Scenario& sc, const SamplingOptions* sampling) {
    Report r;
    r.info = scenario_info(sc);
    r.system = compile(sc);
    r.outcome = evaluate_central(r.system);
    r.per_request = per_request(r.system, r.outcome);
    if (sampling && sampling->samples > 0) r.stats = monte_carlo(r.system, *sampling);
    for (const auto& name : sc.inventory_records_used) {
        const auto* rec = sc.inventories.find(name);
        if (!rec) continue;
        const auto* src = sc.inventories.source_of(*rec, rec->source);
        r.sources.push_back({name, src ? src->citation() : std::string("(see per-value sources)")});
        r.record_meta[name] = fmt::format("{}, {}", rec->year, rec->license);
    }
    return r;
}

std::string render(const Report& r, const std::string& format) {
    if (format == "json") return to_json(r).dump(2) + "\n";
    if (format == "csv") return to_csv(r);
    return to_text(r);
}

}  // namespace lca4ai
