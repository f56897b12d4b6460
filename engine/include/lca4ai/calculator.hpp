//! Deterministic solution of an LcaSystem: s = A⁻¹ f per demand (one sparse LU),
//! g = B s, h = C g, and contributions by stage, node and activity.
#pragma once

#include <span>

#include "lca4ai/result.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

//! Evaluates the system for one set of parameter values. Throws CalculationError
//! naming the processes involved when the technosphere is singular.
Outcome evaluate(const LcaSystem& sys, std::span<const double> params);

//! Evaluates at the central value of every parameter.
Outcome evaluate_central(const LcaSystem& sys);

//! Per-request impacts of each inference service (own chain + amortised training), by node index.
std::map<int, Impacts> per_request(const LcaSystem& sys, const Outcome& o);

}  // namespace lca4ai
