//! Monte Carlo propagation of parameter uncertainty through a compiled system.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lca4ai/block_evaluator.hpp"
#include "lca4ai/statistics.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

struct SamplingOptions {
    std::uint64_t samples = 10000;   //!< samples to draw (the cap when until_rse > 0)
    std::uint64_t seed = 1;
    int threads = 0;                 //!< 0: all hardware threads
    double until_rse = 0.0;          //!< stop once every indicator mean's relative standard error is below this
    std::size_t subsample = 100000;  //!< samples kept for percentiles (exact when samples <= this)
    bool node_percentiles = false;
    std::string keep_samples;        //!< write per-FU indicator samples (.npy or .csv) here
    std::function<void(double)> progress;  //!< fraction done, called from one thread
    std::function<bool()> cancelled;       //!< polled between blocks; true stops with CalculationError
};

struct SeriesStats {
    double mean = 0, sd = 0, se = 0;
    std::array<double, percentile_count> percentiles{};
    bool has_percentiles = false;
};

using IndicatorStats = std::array<SeriesStats, indicator_count>;

struct SampledStats {
    std::uint64_t samples = 0, seed = 0;
    bool exact_percentiles = true;
    std::size_t subsample = 0;
    BlockLayout layout;
    //! [basis][group]: basis 0 = per functional unit, 1 = total; groups as in BlockLayout
    //! (service groups are per request in both bases).
    std::array<std::vector<IndicatorStats>, 2> groups;
};

//! Draws blocks of parameter values of one system and seed (and calendar year, for projections).
//! Rows of fixed parameters are written when the block's length or buffer changes, not every block:
//! callers must not write into them between draws.
class ParameterSampler {
public:
    ParameterSampler(const LcaSystem& sys, std::uint64_t seed);
    //! `keys` (one per parameter, or none): draw parameter p at (sample, keys[p]) rather than by position
    //! (CounterRng::keyed_uniform; portfolios).
    ParameterSampler(const LcaSystem& sys, std::uint64_t seed, int year, std::vector<std::uint64_t> keys = {});
    //! Values of samples [first, first + n): out[p * n + k] (every parameter; fixed ones at central).
    void draw(std::uint64_t first, std::size_t n, std::vector<double>& out);

private:
    const LcaSystem& sys_;
    std::uint64_t seed_;
    int year_;
    std::vector<std::size_t> uncertain_, fixed_;  //!< in the order variates are assigned
    std::vector<std::uint64_t> keys_;             //!< variate key per parameter (empty: by position)
    std::vector<double> fixed_values_;
    const double* filled_for_ = nullptr;          //!< buffer whose fixed rows hold fixed_values_
    std::vector<double> spare_;
};

//! Draws parameter values for samples [first, first + n): out[p * n + k] (every parameter; fixed ones at central).
void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n, std::vector<double>& out);
//! The same in calendar `year`: pathway parameters take their value of that year (docs/methodology.md,
//! "Projections"). Variates are those of sample_parameters (same seed, same sample, same variate),
//! so a constant pathway gives exactly the numbers of `lca4ai run`.
void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n, std::vector<double>& out,
                       int year);
//! The same with variates keyed by identity rather than by position: parameter p draws its variate at
//! counter (sample, keys[p]) (CounterRng::keyed_uniform), so every system whose parameter carries the
//! same key gets the same draw (portfolios: docs/methodology.md §12.4). `year`: a calendar year, or
//! nullopt for the values of `lca4ai run`. keys.size() must equal sys.parameters.size().
void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n, std::vector<double>& out,
                       std::optional<int> year, const std::vector<std::uint64_t>& keys);
//! Central values in calendar `year` (pathways at their central value).
std::vector<double> central_values(const LcaSystem& sys, int year);

SampledStats monte_carlo(const LcaSystem& sys, const SamplingOptions& options);

//! Per-FU indicator values of every sample, row-major (samples × 6), for the Python layer.
std::vector<double> sample_indicators(const LcaSystem& sys, std::uint64_t samples, std::uint64_t seed, int threads);

}  // namespace lca4ai
