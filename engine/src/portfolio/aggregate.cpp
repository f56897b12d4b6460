//! Evaluates every use case of a portfolio and sums them: deterministic
//! contributions by stage and scope, market-based electricity, (with samples)
//! joint Monte Carlo bands of the sum, location- and market-based (keyed
//! variates: docs/methodology.md §12.4), and the outlook when asked for.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "joint_sampling.hpp"
#include "lca4ai/calculator.hpp"
#include "lca4ai/portfolio.hpp"
#include "outlook.hpp"

namespace lca4ai {

PortfolioResult evaluate_portfolio(const Portfolio& pf, const SamplingOptions* sampling) {
    PortfolioResult res;
    res.company = pf.company;
    res.description = pf.description;
    res.file = pf.file;
    res.checksum = pf.checksum;
    res.currency = pf.currency;
    res.year = pf.year;
    const bool sampled = sampling && sampling->samples > 0;
    const std::uint64_t n = sampled ? sampling->samples : 0;
    std::vector<double> sum_samples(n * indicator_count, 0.0), sum_market(n, 0.0);
    std::set<std::string> seen_records;
    // Progress: one step per use case, and one per use case and outlook year.
    const std::size_t outlook_years = pf.outlook ? static_cast<std::size_t>(pf.outlook->until - pf.year + 1) : 0;
    const double steps = static_cast<double>(pf.use_cases.size() * (1 + outlook_years));
    std::size_t done = 0;
    auto tick = [&] {
        ++done;
        if (sampled && sampling->progress) sampling->progress(static_cast<double>(done) / steps);
    };

    for (std::size_t u = 0; u < pf.use_cases.size(); ++u) {
        const auto& uc = pf.use_cases[u];
        const auto sys = compile(uc.scenario);
        const auto o = evaluate_central(sys);
        UseCaseResult r;
        r.id = uc.id;
        r.name = uc.name;
        r.ownership = uc.ownership;
        r.location = uc.location;
        r.volume_kind = uc.volume_kind;
        r.value = uc.value;
        r.assumptions = uc.scenario.assumptions;
        // Scale: per-FU intensity × yearly volume in reference units (or the whole scenario).
        const double fu_count = o.functional_units;
        const double fu_amount = uc.scenario.functional_unit.amount;
        if (uc.volume) {
            if (fu_count <= 0) throw CalculationError(fmt::format("use case '{}': the scenario has no functional units to scale", uc.id));
            r.volume = *uc.volume;
            r.scale = *uc.volume / (fu_amount * fu_count);
        } else {
            r.volume = fu_count * fu_amount;
            r.scale = 1.0;
        }
        // Contributions by process → stage, scope, embodied/operational.
        std::set<std::string> owners;
        for (std::size_t p = 0; p < sys.processes.size(); ++p) {
            Impacts c = o.processes[p];
            for (auto& v : c) v *= r.scale;
            const auto& proc = sys.processes[p];
            const auto own = process_ownership(sys, uc.scenario, static_cast<int>(p), uc.ownership);
            owners.insert(own.empty() ? "unassigned" : own);
            r.scopes[static_cast<std::size_t>(scope_of(classify(proc), own))] += c;
            r.total += c;
            (proc.embodied ? r.embodied : r.operational) += c;
        }
        for (int s = 0; s < stage_count; ++s) {
            Impacts c = o.stages[static_cast<std::size_t>(s)];
            for (auto& v : c) v *= r.scale;
            r.stages[static_cast<std::size_t>(s)] = c;
        }
        if (r.ownership.empty()) r.ownership = fmt::format("{}", fmt::join(owners, "+"));
        // Scope 1: on-site fuel (GWP only).
        r.scopes[scope1][gwp] += uc.onsite_fuel_gwp;
        r.total[gwp] += uc.onsite_fuel_gwp;
        r.operational[gwp] += uc.onsite_fuel_gwp;
        // Market-based electricity.
        account_electricity(uc, sys, o.processes, r);
        for (int s = 0; s < scope_count; ++s) r.scopes_market_gwp[static_cast<std::size_t>(s)] += r.scopes[static_cast<std::size_t>(s)][gwp];
        r.gwp_market = r.total[gwp] + (r.gwp_market_electricity - r.gwp_location_electricity);
        r.checklist = reporting_checklist(uc, sys);
        r.default_share = default_share(uc, sys, o);
        // Monte Carlo: the use case's location- and market-based systems on the portfolio's keyed
        // variates, whole-system samples scaled to its year (+ its scope 1, which is fixed).
        if (sampled) {
            const auto s = detail::sample_pair(sys, market_system(uc, sys), detail::variate_keys(sys, uc.scenario_identity), n,
                                               sampling->seed, sampling->threads, std::nullopt);
            std::vector<double> rows(n * indicator_count), market(n);
            for (std::uint64_t q = 0; q < n; ++q) {
                const double k = detail::use_case_factor(uc, s.fu[q]);
                for (int i = 0; i < indicator_count; ++i) {
                    const auto c = q * indicator_count + static_cast<std::size_t>(i);
                    rows[c] = s.location[c] * k + (i == gwp ? uc.onsite_fuel_gwp : 0.0);
                    sum_samples[c] += rows[c];
                }
                market[q] = s.market[q] * k + uc.onsite_fuel_gwp;
                sum_market[q] += market[q];
            }
            r.bands = detail::bands_of(rows, n);
            r.market_band = detail::band_of(std::move(market));
        }
        tick();
        // Aggregate.
        res.total += r.total;
        res.embodied += r.embodied;
        res.operational += r.operational;
        for (int s = 0; s < stage_count; ++s) res.stages[static_cast<std::size_t>(s)] += r.stages[static_cast<std::size_t>(s)];
        for (int s = 0; s < scope_count; ++s) {
            res.scopes[static_cast<std::size_t>(s)] += r.scopes[static_cast<std::size_t>(s)];
            res.scopes_market_gwp[static_cast<std::size_t>(s)] += r.scopes_market_gwp[static_cast<std::size_t>(s)];
        }
        res.gwp_market += r.gwp_market;
        res.electricity_kwh += r.electricity_kwh;
        res.contracted_kwh += r.contracted_kwh;
        auto cite = [&](const std::string& name) {
            if (name.empty() || !seen_records.insert(name).second) return;
            const auto* rec = uc.scenario.inventories.find(name);
            if (!rec) return;
            const auto* src = uc.scenario.inventories.source_of(*rec, rec->source);
            res.sources.push_back({name, src ? src->citation() : std::string("(see per-value sources)")});
            res.record_meta[name] = fmt::format("{}, {}", rec->year, rec->license);
        };
        for (const auto& name : uc.scenario.inventory_records_used) cite(name);
        cite(r.residual_record);
        res.use_cases.push_back(std::move(r));
    }
    if (sampled) {
        res.samples = n;
        res.seed = sampling->seed;
        res.bands = detail::bands_of(sum_samples, n);
        res.market_band = detail::band_of(std::move(sum_market));
    }
    if (pf.outlook) {
        res.outlook = detail::evaluate_outlook(pf, sampling, tick);
        for (const auto& name : res.outlook->records) {
            if (!seen_records.insert(name).second) continue;
            const auto& db = pf.use_cases.front().scenario.inventories;
            if (const auto* rec = db.find(name)) {
                const auto* src = db.source_of(*rec, rec->source);
                res.sources.push_back({name, src ? src->citation() : std::string("(see per-value sources)")});
                res.record_meta[name] = fmt::format("{}, {}", rec->year, rec->license);
            }
        }
    }
    return res;
}

}  // namespace lca4ai
