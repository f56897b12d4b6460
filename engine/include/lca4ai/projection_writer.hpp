//! Writers of `lca4ai project`: text (tables and a compact ASCII chart), JSON and CSV.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lca4ai/projection.hpp"

namespace lca4ai {

nlohmann::ordered_json to_json(const Projection& p, const ScenarioInfo& info, const LcaSystem& sys);
std::string to_text(const Projection& p, const ScenarioInfo& info, const LcaSystem& sys);
std::string to_csv(const Projection& p, const ScenarioInfo& info, const LcaSystem& sys);

}  // namespace lca4ai
