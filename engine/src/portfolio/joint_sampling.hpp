#pragma once
// Internal: joint Monte Carlo of a portfolio. Every use case is sampled with the portfolio's one
// seed and variates keyed by the identity of each random input (docs/methodology.md §12.4), so an
// input shared by several use cases takes the same value in all of them, sample by sample.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lca4ai/portfolio.hpp"

namespace lca4ai::detail {

//! Whether a parameter stands for something outside its scenario (an inventory value or pathway, an
//! outlook index of the portfolio): then its identity is its name alone, shared by every use case.
bool shared_input(const std::string& parameter_name);
//! The variate key of every parameter of `sys`: shared inputs by name; the scenario's own ones by
//! `scenario_identity` and name (independent between scenarios, shared by use cases of one file).
std::vector<std::uint64_t> variate_keys(const LcaSystem& sys, const std::string& scenario_identity);

//! Per-sample whole-system totals of a location-based system and its market-based twin.
struct PairSamples {
    std::vector<double> location;  //!< n × indicator_count, row-major
    std::vector<double> market;    //!< n, GWP [kg CO2e]
    std::vector<double> fu;        //!< n, functional units in the system
    std::vector<double> index;     //!< n × indices.size(), each rebased to `base_year` (see below)
};

//! Samples [0, n) of `location` and `market` (same parameter list) with keyed variates, parameters
//! at their value of `year` (nullopt: as `lca4ai run`). The parameters listed in `indices` are
//! divided by their value in `base_year` (same draw) before the systems are evaluated, and their
//! rebased values are returned. Same numbers at any thread count.
PairSamples sample_pair(const LcaSystem& location, const LcaSystem& market, const std::vector<std::uint64_t>& keys,
                        std::uint64_t n, std::uint64_t seed, int threads, std::optional<int> year,
                        const std::vector<int>& indices = {}, int base_year = 0);

//! Statistics of a column of n samples.
Band band_of(std::vector<double> x);
//! The band of every indicator of n row-major samples (n × indicator_count).
std::array<Band, indicator_count> bands_of(const std::vector<double>& rows, std::size_t n);

}  // namespace lca4ai::detail
