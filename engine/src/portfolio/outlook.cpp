//! The portfolio outlook: every use case's scenario carried forward year by year with the
//! projection machinery (pathway parameters at their value of each calendar year, sampled with the
//! portfolio's keyed variates), from the reporting year to `outlook.until` (docs/portfolio.md,
//! "Outlook"; rules: docs/methodology.md §12.6).
#include "outlook.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "joint_sampling.hpp"
#include "lca4ai/calculator.hpp"
#include "lca4ai/units.hpp"

namespace lca4ai::detail {
namespace {

int find_parameter(const Scenario& sc, const std::string& name) {
    for (std::size_t i = 0; i < sc.parameters.size(); ++i)
        if (sc.parameters[i].name == name) return static_cast<int>(i);
    return -1;
}

//! A parameter following `pw` (SI values), made once per name.
int pathway_parameter(Scenario& sc, const std::string& name, double value, const Pathway& pw, const std::string& unit,
                      const std::string& origin) {
    if (int i = find_parameter(sc, name); i >= 0) return i;
    Parameter p;
    p.name = name;
    p.value = value;
    p.unit = unit;
    p.display_factor = unit.empty() ? 1.0 : parse_unit(unit)->factor;
    p.origin = origin;
    p.pathway = std::make_shared<const Pathway>(pw);
    sc.parameters.push_back(std::move(p));
    return static_cast<int>(sc.parameters.size()) - 1;
}

//! Makes the factors of every grid of `sc` follow its region's pathway of the chosen scenario
//! (as `pathway:` on a grid node does, docs/methodology.md §11.1). Returns what was applied.
std::string apply_grid_pathways(Scenario& sc, const UseCase& uc, std::vector<std::string>& notes, std::vector<std::string>& records) {
    std::vector<std::string> applied;
    const auto& db = sc.inventories;
    for (auto& node : sc.nodes) {
        if (node.type != NodeType::grid) continue;
        auto& g = std::get<GridNode>(node.data);
        const auto* rec = g.record.empty() ? nullptr : db.find(g.record);
        if (!rec) {
            applied.push_back(fmt::format("{}: held (inline factors)", node.name));
            continue;
        }
        const auto by_region = uc.outlook.grid_by_region.find(rec->name);
        const std::string scenario = by_region != uc.outlook.grid_by_region.end() ? by_region->second : uc.outlook.grid;
        if (scenario.empty() || scenario == "none") {
            applied.push_back(fmt::format("{} ({}): held", node.name, rec->name));
            continue;
        }
        const InventoryRecord* pw = nullptr;
        for (const auto& [k, p] : db.records())
            if (p.kind == "pathway" && p.applies_to == rec->name && p.scenario == scenario) pw = &p;
        if (!pw) {
            applied.push_back(fmt::format("{} ({}): held", node.name, rec->name));
            notes.push_back(fmt::format("{}: no '{}' pathway is shipped for grid {}; its factors are held at their inventory values",
                                        uc.id, scenario, rec->name));
            continue;
        }
        bool own = false;
        for (const auto& f : factor_fields) {
            auto series = pw->series.find(f.key);
            if (series == pw->series.end()) continue;
            const std::string per_kwh = std::string(f.unit) + "/kWh";
            const double to_canonical = 1.0 / parse_unit(per_kwh)->factor;  // series in SI, factors in canonical units
            const auto other = sc.follow_pathway(g.per_kwh.*f.slot, *pw, f.key, to_canonical, [&](double value) {
                return Expr::parameter(pathway_parameter(sc, fmt::format("pathway.{}.{}", pw->name, f.key), value, series->second,
                                                         pw->series_unit.at(f.key), pw->name));
            });
            if (other) own = true;  // the scenario's own `pathway:` wins
        }
        if (!own) records.push_back(pw->name);
        if (own) notes.push_back(fmt::format("{}: grid '{}' keeps the pathway its scenario gives it", uc.id, node.name));
        applied.push_back(fmt::format("{} ({}): {}", node.name, rec->name, own ? "scenario's own pathway" : scenario));
    }
    return applied.empty() ? "no grid" : fmt::format("{}", fmt::join(applied, "; "));
}

//! An index parameter (value 1 at its central; rebased to the reporting year when evaluated).
int index_parameter(Scenario& sc, const OutlookIndex& ix) {
    if (!ix.pathway) return -1;
    return pathway_parameter(sc, ix.identity, 1.0, *ix.pathway, "", ix.label);
}

}  // namespace

OutlookSystem outlook_system(const UseCase& uc) {
    OutlookSystem os;
    Scenario sc = uc.scenario;
    os.row.id = uc.id;
    os.row.name = uc.name;
    os.row.grid = apply_grid_pathways(sc, uc, os.notes, os.records);
    for (const auto* ix : {&uc.outlook.efficiency, &uc.outlook.adoption})
        if (ix->pathway && !ix->record.empty()) os.records.push_back(ix->record);
    os.row.adoption = uc.outlook.adoption.pathway ? uc.outlook.adoption.label : "none";
    os.row.efficiency = uc.outlook.efficiency.pathway ? uc.outlook.efficiency.label : "none";
    os.efficiency = index_parameter(sc, uc.outlook.efficiency);
    if (os.efficiency >= 0) {
        // Inference energy ÷ efficiency index: per request, per token, or the power of a derived service.
        const Expr e = Expr::parameter(os.efficiency);
        for (auto& node : sc.nodes) {
            if (node.type != NodeType::inference) continue;
            auto& inf = std::get<InferenceNode>(node.data);
            if (inf.energy_per_request) inf.energy_per_request = *inf.energy_per_request / e;
            if (inf.energy_per_token) inf.energy_per_token = *inf.energy_per_token / e;
            if (inf.energy_mode == InferenceNode::EnergyMode::derived && inf.power) inf.power = *inf.power / e;
        }
    }
    os.adoption = index_parameter(sc, uc.outlook.adoption);
    for (const auto& p : uc.scenario.parameters)
        if (p.pathway && !p.name.starts_with("inventory.") && !p.name.starts_with("pathway."))
            os.notes.push_back(fmt::format("{}: scenario parameter '{}' follows its own pathway", uc.id, p.name));
    os.location = compile(sc);
    os.market = market_system(uc, os.location);
    os.keys = variate_keys(os.location, uc.scenario_identity);
    for (int p : {os.efficiency, os.adoption})
        if (p >= 0 && std::find(os.indices.begin(), os.indices.end(), p) == os.indices.end()) os.indices.push_back(p);
    return os;
}

double use_case_factor(const UseCase& uc, double fu) {
    if (!uc.volume) return 1.0;
    return fu > 0 ? *uc.volume / (uc.scenario.functional_unit.amount * fu) : 0.0;
}

OutlookResult evaluate_outlook(const Portfolio& pf, const SamplingOptions* sampling, const std::function<void()>& tick) {
    OutlookResult res;
    res.from = pf.year;
    res.until = pf.outlook->until;
    const std::size_t ny = static_cast<std::size_t>(res.until - res.from + 1);
    const bool sampled = sampling && sampling->samples > 0;
    const std::uint64_t n = sampled ? sampling->samples : 0;
    std::vector<std::vector<double>> loc_sum(ny, std::vector<double>(n * indicator_count, 0.0));
    std::vector<std::vector<double>> mkt_sum(ny, std::vector<double>(n, 0.0));
    for (std::size_t j = 0; j < ny; ++j) {
        res.years.push_back({});
        res.years[j].year = res.from + static_cast<int>(j);
        res.years[j].use_case_gwp.assign(pf.use_cases.size(), 0.0);
    }
    for (std::size_t u = 0; u < pf.use_cases.size(); ++u) {
        const auto& uc = pf.use_cases[u];
        const auto os = outlook_system(uc);
        res.use_cases.push_back(os.row);
        for (const auto& note : os.notes) res.notes.push_back(note);
        for (const auto& rec : os.records)
            if (std::find(res.records.begin(), res.records.end(), rec) == res.records.end()) res.records.push_back(rec);
        const auto adoption_col = static_cast<std::size_t>(
            std::find(os.indices.begin(), os.indices.end(), os.adoption) - os.indices.begin());
        const auto base = central_values(os.location, res.from);
        for (std::size_t j = 0; j < ny; ++j) {
            const int year = res.years[j].year;
            auto params = central_values(os.location, year);
            for (int p : os.indices) {
                const auto pp = static_cast<std::size_t>(p);
                params[pp] = base[pp] != 0.0 ? params[pp] / base[pp] : 1.0;
            }
            const Outcome o = evaluate(os.location, params);
            const Outcome om = evaluate(os.market, params);
            const double k = use_case_factor(uc, o.functional_units) * (os.adoption >= 0 ? params[static_cast<std::size_t>(os.adoption)] : 1.0);
            auto& y = res.years[j];
            for (int i = 0; i < indicator_count; ++i) y.total[static_cast<std::size_t>(i)] += o.total[static_cast<std::size_t>(i)] * k;
            y.total[gwp] += uc.onsite_fuel_gwp;
            y.gwp_market += om.total[gwp] * k + uc.onsite_fuel_gwp;
            y.electricity_kwh += o.total[energy] * k;
            y.use_case_gwp[u] = o.total[gwp] * k + uc.onsite_fuel_gwp;
            if (sampled) {
                const auto s = sample_pair(os.location, os.market, os.keys, n, sampling->seed, sampling->threads, year, os.indices, res.from);
                for (std::uint64_t q = 0; q < n; ++q) {
                    const double a = os.adoption >= 0 ? s.index[q * os.indices.size() + adoption_col] : 1.0;
                    const double kq = use_case_factor(uc, s.fu[q]) * a;
                    for (int i = 0; i < indicator_count; ++i) {
                        const auto c = q * indicator_count + static_cast<std::size_t>(i);
                        loc_sum[j][c] += s.location[c] * kq + (i == gwp ? uc.onsite_fuel_gwp : 0.0);
                    }
                    mkt_sum[j][q] += s.market[q] * kq + uc.onsite_fuel_gwp;
                }
            }
            if (tick) tick();
        }
    }
    if (sampled)
        for (std::size_t j = 0; j < ny; ++j) {
            res.years[j].bands = bands_of(loc_sum[j], n);
            res.years[j].market_band = band_of(mkt_sum[j]);
        }
    return res;
}

}  // namespace lca4ai::detail
