//! Market-based electricity (GHG Protocol Scope 2 Guidance): contractual
//! instruments first, the residual mix for the rest, the location-based grid
//! factor only when no residual mix is known (and then said so).
#include <algorithm>

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

std::vector<GridMarketFactor> market_factors(const UseCase& uc, const LcaSystem& sys) {
    const auto& db = uc.scenario.inventories;
    const auto& c = uc.electricity;
    double covered = 0, instruments = 0;  // share-weighted
    for (const auto& in : c.instruments) {
        covered += in.share;
        instruments += in.share * in.gwp;
    }
    std::vector<GridMarketFactor> out;
    for (std::size_t p = 0; p < sys.processes.size(); ++p) {
        if (classify(sys.processes[p]) != ProcessClass::electricity) continue;
        GridMarketFactor f;
        f.process = static_cast<int>(p);
        f.instruments = instruments;
        f.covered = covered;
        f.basis = "location-based factor (no residual mix known)";
        const auto& grid = std::get<GridNode>(uc.scenario.nodes[static_cast<std::size_t>(sys.processes[p].node)].data);
        if (c.residual_gwp) {
            f.residual = *c.residual_gwp;
            f.basis = fmt::format("declared factor ({})", c.residual_source);
        } else if (const auto* rec = !c.residual_record.empty() ? db.find(c.residual_record) : residual_of(db, grid.record)) {
            f.residual = rec->values.at("gwp").value;
            f.basis = fmt::format("residual mix {} ({})", rec->name, rec->year);
            f.record = rec->name;
        }
        if (covered >= 1 - 1e-12) f.basis = "fully covered by contractual instruments";
        out.push_back(std::move(f));
    }
    return out;
}

LcaSystem market_system(const UseCase& uc, const LcaSystem& sys) {
    LcaSystem m = sys;
    const auto it = std::find(m.flow_names.begin(), m.flow_names.end(), "co2e");
    if (it == m.flow_names.end()) return m;
    const int co2e = static_cast<int>(it - m.flow_names.begin());
    const double c = m.characterisation(gwp, co2e);
    if (c == 0.0) return m;
    for (const auto& f : market_factors(uc, sys)) {
        bool found = false;
        for (auto& b : m.biosphere) {
            if (b.col != f.process || b.row != co2e) continue;
            // kg CO2e per kWh: instruments + uncovered share × residual (or × the location factor itself).
            const Expr residual = f.residual ? Expr(*f.residual / c) : b.value;
            b.value = Expr(f.instruments / c) + Expr(1.0 - f.covered) * residual;
            found = true;
        }
        if (!found && f.instruments + (1.0 - f.covered) * f.residual.value_or(0.0) != 0.0)  // a grid with no CO2e of its own
            m.biosphere.push_back({co2e, f.process, Expr((f.instruments + (1.0 - f.covered) * f.residual.value_or(0.0)) / c)});
    }
    return m;
}

void account_electricity(const UseCase& uc, const LcaSystem& sys, const std::vector<Impacts>& process_impacts,
                         UseCaseResult& r) {
    for (const auto& f : market_factors(uc, sys)) {
        const auto p = static_cast<std::size_t>(f.process);
        const double kwh = process_impacts[p][energy] * r.scale;
        const double loc = process_impacts[p][gwp] * r.scale;
        if (kwh <= 0) continue;
        const double residual = f.residual.value_or(loc / kwh);
        if (!f.residual) {
            const auto& grid = std::get<GridNode>(uc.scenario.nodes[static_cast<std::size_t>(sys.processes[p].node)].data);
            r.assumptions.push_back(fmt::format("market-based: no residual mix for grid '{}'{}: its location-based factor is used",
                                                sys.node_names[static_cast<std::size_t>(sys.processes[p].node)],
                                                grid.record.empty() ? "" : " (" + grid.record + ")"));
        }
        if (!f.record.empty()) r.residual_record = f.record;
        const double market = kwh * (f.instruments + (1 - f.covered) * residual);
        r.electricity_kwh += kwh;
        r.contracted_kwh += kwh * f.covered;
        r.gwp_location_electricity += loc;
        r.gwp_market_electricity += market;
        r.market_factor_residual = residual;
        r.residual_basis = f.basis;
        const auto own = process_ownership(sys, uc.scenario, f.process, uc.ownership);
        r.scopes_market_gwp[static_cast<std::size_t>(scope_of(ProcessClass::electricity, own))] += market - loc;
    }
}

}  // namespace lca4ai
