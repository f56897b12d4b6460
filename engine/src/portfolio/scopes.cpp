//! GHG Protocol scope mapping of process contributions (rules: docs/methodology.md, "Scopes").
#include <algorithm>
#include <string_view>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"

namespace lca4ai {

const char* scope_key(int s) {
    static const char* keys[scope_count] = {"scope1", "scope2", "scope3_cat1", "scope3_cat2", "scope3_cat5", "unassigned"};
    return keys[s];
}

const char* scope_label(int s) {
    static const char* labels[scope_count] = {
        "Scope 1 · on-site fuel",
        "Scope 2 · purchased electricity",
        "Scope 3 · cat. 1 purchased goods and services",
        "Scope 3 · cat. 2 capital goods",
        "Scope 3 · cat. 5 waste generated in operations",
        "Unassigned (ownership not declared)"};
    return labels[s];
}

ProcessClass classify(const Process& p) {
    const std::string_view n = p.name;
    if (n.starts_with("grid:")) return ProcessClass::electricity;
    if (n.starts_with("dc:")) return ProcessClass::onsite;
    if (n.starts_with("build:")) return ProcessClass::construction;
    if (n.starts_with("fab:")) return ProcessClass::hardware;
    if (n.starts_with("eol:") || n.starts_with("credit:")) return ProcessClass::end_of_life;
    switch (p.stage) {  // raw processes: by their stage
        case Stage::hardware_fabrication: return ProcessClass::hardware;
        case Stage::datacentre_construction: return ProcessClass::construction;
        case Stage::end_of_life: return ProcessClass::end_of_life;
        default: return ProcessClass::other;
    }
}

int scope_of(ProcessClass c, const std::string& ownership) {
    if (ownership.empty()) return unassigned_scope;
    if (ownership == "cloud" || ownership == "third_party") return scope3_cat1;  // bought as a service
    const bool owned = ownership == "owned";
    switch (c) {
        case ProcessClass::electricity:
        case ProcessClass::onsite: return scope2;
        case ProcessClass::hardware: return scope3_cat2;
        case ProcessClass::construction: return owned ? scope3_cat2 : scope3_cat1;  // colocation: part of the rent
        case ProcessClass::end_of_life: return scope3_cat5;
        case ProcessClass::other: return scope3_cat1;
    }
    return unassigned_scope;
}

std::string process_ownership(const LcaSystem& sys, const Scenario& sc, int process, const std::string& override_) {
    if (!override_.empty()) return override_;
    const int node = sys.processes[static_cast<std::size_t>(process)].node;
    if (node < 0) return {};
    const auto& own = sys.node_ownership[static_cast<std::size_t>(node)];
    if (!own.empty()) return own;
    if (sc.nodes[static_cast<std::size_t>(node)].type == NodeType::grid) {
        for (const auto& n : sc.nodes) {
            if (n.type != NodeType::datacenter || n.ownership.empty()) continue;
            if (std::get<DatacenterNode>(n.data).grid == node) return n.ownership;
        }
    }
    return {};
}

}  // namespace lca4ai
