//! Market-based electricity (GHG Protocol Scope 2 Guidance): contractual
//! instruments first, the residual mix for the rest, the location-based grid
//! factor only when no residual mix is known (and then said so).
#include <fmt/format.h>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {
namespace {

//! The residual_mix record of a grid region ("residual-DE"), or nullptr.
const InventoryRecord* residual_of(const InventoryDb& db, const std::string& grid_record) {
    if (grid_record.empty()) return nullptr;
    const auto* grid = db.find(grid_record);
    const auto* rec = db.find("residual-" + (grid ? grid->name : grid_record));
    return rec && rec->kind == "residual_mix" ? rec : nullptr;
}

}  // namespace

void account_electricity(const UseCase& uc, const LcaSystem& sys, const std::vector<Impacts>& process_impacts,
                         UseCaseResult& r) {
    const auto& db = uc.scenario.inventories;
    const auto& c = uc.electricity;
    double covered_share = 0, instrument_factor = 0;  // share-weighted
    for (const auto& in : c.instruments) {
        covered_share += in.share;
        instrument_factor += in.share * in.gwp;
    }
    for (std::size_t p = 0; p < sys.processes.size(); ++p) {
        if (classify(sys.processes[p]) != ProcessClass::electricity) continue;
        const double kwh = process_impacts[p][energy] * r.scale;
        const double loc = process_impacts[p][gwp] * r.scale;
        if (kwh <= 0) continue;
        // Residual factor for the uncovered rest of this grid's electricity.
        double residual = loc / kwh;
        std::string basis = "location-based factor (no residual mix known)";
        const auto& grid = std::get<GridNode>(uc.scenario.nodes[static_cast<std::size_t>(sys.processes[p].node)].data);
        if (c.residual_gwp) {
            residual = *c.residual_gwp;
            basis = fmt::format("declared factor ({})", c.residual_source);
        } else if (const auto* rec = !c.residual_record.empty() ? db.find(c.residual_record) : residual_of(db, grid.record)) {
            residual = rec->values.at("gwp").value;
            basis = fmt::format("residual mix {} ({})", rec->name, rec->year);
            r.residual_record = rec->name;
        } else {
            r.assumptions.push_back(fmt::format("market-based: no residual mix for grid '{}'{}: its location-based factor is used",
                                                sys.node_names[static_cast<std::size_t>(sys.processes[p].node)],
                                                grid.record.empty() ? "" : " (" + grid.record + ")"));
        }
        if (covered_share >= 1 - 1e-12) basis = "fully covered by contractual instruments";
        const double market = kwh * (instrument_factor + (1 - covered_share) * residual);
        r.electricity_kwh += kwh;
        r.contracted_kwh += kwh * covered_share;
        r.gwp_location_electricity += loc;
        r.gwp_market_electricity += market;
        r.market_factor_residual = residual;
        r.residual_basis = basis;
        const auto own = process_ownership(sys, uc.scenario, static_cast<int>(p), uc.ownership);
        r.scopes_market_gwp[static_cast<std::size_t>(scope_of(ProcessClass::electricity, own))] += market - loc;
    }
}

}  // namespace lca4ai
