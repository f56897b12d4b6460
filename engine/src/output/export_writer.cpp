//! `lca4ai export`: the compiled system as plain matrices (central values), for
//! peers (Brightway, lca_algebraic) and for anyone who wants to check the algebra.
#include "lca4ai/export.hpp"

#include "lca4ai/version.hpp"

namespace lca4ai {

nlohmann::ordered_json export_system(const LcaSystem& sys) {
    using json = nlohmann::ordered_json;
    const auto params = sys.central_values();
    json j;
    j["lca4ai"] = version;
    json procs = json::array();
    for (const auto& p : sys.processes)
        procs.push_back({{"name", p.name},
                         {"node", sys.node_names[static_cast<std::size_t>(p.node)]},
                         {"stage", stage_name(p.stage)},
                         {"unit", p.unit},
                         {"supply_chain", p.supply_chain},
                         {"embodied", p.embodied}});
    j["processes"] = procs;
    json flows = json::array();
    for (std::size_t f = 0; f < sys.flow_names.size(); ++f) flows.push_back({{"name", sys.flow_names[f]}, {"unit", sys.flow_units[f]}});
    j["flows"] = flows;
    auto entries = [&](const std::vector<MatrixEntry>& m) {
        json a = json::array();
        for (const auto& e : m) {
            json row = {{"row", e.row}, {"col", e.col}, {"value", e.value.eval(params)}};
            json uses = json::array();
            for (int p : e.value.parameters()) uses.push_back(sys.parameters[static_cast<std::size_t>(p)].name);
            if (!uses.empty()) row["parameters"] = uses;
            a.push_back(row);
        }
        return a;
    };
    j["technosphere"] = entries(sys.technosphere);
    j["biosphere"] = entries(sys.biosphere);
    json c = json::array();
    for (int i = 0; i < indicator_count; ++i) {
        json row = json::array();
        for (Eigen::Index f = 0; f < sys.characterisation.cols(); ++f) row.push_back(sys.characterisation(i, f));
        c.push_back({{"indicator", indicator_info(i).key}, {"unit", indicator_info(i).unit}, {"factors", row}});
    }
    j["characterisation"] = c;
    json demands = json::array();
    for (const auto& d : sys.demands)
        demands.push_back({{"process", d.process}, {"amount", d.amount.eval(params)}, {"node", sys.node_names[static_cast<std::size_t>(d.node)]}});
    j["demands"] = demands;
    json ps = json::array();
    for (const auto& p : sys.parameters) {
        const auto& d = p.distribution;
        json dist = {{"type", Distribution::type_names()[static_cast<std::size_t>(d.type)]}};
        // Location parameters in the SI units the expressions use.
        switch (d.type) {
            case Distribution::Type::normal: dist["mean"] = d.a; dist["sd"] = d.b; break;
            case Distribution::Type::lognormal: dist["median"] = d.a; dist["gsd"] = d.b; break;
            case Distribution::Type::uniform: dist["min"] = d.a; dist["max"] = d.b; break;
            case Distribution::Type::triangular:
            case Distribution::Type::pert: dist["min"] = d.a; dist["mode"] = d.c; dist["max"] = d.b; break;
            case Distribution::Type::discrete: dist["values"] = d.values; dist["weights"] = d.weights; break;
            case Distribution::Type::none: break;
        }
        ps.push_back({{"name", p.name}, {"value", p.value}, {"distribution", dist}});
    }
    j["parameters"] = ps;
    j["functional_units"] = sys.functional_units.eval(params);
    return j;
}

}  // namespace lca4ai
