//! The compiled LCA system: technosphere A, biosphere B and characterisation C,
//! with every entry an expression of the parameters. Knows matrices, not YAML.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "lca4ai/expr.hpp"
#include "lca4ai/scenario.hpp"

namespace lca4ai {

//! Indicator keys of the JSON contract, in this order everywhere.
inline constexpr int indicator_count = 6;
enum Indicator { gwp, water, adp, ewaste, energy, pe };
struct IndicatorInfo {
    const char* key;
    const char* unit;
    const char* name;
};
const IndicatorInfo& indicator_info(int i);

struct Process {
    std::string name;   //!< e.g. grid:grid, dc:dc, fab:h100, act:pretraining
    int node = -1;
    Stage stage = Stage::training;
    bool supply_chain = false;  //!< electricity chain: credited to the activity that draws it
    bool embodied = false;
    bool credit = false;        //!< avoided burdens (recycling credits), shown apart
    std::string unit;           //!< one unit of its product
};

struct MatrixEntry {
    int row = 0, col = 0;
    Expr value;
};

struct Demand {
    int process = 0;
    Expr amount;
    int node = -1;
    Stage stage = Stage::training;
    bool unallocated = false;  //!< hardware of a declared fleet that no activity draws
};

//! A quantity reported beside the indicators (energy of a run, requests of a service, ...).
struct Reported {
    int node = -1;
    std::string key, unit;
    Expr value;
    std::string source;  //!< measurement log the value is computed from; "" when estimated
};

//! Operational energy of an activity at each cumulative boundary (docs/measurements.md).
struct BoundaryLevels {
    int node = -1;
    Boundary chosen = Boundary::facility;  //!< the level the activity's impacts count
    std::array<int, boundary_count> reported{};    //!< index in LcaSystem::reported of each level [kWh]
    std::array<bool, boundary_count> measured{};   //!< the level comes from a measurement log alone
    int requests = -1;                             //!< index in reported of the service's requests, or -1
    std::string source;                            //!< the measurement log, if any
};

struct Amortisation {
    int training = -1;  //!< node
    int service = -1;   //!< node
    Expr share;         //!< share of the training carried by the service [1]
};

//! A fleet of an inference service (projections): its purchases and retirements of a year enter
//! the system as parameters, set year by year by the projection (docs/methodology.md, "Fleet").
struct FleetModel {
    int node = -1;
    Expr devices;        //!< units in stock needed this year [unit]
    Expr lifetime;       //!< of the accelerators [year]
    int mode = -1;       //!< parameter: 0 = time-based allocation (run), 1 = purchases and retirements (projection)
    int purchased = -1;  //!< parameter: accelerators bought this year [unit]
    int retired = -1;    //!< parameter: accelerators reaching end of life this year [unit]
    bool replace = true, steady_start = true;
};

struct LcaSystem {
    std::vector<Process> processes;
    std::vector<std::string> flow_names, flow_units;
    std::vector<MatrixEntry> technosphere;  //!< A (product rows × process columns)
    std::vector<MatrixEntry> biosphere;     //!< B (flow rows × process columns)
    Eigen::MatrixXd characterisation;       //!< C (indicators × flows), constant
    std::vector<Demand> demands;
    std::vector<Reported> reported;
    std::vector<Amortisation> amortisations;
    std::vector<FleetModel> fleets;
    std::vector<BoundaryLevels> boundaries;  //!< one per training and inference node
    Expr functional_units{1.0};  //!< number of functional units in the system
    std::vector<Parameter> parameters;
    std::vector<std::string> node_names;
    std::vector<NodeType> node_types;
    std::vector<Stage> node_stages;
    std::vector<std::string> node_ownership;
    bool acyclic = true;
    std::vector<int> topological_order;  //!< consumers before suppliers, when acyclic

    std::vector<double> central_values() const;
};

//! Builds the matrices of a scenario (equations in docs/methodology.md).
LcaSystem compile(const Scenario& scenario);

}  // namespace lca4ai
