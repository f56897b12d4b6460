//! Year-by-year projection of a compiled system: every year evaluates the same
//! system with that year's parameter values (pathways), fleets turning over
//! from year to year, with Monte Carlo bands (docs/methodology.md, "Projections").
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "lca4ai/monte_carlo.hpp"
#include "lca4ai/result.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

struct ProjectionOptions {
    int from = 2025, to = 2030;     //!< calendar years, inclusive
    std::uint64_t samples = 0;      //!< 0: deterministic only
    std::uint64_t seed = 1;
    int threads = 0;                //!< 0: all hardware threads
    std::size_t subsample = 20000;  //!< samples kept for percentiles (exact when samples <= this)
    std::function<void(double)> progress;
};

//! A fleet's state in one year (central values).
struct FleetYear {
    int node = -1;
    double devices = 0, purchased = 0, retired = 0;  //!< [unit]
};

struct ProjectionYear {
    int year = 0;
    Outcome outcome;                //!< deterministic (central values of that year)
    Impacts cumulative{};           //!< deterministic totals summed from the first year
    std::vector<FleetYear> fleets;
    IndicatorStats annual{}, cumulative_stats{};  //!< totals over the system, with samples
};

struct Projection {
    ProjectionOptions options;
    bool sampled = false;
    bool exact_percentiles = true;
    std::vector<ProjectionYear> years;
};

//! Throws CalculationError when the years are out of order or the system cannot be solved.
Projection project(const LcaSystem& sys, const ProjectionOptions& options);

}  // namespace lca4ai
