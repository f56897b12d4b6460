//! Sensitivity of one indicator (per functional unit) to the uncertain inputs:
//! one-at-a-time swings (tornado), Morris elementary effects, Sobol' indices.
//! Sample sizes follow SALib's conventions: Morris r trajectories → r(k+1) runs,
//! Sobol' base N → N(k+2) runs (first and total order).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lca4ai/system.hpp"

namespace lca4ai {

struct SensitivityOptions {
    std::string method = "sobol";  //!< oat | morris | sobol
    std::uint64_t samples = 0;     //!< Morris trajectories or Sobol' base N (0: method default)
    int indicator = Indicator::gwp;
    std::uint64_t seed = 1;
    int threads = 0;
    int levels = 4;                //!< Morris grid levels
    int bootstrap = 1000;          //!< resamples for confidence intervals
    double confidence = 0.95;
};

struct SensitivityInput {
    std::string name, unit;
    // oat
    double low_value = 0, high_value = 0, low = 0, high = 0, swing = 0;
    // morris
    double mu = 0, mu_star = 0, sigma = 0, mu_star_conf = 0;
    // sobol
    double s1 = 0, s1_conf = 0, st = 0, st_conf = 0;
};

struct SensitivityResult {
    std::string method;
    int indicator = 0;
    std::uint64_t runs = 0;
    double base = 0;  //!< indicator at central values [per FU]
    std::vector<SensitivityInput> inputs;  //!< ranked, most influential first
};

SensitivityResult sensitivity(const LcaSystem& sys, const SensitivityOptions& options);

//! Per-FU value of `indicator` for each point; points are full parameter vectors (row-major, points × parameters).
std::vector<double> evaluate_points(const LcaSystem& sys, const std::vector<double>& points, int indicator, int threads);

//! The model as a function of the unit hypercube: row i of `u` (points × k, in (0,1)) gives each
//! uncertain input its quantile at u; returns the per-FU indicator (for SALib and other peers).
std::vector<double> evaluate_unit_points(const LcaSystem& sys, const std::vector<double>& u, int indicator, int threads);
//! Names of the uncertain inputs, in the column order of evaluate_unit_points.
std::vector<std::string> uncertain_input_names(const LcaSystem& sys);

nlohmann::ordered_json to_json(const SensitivityResult& r);
std::string to_text(const SensitivityResult& r);
std::string to_csv(const SensitivityResult& r);

}  // namespace lca4ai
