//! A finished calculation, ready for the writers: scenario provenance, the
//! compiled system and its deterministic outcome (statistics when sampled).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lca4ai/monte_carlo.hpp"
#include "lca4ai/result.hpp"
#include "lca4ai/scenario.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

struct Report {
    ScenarioInfo info;
    LcaSystem system;
    Outcome outcome;
    std::map<int, Impacts> per_request;  //!< inference node -> per request
    std::vector<std::pair<std::string, std::string>> sources;  //!< record -> citation line
    std::map<std::string, std::string> record_meta;            //!< record -> "year, licence"
    std::optional<SampledStats> stats;                         //!< with Monte Carlo
};

//! Provenance of a loaded scenario, as every writer shows it.
ScenarioInfo scenario_info(const Scenario& scenario);

//! Loads nothing: compiles and evaluates an already loaded scenario.
//! With `sampling`, also runs Monte Carlo.
Report run_scenario(const Scenario& scenario, const SamplingOptions* sampling = nullptr);

nlohmann::ordered_json to_json(const Report& r);
std::string to_text(const Report& r);
std::string to_csv(const Report& r);
//! The output of `lca4ai run --format <format>` (json, csv or text), byte for byte.
std::string render(const Report& r, const std::string& format);

}  // namespace lca4ai
