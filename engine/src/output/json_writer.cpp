//! JSON result (contract: DESIGN.md "JSON result").
#include <fmt/format.h>

#include "lca4ai/report.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai {
namespace {

using json = nlohmann::ordered_json;

json impacts(const Impacts& v, double scale) {
    json j = json::object();
    for (int i = 0; i < indicator_count; ++i) j[indicator_info(i).key] = v[static_cast<std::size_t>(i)] * scale;
    return j;
}

json breakdown(const Report& r, double scale) {
    const auto& o = r.outcome;
    json out;
    json ind = json::object();
    for (int i = 0; i < indicator_count; ++i)
        ind[indicator_info(i).key] = {{"unit", indicator_info(i).unit}, {"value", o.total[static_cast<std::size_t>(i)] * scale}};
    out["indicators"] = ind;
    json stages = json::object();
    for (int s = 0; s < stage_count; ++s) stages[stage_name(static_cast<Stage>(s))] = impacts(o.stages[static_cast<std::size_t>(s)], scale);
    out["stages"] = stages;
    json nodes = json::object();
    for (std::size_t n = 0; n < o.nodes.size(); ++n) {
        json node = {{"stage", stage_name(r.system.node_stages[n])}, {"type", node_type_name(r.system.node_types[n])}};
        const json values = impacts(o.nodes[n], scale);
        for (const auto& [k, v] : values.items()) node[k] = v;
        nodes[r.system.node_names[n]] = node;
    }
    out["nodes"] = nodes;
    out["embodied"] = impacts(o.embodied, scale);
    out["operational"] = impacts(o.operational, scale);
    out["credits"] = impacts(o.credits, scale);
    return out;
}

}  // namespace

json to_json(const Report& r) {
    const auto& o = r.outcome;
    const auto& sys = r.system;
    const double per_fu = o.functional_units > 0 ? 1.0 / o.functional_units : 0.0;
    json j;
    j["lca4ai"] = version;
    j["scenario"] = {{"name", r.info.name}, {"file", r.info.file}, {"sha256", r.info.checksum}};
    j["functional_unit"] = {{"label", r.info.fu_label}, {"amount", r.info.fu_amount}, {"count", o.functional_units}};
    auto fu = breakdown(r, per_fu);
    for (auto& [k, v] : fu.items()) j[k] = v;
    j["total"] = breakdown(r, 1.0);

    json activities = json::object();
    for (std::size_t k = 0; k < sys.demands.size(); ++k) {
        const auto& d = sys.demands[k];
        std::string name = sys.node_names[static_cast<std::size_t>(d.node)];
        if (d.unallocated) name += ":unallocated";
        json a = {{"stage", stage_name(d.stage)}, {"total", impacts(o.activities[k], 1.0)}};
        json st = json::object();
        for (int s = 0; s < stage_count; ++s) st[stage_name(static_cast<Stage>(s))] = impacts(o.activity_stages[k][static_cast<std::size_t>(s)], 1.0);
        a["stages"] = st;
        activities[name] = a;
    }
    j["activities"] = activities;

    json services = json::object();
    for (const auto& [node, v] : r.per_request) {
        json s = {{"per_request", impacts(v, 1.0)}, {"per_1000_requests", impacts(v, 1000.0)}};
        json am = json::array();
        for (const auto& a : sys.amortisations)
            if (a.service == node) am.push_back(sys.node_names[static_cast<std::size_t>(a.training)]);
        s["amortises"] = am;
        services[sys.node_names[static_cast<std::size_t>(node)]] = s;
    }
    j["services"] = services;

    json quantities = json::object();
    for (std::size_t i = 0; i < sys.reported.size(); ++i) {
        const auto& q = sys.reported[i];
        quantities[sys.node_names[static_cast<std::size_t>(q.node)]][q.key] = {{"value", o.reported[i]}, {"unit", q.unit}};
    }
    j["quantities"] = quantities;

    json inventory = json::object();
    for (std::size_t f = 0; f < sys.flow_names.size(); ++f)
        inventory[sys.flow_names[f]] = {{"value", o.flows[f]}, {"unit", sys.flow_units[f]}};
    j["inventory"] = inventory;

    j["methods"] = {{"gwp", "IPCC AR6 GWP100 (as characterised by each inventory source)"},
                    {"water", "water consumption: on-site (WUE) + off-site (grid) + supply chain where known"},
                    {"adp", "abiotic depletion potential, minerals and metals (CML / EF 3.1 ADPe)"},
                    {"ewaste", "mass of hardware reaching end of life"},
                    {"energy", "final electricity drawn from the grid"},
                    {"pe", "primary energy as given by each inventory source"}};
    json params = json::array();
    for (const auto& p : sys.parameters)
        params.push_back({{"name", p.name},
                          {"value", p.value / p.display_factor},
                          {"unit", p.unit},
                          {"distribution", p.distribution.describe()}});
    j["parameters"] = params;
    json inv = json::array();
    for (const auto& [name, cite] : r.sources) inv.push_back({{"record", name}, {"source", cite}, {"year_license", r.record_meta.at(name)}});
    j["inventory_records"] = inv;
    j["assumptions"] = r.info.assumptions;
    return j;
}

}  // namespace lca4ai
