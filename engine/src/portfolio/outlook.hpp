#pragma once
// Internal: the portfolio outlook (docs/portfolio.md, "Outlook").
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lca4ai/portfolio.hpp"

namespace lca4ai::detail {

//! A use case's scenario with the outlook applied (grid pathways, efficiency index on inference
//! energy, adoption index), compiled, with its market-based twin.
struct OutlookSystem {
    LcaSystem location, market;
    int adoption = -1, efficiency = -1;  //!< parameter indices of the indices (−1: none)
    std::vector<int> indices;            //!< the index parameters, rebased to the reporting year (efficiency, then adoption)
    std::vector<std::uint64_t> keys;     //!< variate keys of its parameters
    OutlookUseCase row;
    std::vector<std::string> notes;
    std::vector<std::string> records;  //!< pathway records applied
};
OutlookSystem outlook_system(const UseCase& uc);

//! Whole-scenario results × this = the use case's year, for `fu` functional units in the scenario.
double use_case_factor(const UseCase& uc, double fu);

//! Every year from the reporting year to `outlook.until`; `tick` after each use case and year.
OutlookResult evaluate_outlook(const Portfolio& pf, const SamplingOptions* sampling, const std::function<void()>& tick);

}  // namespace lca4ai::detail
