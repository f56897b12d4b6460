//! Evaluates every use case of a portfolio and sums them: deterministic
//! contributions by stage and scope, market-based electricity, and (with
//! samples) Monte Carlo bands of the sum (approximation: docs/portfolio.md).
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "lca4ai/calculator.hpp"
#include "lca4ai/portfolio.hpp"
#include "lca4ai/statistics.hpp"

namespace lca4ai {
namespace {

Band band_of(std::vector<double> x) {
    Band b;
    if (x.empty()) return b;
    Moments m;
    m.add_block(x.data(), x.size());
    b.mean = m.mean;
    b.sd = std::sqrt(m.variance());
    std::sort(x.begin(), x.end());
    b.p2_5 = percentile_sorted(x, 2.5);
    b.p50 = percentile_sorted(x, 50);
    b.p97_5 = percentile_sorted(x, 97.5);
    return b;
}

//! Independent stream per use case: the seed mixed with the use case's index (SplitMix64 step).
std::uint64_t stream_seed(std::uint64_t seed, std::size_t i) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (i + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace

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
    std::vector<double> sum_samples(n * indicator_count, 0.0);
    std::set<std::string> seen_records;

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
        // Monte Carlo: per-FU samples of the use case's own stream, scaled to its year.
        if (sampled) {
            const auto x = sample_indicators(sys, n, stream_seed(sampling->seed, u), sampling->threads);
            const double k = uc.volume ? *uc.volume / fu_amount : fu_count * 1.0;
            std::array<Band, indicator_count> bands;
            std::vector<double> col(n);
            for (int i = 0; i < indicator_count; ++i) {
                const double extra = i == gwp ? uc.onsite_fuel_gwp : 0.0;
                for (std::uint64_t s = 0; s < n; ++s) {
                    col[s] = x[s * indicator_count + static_cast<std::size_t>(i)] * k + extra;
                    sum_samples[s * indicator_count + static_cast<std::size_t>(i)] += col[s];
                }
                bands[static_cast<std::size_t>(i)] = band_of(col);
            }
            r.bands = bands;
            if (sampling->progress) sampling->progress(static_cast<double>(u + 1) / static_cast<double>(pf.use_cases.size()));
        }
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
        std::array<Band, indicator_count> bands;
        std::vector<double> col(n);
        for (int i = 0; i < indicator_count; ++i) {
            for (std::uint64_t s = 0; s < n; ++s) col[s] = sum_samples[s * indicator_count + static_cast<std::size_t>(i)];
            bands[static_cast<std::size_t>(i)] = band_of(col);
        }
        res.bands = bands;
    }
    return res;
}

}  // namespace lca4ai
