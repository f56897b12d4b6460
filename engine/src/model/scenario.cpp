#include "lca4ai/scenario.hpp"

#include "lca4ai/pathway.hpp"

namespace lca4ai {

const char* stage_name(Stage s) {
    static const char* names[stage_count] = {"hardware_fabrication", "datacentre_construction", "training", "inference",
                                             "end_of_life"};
    return names[static_cast<int>(s)];
}

const char* node_type_name(NodeType t) {
    static const char* names[] = {"grid", "datacenter", "hardware", "training", "inference", "end_of_life", "process"};
    return names[static_cast<int>(t)];
}

int Scenario::node_index(const std::string& n) const {
    if (auto it = node_lookup.find(n); it != node_lookup.end()) return it->second;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == n) return static_cast<int>(i);
    return -1;
}

}  // namespace lca4ai

namespace lca4ai {

const std::vector<std::string>& boundary_names() {
    static const std::vector<std::string> names = {"accelerator", "host", "idle", "facility"};
    return names;
}

double Scenario::central(const Expr& e) const {
    std::vector<double> v;
    v.reserve(parameters.size());
    for (const auto& p : parameters) v.push_back(p.value);
    return e.eval(v);
}

std::optional<std::string> Scenario::follow_pathway(Expr& factor, const InventoryRecord& pw, const std::string& key,
                                                    double to_canonical, const std::function<Expr(double)>& new_parameter) {
    const auto& code = factor.code();
    if (code.size() == 1 && code[0].op == Expr::Op::parameter) {
        auto& param = parameters[static_cast<std::size_t>(code[0].index)];
        if (param.pathway && param.pathway->record != pw.name) return param.pathway->record;
        param.pathway = std::make_shared<const Pathway>(pw.series.at(key).scaled(to_canonical));
        return std::nullopt;
    }
    factor = new_parameter(central(factor) / to_canonical) * Expr(to_canonical);
    return std::nullopt;
}

const char* boundary_name(Boundary b) { return boundary_names()[static_cast<std::size_t>(b)].c_str(); }

}  // namespace lca4ai
