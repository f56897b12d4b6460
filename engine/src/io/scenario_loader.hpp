#pragma once
// Internal: the scenario loader's state, split over scenario_loader.cpp (top level,
// parameters, values) and node_readers.cpp (one reader per node type).
#include <map>
#include <set>
#include <optional>
#include <string>

#include "lca4ai/scenario.hpp"
#include "yaml_reader.hpp"

namespace lca4ai::io {

class ScenarioLoader {
public:
    ScenarioLoader(const std::string& file, const InventoryDb& shipped, ErrorSink& sink, std::string base_dir);
    Scenario load(const YAML::Node& root);

    // --- values (used by the node readers) ---
    //! A quantity, `$param`, `= expression` or {value, distribution}: an Expr in `unit`.
    std::optional<Expr> quantity(const YAML::Node& n, const std::string& path, const std::string& unit);
    //! A text value with `$param` substitution for text parameters.
    std::optional<std::string> text(const YAML::Node& n, const std::string& path);
    //! A reference to another node of one of the given types; -1 when bad (reported).
    int node_ref(const YAML::Node& n, const std::string& path, std::initializer_list<NodeType> types);
    //! An inventory record of a kind; nullptr when absent (reported, with a suggestion).
    const InventoryRecord* record(const YAML::Node& n, const std::string& path, const std::string& kind);
    //! An inventory value as an Expr (a shared parameter when it is uncertain); 0 with an
    //! assumption when the record lists it as missing; nullopt when absent altogether.
    std::optional<Expr> inventory_value(const InventoryRecord& rec, const std::string& field,
                                        const YAML::Node& at, const std::string& path, bool required);
    //! Field from the node when present, else from the inventory record.
    std::optional<Expr> field_or_record(const YAML::Node& n, const std::string& key, const std::string& path,
                                        const std::string& unit, const InventoryRecord* rec,
                                        const std::string& field, bool required);
    //! A parameter following series `field` of an inventory pathway record (shared by every use),
    //! `value`/`d` serving `lca4ai run`; the Expr is in the series' canonical unit.
    Expr pathway_parameter(const InventoryRecord& pathway, const std::string& field, double value, const Distribution& d,
                           const SourceLocation& at);
    //! `{file, format, timezone, max_gap, requests, tokens}`: reads a measurement log (relative to
    //! the scenario's folder) into scenario().measurements; its index, or -1 (problems reported).
    int measurement(const YAML::Node& n, const std::string& path, const std::string& node);
    //! `accelerator`, `host`, `idle` or `facility`.
    std::optional<Boundary> boundary(const YAML::Node& n, const std::string& path);
    YamlReader& reader() { return r_; }
    Scenario& scenario() { return sc_; }
    void assume(std::string text) { sc_.assumptions.push_back(std::move(text)); }
    //! Value of an expression with every parameter at its central value.
    double central(const Expr& e) const { return sc_.central(e); }

private:
    YamlReader r_;
    Scenario sc_;
    std::string base_dir_;
    std::map<std::string, TypedExpr> params_;          // numeric parameters and derived ones
    std::map<std::string, std::string> text_params_;  // e.g. region: US-VA
    std::map<std::string, NodeType> node_types_;
    std::set<std::string> broken_params_;
    std::set<std::string> records_used_;
    std::set<std::string> default_noted_;
    std::map<std::string, int> inventory_params_;  // inventory.<record>.<field> -> parameter index  // reported once where defined, silent where used

    void read_parameters(const YAML::Node& n);
    //! A parameter's `value`: a number or a quantity (reported when neither).
    std::optional<Quantity> value_quantity(const YAML::Node& v, const std::string& path);
    void read_pathway_parameter(const std::string& name, const YAML::Node& v, const std::string& path);
    void read_functional_unit(const YAML::Node& n);
    void read_nodes(const YAML::Node& n);
    int add_parameter(const std::string& name, double si, Distribution d, const std::string& unit, double factor,
                      const SourceLocation& at);
    std::optional<TypedExpr> resolve(const std::string& name, bool is_parameter, std::string* error);
    std::optional<TypedExpr> typed(const YAML::Node& n, const std::string& path);
};

//! A map with a `file` key: energy taken from a measurement log rather than given.
inline bool is_measurement(const YAML::Node& n) { return n && n.IsMap() && n["file"]; }

// One reader per node type (node_readers.cpp).
void read_grid(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_datacenter(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_hardware(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_training(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_inference(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_end_of_life(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);
void read_process(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node);

}  // namespace lca4ai::io
