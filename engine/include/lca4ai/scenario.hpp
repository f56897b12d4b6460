//! The typed scenario: what the YAML says, with units converted to the
//! canonical ones, references resolved and inventories looked up. Immutable
//! once loaded; compile() turns it into matrices.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lca4ai/distribution.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/expr.hpp"
#include "lca4ai/inventory.hpp"
#include "lca4ai/measurement.hpp"

namespace lca4ai {

enum class Stage { hardware_fabrication, datacentre_construction, training, inference, end_of_life };
inline constexpr int stage_count = 5;
const char* stage_name(Stage s);

//! Per-unit impact factors of something (a kWh, a device, a MW of building, a kg treated).
struct Factors {
    Expr gwp;    //!< [kg CO2e]
    Expr water;  //!< [m3]
    Expr adp;    //!< [kg Sb eq]
    Expr pe;     //!< [MJ]
};

//! The four factors of a Factors, with their canonical unit per unit of the thing.
struct FactorField {
    const char* key;
    const char* unit;
    Expr Factors::*slot;
};
inline constexpr std::array<FactorField, 4> factor_fields = {{{"gwp", "kg CO2e", &Factors::gwp},
                                                               {"water", "m3", &Factors::water},
                                                               {"adp", "kg Sb eq", &Factors::adp},
                                                               {"pe", "MJ", &Factors::pe}}};

struct GridNode {
    std::string record;  //!< inventory record used (may be empty with inline factors)
    std::string basis;   //!< location | market
    Factors per_kwh;
};

struct DatacenterNode {
    int grid = -1;             //!< node index
    std::string archetype;     //!< inventory record (optional)
    Expr pue;                  //!< [1]
    Expr wue;                  //!< on-site water [m3/kWh IT]
    bool has_construction = false;
    Factors construction_per_mw;  //!< embodied of building + M&E per MW IT
    Expr building_lifetime;       //!< [h]
    Expr load_factor;             //!< mean IT load ÷ capacity [1]
    Boundary boundary = Boundary::facility;  //!< boundary of the operational energy its activities count
    Expr host_overhead{0.0};      //!< host CPU + memory energy per accelerator energy, for estimates [1]
};

struct HardwareNode {
    std::string item;        //!< inventory record (optional with inline factors)
    Factors embodied;        //!< per unit
    Expr mass;               //!< [kg per unit]
    std::optional<Expr> power;       //!< nominal power [kW per unit]
    Expr lifetime;           //!< [h]
    Expr utilisation;        //!< share of life in use [1]
    std::optional<Expr> peak_flops;  //!< [FLOP/h]
    std::optional<Expr> count;       //!< fleet size, when the whole fleet is in scope
};

struct HardwareUse {
    int hardware = -1;  //!< node index
    Expr count;         //!< units in use
};

struct TrainingNode {
    enum class Mode { device_hours, duration, energy, compute };
    int site = -1;
    std::vector<HardwareUse> hardware;  //!< first entry: the accelerators
    Mode mode = Mode::device_hours;
    std::optional<Expr> device_hours;    //!< [h], primary devices
    std::optional<Expr> duration;        //!< wall-clock [h]
    std::optional<Expr> power;           //!< mean power per primary device [kW]
    std::optional<Expr> power_utilisation;  //!< share of `power` drawn [1]
    std::optional<Expr> energy;          //!< measured IT energy [kWh]
    std::optional<Expr> compute;         //!< [FLOP]
    std::optional<Expr> mfu;             //!< model-FLOPs utilisation [1]
    std::optional<Expr> peak_flops;      //!< per device [FLOP/h]
    Expr experimentation{1.0};           //!< tuning and failed runs multiplier [1]
    int measurement = -1;                //!< index in Scenario::measurements when `energy` is measured
    Expr host_share{0.0};                //!< share of `energy` drawn by host CPU and memory (measured) [1]
    bool measured_time = false;          //!< `duration` comes from the measurement log
};

struct InferenceNode {
    enum class Traffic { requests, tokens };
    enum class EnergyMode { per_request, per_token, derived };
    int site = -1;
    std::vector<HardwareUse> hardware;
    Expr period;                       //!< [h]
    Traffic traffic = Traffic::requests;
    Expr rate0;                        //!< initial rate [request/h or token/h]
    Expr growth{0.0};                  //!< continuous growth rate [1/h] (ln(1+r)/τ)
    std::optional<Expr> tokens_per_request;  //!< [token/request]
    EnergyMode energy_mode = EnergyMode::per_request;
    std::optional<Expr> energy_per_request;  //!< [kWh/request]
    std::optional<Expr> energy_per_token;    //!< [kWh/token]
    std::optional<Expr> power;               //!< derived mode: per device [kW]
    std::optional<Expr> throughput;          //!< derived mode: whole deployment [request/h]
    std::optional<Expr> idle_power;          //!< per device [kW], added over the period when declared
    std::vector<int> amortises;              //!< training node indices
    //! Fleet model (projections): devices follow traffic ÷ throughput per device; turnover by lifetime.
    struct Fleet {
        Expr throughput_per_device;  //!< [request/h] per accelerator (first hardware entry)
        bool replace = true;         //!< replace units at end of life (else keep them in service)
        bool steady_start = true;    //!< the first year's fleet was bought evenly over the previous lifetime
    };
    std::optional<Fleet> fleet;
    int measurement = -1;                    //!< index in Scenario::measurements when the energy is measured
    Expr host_share{0.0};                    //!< share of the per-request/token energy drawn by the host (measured) [1]
    std::optional<Boundary> boundary;        //!< overrides the site's
    std::optional<Expr> host_overhead;       //!< overrides the site's [1]
};

struct EndOfLifeNode {
    std::vector<int> hardware;
    std::vector<std::pair<std::string, Expr>> shares;  //!< treatment record -> share
    Factors burden_per_kg;  //!< share-weighted burdens of the treatments
    Factors credit_per_kg;  //!< share-weighted avoided burdens (positive)
    bool credits = false;
};

struct ProcessNode {
    Stage stage = Stage::hardware_fabrication;
    bool embodied = true;
    std::string unit;                                 //!< what one unit of output is
    std::vector<std::pair<int, Expr>> inputs;         //!< node index -> amount per unit output
    std::vector<std::pair<std::string, Expr>> flows;  //!< elementary flow -> amount per unit output
    std::optional<Expr> demand;                       //!< units in the final demand
};

enum class NodeType { grid, datacenter, hardware, training, inference, end_of_life, process };
const char* node_type_name(NodeType t);

struct Node {
    std::string name;
    NodeType type;
    SourceLocation where;
    std::string ownership;  //!< owned | cloud | colocation | third_party | "" (unassigned)
    std::variant<GridNode, DatacenterNode, HardwareNode, TrainingNode, InferenceNode, EndOfLifeNode, ProcessNode> data;
};

struct FunctionalUnit {
    std::string label = "system";
    int node = -1;         //!< reference node (inference: requests; training: runs); -1: the whole system
    double amount = 1.0;   //!< reference units per functional unit
};

//! An elementary flow of the biosphere matrix and its characterisation.
struct ElementaryFlow {
    std::string name, unit, description;
    std::map<std::string, double> factors;  //!< indicator key -> characterisation factor
};

struct Scenario {
    std::string name, description, file, checksum;
    FunctionalUnit functional_unit;
    std::vector<Parameter> parameters;
    std::vector<Node> nodes;
    std::vector<std::string> assumptions;  //!< defaults taken and shown in the output
    std::vector<std::string> inventory_records_used;
    std::vector<ElementaryFlow> flows;
    std::vector<Measurement> measurements;  //!< measurement logs read, with their checksums
    std::map<std::string, std::string> methods;  //!< indicator -> method description
    InventoryDb inventories;

    int node_index(const std::string& name) const;
    //! Value of an expression with every parameter at its central value.
    double central(const Expr& e) const;
    //! Makes `factor` (a factor of this scenario in its canonical unit; `to_canonical` = canonical ÷ SI)
    //! follow series `key` of pathway record `pw` year by year (docs/methodology.md §11.1). A factor that
    //! is a parameter follows the pathway itself, so `run` keeps its value and distribution; any other
    //! becomes new_parameter(its central value in SI) × to_canonical. When the factor's parameter already
    //! follows another pathway, nothing changes and that pathway's record is returned.
    std::optional<std::string> follow_pathway(Expr& factor, const InventoryRecord& pw, const std::string& key,
                                              double to_canonical, const std::function<Expr(double si_value)>& new_parameter);
    std::map<std::string, int> node_lookup;  //!< name -> index (filled by the loader)
};

//! Loads and checks a scenario file; throws ScenarioError listing every problem.
Scenario load_scenario(const std::string& path, const InventoryDb& shipped);
//! Same from text (file name used in messages).
Scenario load_scenario_text(const std::string& text, const std::string& name, const InventoryDb& shipped,
                            const std::string& base_dir = ".");

}  // namespace lca4ai
