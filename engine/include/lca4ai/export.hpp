#pragma once
#include <nlohmann/json.hpp>

#include "lca4ai/system.hpp"

namespace lca4ai {
//! The compiled system as JSON: processes, flows, A and B entries at central values (with
//! the parameters each entry depends on), C, demands and parameter distributions [SI units].
nlohmann::ordered_json export_system(const LcaSystem& sys);
}  // namespace lca4ai
