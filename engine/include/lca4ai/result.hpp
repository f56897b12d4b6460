//! Results of a calculation: indicators for the whole system and per
//! functional unit, split by stage, node, embodied/operational and activity.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "lca4ai/system.hpp"

namespace lca4ai {

using Impacts = std::array<double, indicator_count>;  //!< indexed by Indicator

inline Impacts& operator+=(Impacts& a, const Impacts& b) {
    for (int i = 0; i < indicator_count; ++i) a[static_cast<std::size_t>(i)] += b[static_cast<std::size_t>(i)];
    return a;
}

//! Everything one evaluation of the system yields (one parameter set: central, or one sample).
struct Outcome {
    Impacts total{};
    std::array<Impacts, stage_count> stages{};
    std::vector<Impacts> nodes;             //!< by node index
    std::vector<Impacts> processes;         //!< by process index (supply chains not re-attributed)
    Impacts embodied{}, operational{}, credits{};
    std::vector<double> flows;              //!< inventory g = B s, by flow
    std::vector<Impacts> activities;        //!< by demand: everything that demand pulls
    std::vector<std::array<Impacts, stage_count>> activity_stages;  //!< by demand, by stage
    std::vector<double> reported;           //!< values of LcaSystem::reported
    std::vector<Impacts> services;          //!< by amortisation-bearing service: own + amortised training, per request
    double functional_units = 1.0;
};

struct ScenarioInfo {
    std::string name, file, checksum, fu_label;
    double fu_amount = 1.0;
    std::vector<std::string> assumptions;
    std::vector<std::string> inventory_records;
    std::vector<Measurement> measurements;  //!< logs the scenario's energy was read from
};

}  // namespace lca4ai
