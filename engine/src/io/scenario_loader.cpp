//! Scenario YAML -> typed Scenario (format: docs/scenario-format.md).
#include "scenario_loader.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lca4ai/checksum.hpp"
#include "lca4ai/pathway.hpp"
#include "pathway_reader.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai::io {

namespace {
const std::vector<std::string> kTopKeys = {"lca4ai", "name", "description", "functional_unit", "parameters",
                                           "inventories", "nodes"};
const std::vector<std::string> kNodeTypes = {"grid", "datacenter", "hardware", "training", "inference", "end_of_life",
                                             "process"};

bool is_number_text(const std::string& s) {
    std::string err;
    auto q = parse_quantity(s, &err);
    return q.has_value();
}
}  // namespace

ScenarioLoader::ScenarioLoader(const std::string& file, const InventoryDb& shipped, ErrorSink& sink,
                               std::string base_dir)
    : r_(file, sink), base_dir_(std::move(base_dir)) {
    sc_.file = file;
    sc_.inventories = shipped;
}

int ScenarioLoader::add_parameter(const std::string& name, double si, Distribution d, const std::string& unit,
                                  double factor, const SourceLocation& at) {
    Parameter p;
    p.name = name;
    p.value = si;
    p.distribution = std::move(d);
    p.unit = unit;
    p.display_factor = factor;
    p.origin = at.line ? fmt::format("{}:{}", at.file, at.line) : at.file;
    sc_.parameters.push_back(std::move(p));
    return static_cast<int>(sc_.parameters.size()) - 1;
}

std::optional<TypedExpr> ScenarioLoader::resolve(const std::string& name, bool is_parameter, std::string* error) {
    if (is_parameter) {
        if (auto it = params_.find(name); it != params_.end()) return it->second;
        if (broken_params_.count(name)) {
            error->clear();
            return std::nullopt;
        }
        if (text_params_.count(name)) {
            *error = fmt::format("parameter '{}' is a text, not a number", name);
            return std::nullopt;
        }
        std::vector<std::string> names;
        for (const auto& [k, _] : params_) names.push_back(k);
        *error = fmt::format("unknown parameter '${}'{}", name, did_you_mean(name, names));
        return std::nullopt;
    }
    // inventory.<record>.<field>
    const auto rest = name.substr(std::string("inventory.").size());
    const auto dot = rest.rfind('.');
    if (dot == std::string::npos) {
        *error = fmt::format("'{}' must be inventory.<record>.<field>", name);
        return std::nullopt;
    }
    const auto rec_name = rest.substr(0, dot), field = rest.substr(dot + 1);
    const auto* rec = sc_.inventories.find(rec_name);
    if (!rec) {
        *error = fmt::format("no inventory record '{}'{}", rec_name, did_you_mean(rec_name, sc_.inventories.names()));
        return std::nullopt;
    }
    auto it = rec->values.find(field);
    if (it == rec->values.end()) {
        std::vector<std::string> fields;
        for (const auto& [k, _] : rec->values) fields.push_back(k);
        *error = fmt::format("record '{}' has no value '{}'{}", rec_name, field, did_you_mean(field, fields));
        return std::nullopt;
    }
    const auto unit = canonical_unit(it->second.unit);
    auto e = inventory_value(*rec, field, YAML::Node(), "", true);
    return TypedExpr{*e * Expr(unit.factor), unit.dim};
}

std::optional<Expr> ScenarioLoader::inventory_value(const InventoryRecord& rec, const std::string& field,
                                                    const YAML::Node&, const std::string&, bool) {
    auto it = rec.values.find(field);
    if (it == rec.values.end()) {
        if (auto m = rec.missing.find(field); m != rec.missing.end()) {
            assume(fmt::format("{}: no {} in the inventory ({}); counted as 0", rec.name, field, m->second));
            return Expr(0.0);
        }
        return std::nullopt;
    }
    if (records_used_.insert(rec.name).second) sc_.inventory_records_used.push_back(rec.name);
    const auto& v = it->second;
    Distribution dist = v.uncertainty;
    if (!dist.uncertain()) {
        // No published uncertainty: the documented default for the record's kind, if any.
        const auto* def = sc_.inventories.default_uncertainty(rec.kind);
        auto g = def ? def->values.find(field) : decltype(def->values.end()){};
        if (!def || g == def->values.end() || v.value <= 0) return Expr(v.value);
        dist.type = Distribution::Type::lognormal;
        dist.a = v.value;
        dist.b = g->second.value;
        dist.is_default = true;
        if (!default_noted_.count(def->name)) {
            default_noted_.insert(def->name);
            assume(fmt::format("{} values without a published uncertainty take the default of '{}' (lognormal, GSD from pedigree scores)",
                               rec.kind, def->name));
        }
    }
    const auto pname = fmt::format("inventory.{}.{}", rec.name, field);
    if (auto it = inventory_params_.find(pname); it != inventory_params_.end()) return Expr::parameter(it->second);
    // Parameters hold canonical-unit values here (factor 1): the Expr is already in `unit`.
    const int idx = add_parameter(pname, v.value, dist, v.unit, 1.0, v.where);
    inventory_params_[pname] = idx;
    return Expr::parameter(idx);
}

Expr ScenarioLoader::pathway_parameter(const InventoryRecord& pathway, const std::string& field, double value,
                                       const Distribution& d, const SourceLocation& at) {
    const auto pname = fmt::format("pathway.{}.{}", pathway.name, field);
    if (auto it = inventory_params_.find(pname); it != inventory_params_.end()) return Expr::parameter(it->second);
    if (records_used_.insert(pathway.name).second) sc_.inventory_records_used.push_back(pathway.name);
    const auto& unit = pathway.series_unit.at(field);
    const int idx = add_parameter(pname, value, d, unit, parse_unit(unit.empty() ? "1" : unit)->factor, at);
    sc_.parameters[static_cast<std::size_t>(idx)].pathway = std::make_shared<const Pathway>(pathway.series.at(field));
    inventory_params_[pname] = idx;
    return Expr::parameter(idx);
}

std::optional<TypedExpr> ScenarioLoader::typed(const YAML::Node& n, const std::string& path) {
    if (!n.IsScalar()) {
        r_.error(n, path, "expected a quantity such as '700 W', a $parameter or an '= expression'");
        return std::nullopt;
    }
    const auto s = n.as<std::string>();
    std::string err;
    if (!s.empty() && (s[0] == '=' || s[0] == '$')) {
        std::string_view body = s[0] == '=' ? std::string_view(s).substr(1) : std::string_view(s);
        while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
        auto e = parse_expression(body,
                                  [this](const std::string& name, bool p, std::string* er) { return resolve(name, p, er); },
                                  &err);
        if (!e && err.find('\x01') == std::string::npos) r_.error(n, path, err);
        return e;
    }
    auto q = parse_quantity(s, &err);
    if (!q) {
        r_.error(n, path, err);
        return std::nullopt;
    }
    return TypedExpr{Expr(q->si), q->dim};
}

std::optional<Expr> ScenarioLoader::quantity(const YAML::Node& n, const std::string& path, const std::string& unit) {
    const auto target = canonical_unit(unit);
    if (n.IsMap()) {
        // An uncertain value written in place: an anonymous parameter named after its key path.
        if (!r_.check_map(n, path, {"value", "distribution", "description"})) return std::nullopt;
        if (!n["value"] && !n["distribution"]) {
            r_.error(n, path, "expected `value` and/or `distribution`");
            return std::nullopt;
        }
        double si = std::nan("");
        std::string written_unit = unit;
        double factor = target.factor;
        if (n["value"]) {
            std::string err;
            auto q = n["value"].IsScalar() ? parse_quantity(n["value"].as<std::string>(), &err) : std::nullopt;
            if (!q) {
                r_.error(n["value"], path + ".value", err.empty() ? "expected a quantity" : err);
                return std::nullopt;
            }
            if (q->unit_text.empty() && !target.dim.dimensionless()) {
                r_.error(n["value"], path + ".value",
                         fmt::format("'{}' has no unit; expected {}", n["value"].as<std::string>(), target.dim.describe()));
                return std::nullopt;
            }
            if (!(q->dim == target.dim)) {
                r_.error(n["value"], path + ".value",
                         fmt::format("'{}' is {}; expected {}", n["value"].as<std::string>(), q->dim.describe(),
                                     target.dim.describe()));
                return std::nullopt;
            }
            si = q->si;
            if (!q->unit_text.empty()) {
                written_unit = q->unit_text;
                factor = canonical_unit(q->unit_text).factor;
            }
        }
        Distribution d;
        if (n["distribution"]) {
            auto dd = r_.distribution(n["distribution"], path + ".distribution", written_unit);
            if (!dd) return std::nullopt;
            d = *dd;
            d.scale(factor);
            if (std::isnan(d.a)) d.a = si;
            if (std::isnan(d.c)) d.c = si;
            if (std::isnan(si)) si = d.central();
        }
        const int idx = add_parameter(path, si, d, written_unit, factor, r_.where(n));
        return Expr::parameter(idx) / Expr(target.factor);
    }
    auto t = typed(n, path);
    if (!t) return std::nullopt;
    if (!(t->dim == target.dim)) {
        const auto s = n.as<std::string>();
        if (t->dim.dimensionless() && s.find_first_of("$=") == std::string::npos)
            r_.error(n, path, fmt::format("'{}' has no unit; expected {} (e.g. '{} {}')", s, target.dim.describe(), s, unit));
        else
            r_.error(n, path, fmt::format("'{}' is {}; expected {}", s, t->dim.describe(), target.dim.describe()));
        return std::nullopt;
    }
    return t->expr / Expr(target.factor);
}

std::optional<std::string> ScenarioLoader::text(const YAML::Node& n, const std::string& path) {
    auto s = r_.string(n, path);
    if (!s || s->empty() || (*s)[0] != '$') return s;
    const auto name = s->substr(1);
    if (auto it = text_params_.find(name); it != text_params_.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [k, _] : text_params_) names.push_back(k);
    r_.error(n, path, fmt::format("unknown text parameter '${}'{}", name, did_you_mean(name, names)));
    return std::nullopt;
}

int ScenarioLoader::node_ref(const YAML::Node& n, const std::string& path, std::initializer_list<NodeType> types) {
    auto name = text(n, path);
    if (!name) return -1;
    std::vector<std::string> wanted;
    for (auto t : types) wanted.push_back(node_type_name(t));
    auto it = node_types_.find(*name);
    if (it == node_types_.end()) {
        std::vector<std::string> candidates;  // only on error: the look-up itself stays O(log n)
        for (const auto& [k, t] : node_types_)
            if (std::find(types.begin(), types.end(), t) != types.end()) candidates.push_back(k);
        r_.error(n, path, fmt::format("no node named '{}'{}; expected a {} node", *name, did_you_mean(*name, candidates),
                                      fmt::join(wanted, " or ")));
        return -1;
    }
    if (std::find(types.begin(), types.end(), it->second) == types.end()) {
        r_.error(n, path, fmt::format("node '{}' is a {} node; expected a {} node", *name, node_type_name(it->second),
                                      fmt::join(wanted, " or ")));
        return -1;
    }
    return sc_.node_index(*name);
}

const InventoryRecord* ScenarioLoader::record(const YAML::Node& n, const std::string& path, const std::string& kind) {
    auto name = text(n, path);
    if (!name) return nullptr;
    const auto* rec = sc_.inventories.find(*name);
    if (!rec) {
        r_.error(n, path, fmt::format("no {} record '{}' in the inventories{}", kind, *name,
                                      did_you_mean(*name, sc_.inventories.names(kind))));
        return nullptr;
    }
    if (rec->kind != kind) {
        r_.error(n, path, fmt::format("inventory record '{}' is a {} record; expected a {} record", *name, rec->kind, kind));
        return nullptr;
    }
    return rec;
}

std::optional<Expr> ScenarioLoader::field_or_record(const YAML::Node& n, const std::string& key,
                                                    const std::string& path, const std::string& unit,
                                                    const InventoryRecord* rec, const std::string& field,
                                                    bool required) {
    if (n[key]) return quantity(n[key], join_path(path, key), unit);
    if (rec) {
        if (auto e = inventory_value(*rec, field, n, path, required)) return e;
    }
    if (required)
        r_.error(n, join_path(path, key),
                 rec ? fmt::format("missing '{}': inventory record '{}' has no {} either; give it in {}", key, rec->name,
                                   field, unit)
                     : fmt::format("missing required key '{}' ({})", key, canonical_unit(unit).dim.describe()));
    return std::nullopt;
}

std::optional<Quantity> ScenarioLoader::value_quantity(const YAML::Node& v, const std::string& path) {
    std::string err;
    auto q = v.IsScalar() ? parse_quantity(v.as<std::string>(), &err) : std::nullopt;
    if (!q) r_.error(v, path, err.empty() ? "expected a number or a quantity" : err);
    return q;
}

void ScenarioLoader::read_parameters(const YAML::Node& n) {
    if (!r_.check_map(n, "parameters", {})) return;
    for (const auto& kv : n) {
        const std::size_t before = r_.sink().size();
        [&] {
            const auto name = kv.first.as<std::string>();
            const auto path = "parameters." + name;
            const auto& v = kv.second;
            if (params_.count(name) || text_params_.count(name)) return;  // duplicate, already reported
            if (v.IsScalar()) {
                const auto s = v.as<std::string>();
                if (!s.empty() && s[0] == '=') {
                    if (auto t = typed(v, path)) params_[name] = *t;
                } else if (is_number_text(s)) {
                    std::string err;
                    auto q = parse_quantity(s, &err);
                    const double f = q->unit_text.empty() ? 1.0 : canonical_unit(q->unit_text).factor;
                    const int idx = add_parameter(name, q->si, {}, q->unit_text, f, r_.where(v));
                    params_[name] = {Expr::parameter(idx), q->dim};
                } else if (s.find_first_of("0123456789") == 0) {
                    std::string err;
                    parse_quantity(s, &err);
                    r_.error(v, path, err);
                } else {
                    text_params_[name] = s;
                }
                return;
            }
            if (!r_.check_map(v, path, {"value", "unit", "distribution", "description", "pathway", "interpolation", "rebound"}))
                return;
            if (v["pathway"]) {
                read_pathway_parameter(name, v, path);
                return;
            }
            if (v["interpolation"] || v["rebound"]) {
                r_.error(v, path, "`interpolation` and `rebound` go with a `pathway`");
                return;
            }
            if (!v["value"] && !v["distribution"]) {
                r_.error(v, path, "a parameter needs a `value`, a `distribution`, or both");
                return;
            }
            std::string unit_text = v["unit"] ? v["unit"].as<std::string>("") : "";
            double si = std::nan("");
            Dimension dim;
            double factor = 1.0;
            if (!unit_text.empty()) {
                std::string err;
                auto u = parse_unit(unit_text, &err);
                if (!u) {
                    r_.error(v["unit"], path + ".unit", err);
                    return;
                }
                dim = u->dim;
                factor = u->factor;
            }
            if (v["value"]) {
                auto q = value_quantity(v["value"], path + ".value");
                if (!q) return;
                if (!q->unit_text.empty()) {
                    if (!unit_text.empty() && !(q->dim == dim)) {
                        r_.error(v["value"], path + ".value",
                                 fmt::format("'{}' is {}, but the parameter's unit is {}", v["value"].as<std::string>(),
                                             q->dim.describe(), unit_text));
                        return;
                    }
                    if (unit_text.empty()) {
                        unit_text = q->unit_text;
                        dim = q->dim;
                        factor = canonical_unit(unit_text).factor;
                    }
                    si = q->si;
                } else {
                    si = q->si * factor;
                }
            }
            Distribution d;
            if (v["distribution"]) {
                auto dd = r_.distribution(v["distribution"], path + ".distribution", unit_text.empty() ? "1" : unit_text);
                if (!dd) return;
                d = *dd;
                d.scale(factor);
                if (std::isnan(d.a)) d.a = si;
                if (std::isnan(d.c)) d.c = si;
                if (std::isnan(d.a) || std::isnan(d.c)) {
                    r_.error(v, path, "give a `value` (used as the mean/median/mode) or complete the distribution");
                    return;
                }
                if (std::isnan(si)) si = d.central();
                if (d.type == Distribution::Type::triangular || d.type == Distribution::Type::pert) {
                    if (d.c < d.a || d.c > d.b)
                        r_.error(v, path, "the mode (or value) must lie between min and max");
                }
            }
            const int idx = add_parameter(name, si, d, unit_text, factor, r_.where(v));
            params_[name] = {Expr::parameter(idx), dim};
        }();
        const auto name = kv.first.as<std::string>();
        if (r_.sink().size() > before && !params_.count(name) && !text_params_.count(name)) broken_params_.insert(name);
    }
}

// A parameter that varies by year (docs/scenario-format.md, "Pathways"): its `value` and
// `distribution` serve `lca4ai run`; without them, the pathway's first year does.
void ScenarioLoader::read_pathway_parameter(const std::string& name, const YAML::Node& v, const std::string& path) {
    std::string unit_text = v["unit"] ? v["unit"].as<std::string>("") : "";
    if (!unit_text.empty()) {
        std::string err;
        if (!parse_unit(unit_text, &err)) {
            r_.error(v["unit"], path + ".unit", err);
            return;
        }
    }
    std::optional<Pathway> pw;
    const auto& pn = v["pathway"];
    if (pn.IsScalar()) {
        const auto* rec = record(pn, path + ".pathway", "pathway");
        if (!rec) return;
        auto it = rec->series.find("value");
        if (it == rec->series.end()) {
            r_.error(pn, path + ".pathway",
                     fmt::format("pathway record '{}' has no `value` series (it is for {} '{}'; use it there)", rec->name,
                                 rec->applies_to.empty() ? "a record" : "record", rec->applies_to));
            return;
        }
        if (records_used_.insert(rec->name).second) sc_.inventory_records_used.push_back(rec->name);
        pw = it->second;
        const auto& runit = rec->series_unit.at("value");
        if (unit_text.empty()) unit_text = runit;
        else if (!(parse_unit(unit_text)->dim == parse_unit(runit.empty() ? "1" : runit)->dim))
            r_.error(v["unit"], path + ".unit", fmt::format("pathway '{}' is in {}, not {}", rec->name, runit, unit_text));
        if (v["interpolation"]) r_.error(v["interpolation"], path + ".interpolation", "an inventory pathway has its own interpolation");
    } else {
        pw = read_pathway(r_, pn, path + ".pathway", v["interpolation"], unit_text);
    }
    if (!pw) return;
    const auto u = parse_unit(unit_text.empty() ? "1" : unit_text);
    double si = pw->at(pw->base_year());
    Distribution d;
    if (!pw->uncertainty.empty() && !pw->has_rate) d = pw->uncertainty[0];
    if (v["value"]) {
        auto q = value_quantity(v["value"], path + ".value");
        if (!q) return;
        if (!q->unit_text.empty() && !(q->dim == u->dim)) {
            r_.error(v["value"], path + ".value",
                     fmt::format("'{}' is {}, but the pathway is in {}", v["value"].as<std::string>(), q->dim.describe(),
                                 unit_text.empty() ? "1" : unit_text));
            return;
        }
        si = q->unit_text.empty() ? q->si * u->factor : q->si;
        d = Distribution{};
    }
    if (v["distribution"]) {
        auto dd = r_.distribution(v["distribution"], path + ".distribution", unit_text.empty() ? "1" : unit_text);
        if (!dd) return;
        d = *dd;
        d.scale(u->factor);
        if (std::isnan(d.a)) d.a = si;
        if (std::isnan(d.c)) d.c = si;
    }
    const int idx = add_parameter(name, si, d, unit_text, u->factor, r_.where(v));
    sc_.parameters[static_cast<std::size_t>(idx)].pathway = std::make_shared<const Pathway>(std::move(*pw));
    Expr e = Expr::parameter(idx);
    if (v["rebound"]) {
        // Jevons: the value is multiplied by (driver(t) / driver(base year))^elasticity.
        const auto& rb = v["rebound"];
        const auto rp = path + ".rebound";
        if (!r_.check_map(rb, rp, {"driver", "elasticity"}) || !r_.require(rb, "driver", rp, "a pathway parameter (efficiency)") ||
            !r_.require(rb, "elasticity", rp, "demand elasticity to efficiency, e.g. 0.5"))
            return;
        const auto driver = rb["driver"].as<std::string>("");
        const auto dname = !driver.empty() && driver[0] == '$' ? driver.substr(1) : driver;
        const Parameter* dp = nullptr;
        int didx = -1;
        for (std::size_t i = 0; i < sc_.parameters.size(); ++i)
            if (sc_.parameters[i].name == dname) {
                dp = &sc_.parameters[i];
                didx = static_cast<int>(i);
            }
        if (!dp || !dp->pathway) {
            std::vector<std::string> names;
            for (const auto& p : sc_.parameters)
                if (p.pathway && p.name != name) names.push_back(p.name);
            r_.error(rb["driver"], rp + ".driver",
                     fmt::format("'{}' is not a pathway parameter defined above{}", dname, did_you_mean(dname, names)));
            return;
        }
        auto el = r_.number(rb["elasticity"], rp + ".elasticity");
        if (!el) return;
        const double base = dp->pathway->at(dp->pathway->base_year());
        if (base <= 0) {
            r_.error(rb["driver"], rp + ".driver", "the driver must be positive in its base year");
            return;
        }
        e = e * pow(Expr::parameter(didx) / Expr(base), Expr(*el));
    }
    params_[name] = {e, u->dim};
}

void ScenarioLoader::read_functional_unit(const YAML::Node& n) {
    const std::string path = "functional_unit";
    if (!r_.check_map(n, path, {"label", "per", "amount"})) return;
    auto& fu = sc_.functional_unit;
    if (n["label"]) fu.label = n["label"].as<std::string>("");
    if (n["per"]) fu.node = node_ref(n["per"], path + ".per", {NodeType::inference, NodeType::training, NodeType::process});
    if (n["amount"]) {
        if (auto a = r_.number(n["amount"], path + ".amount")) {
            if (*a <= 0) r_.error(n["amount"], path + ".amount", "the amount must be positive");
            else fu.amount = *a;
        }
    }
}

void ScenarioLoader::read_nodes(const YAML::Node& nodes) {
    if (!r_.check_map(nodes, "nodes", {})) return;
    // First pass: names and types, so that nodes may refer to later ones.
    for (const auto& kv : nodes) {
        const auto name = kv.first.as<std::string>();
        const auto path = "nodes." + name;
        if (node_types_.count(name)) continue;
        if (!kv.second.IsMap()) {
            r_.error(kv.second, path, "expected a mapping with a `type`");
            continue;
        }
        if (!r_.require(kv.second, "type", path, fmt::format("one of {}", fmt::join(kNodeTypes, ", ")))) continue;
        const auto type = kv.second["type"].as<std::string>("");
        auto it = std::find(kNodeTypes.begin(), kNodeTypes.end(), type);
        if (it == kNodeTypes.end()) {
            r_.error(kv.second["type"], path + ".type",
                     fmt::format("unknown node type '{}'{}; expected one of: {}", type, did_you_mean(type, kNodeTypes),
                                 fmt::join(kNodeTypes, ", ")));
            continue;
        }
        Node node;
        node.name = name;
        node.type = static_cast<NodeType>(it - kNodeTypes.begin());
        node.where = r_.where(kv.first);
        node_types_[name] = node.type;
        sc_.node_lookup[name] = static_cast<int>(sc_.nodes.size());
        sc_.nodes.push_back(std::move(node));
    }
    for (const auto& kv : nodes) {
        const auto name = kv.first.as<std::string>();
        const int idx = sc_.node_index(name);
        if (idx < 0) continue;
        auto& node = sc_.nodes[static_cast<std::size_t>(idx)];
        const auto path = "nodes." + name;
        const auto& n = kv.second;
        if (n["ownership"]) {
            static const std::vector<std::string> owners = {"owned", "colocation", "cloud", "third_party"};
            node.ownership = n["ownership"].as<std::string>("");
            if (std::find(owners.begin(), owners.end(), node.ownership) == owners.end())
                r_.error(n["ownership"], path + ".ownership",
                         fmt::format("unknown ownership '{}'{}; expected one of: {}", node.ownership,
                                     did_you_mean(node.ownership, owners), fmt::join(owners, ", ")));
        }
        switch (node.type) {
            case NodeType::grid: read_grid(*this, n, path, node); break;
            case NodeType::datacenter: read_datacenter(*this, n, path, node); break;
            case NodeType::hardware: read_hardware(*this, n, path, node); break;
            case NodeType::training: read_training(*this, n, path, node); break;
            case NodeType::inference: read_inference(*this, n, path, node); break;
            case NodeType::end_of_life: read_end_of_life(*this, n, path, node); break;
            case NodeType::process: read_process(*this, n, path, node); break;
        }
    }
}

Scenario ScenarioLoader::load(const YAML::Node& root) {
    if (!r_.check_map(root, "", kTopKeys)) return std::move(sc_);
    if (r_.require(root, "lca4ai", "", fmt::format("the format version, {}", scenario_format_version))) {
        if (auto v = r_.integer(root["lca4ai"], "lca4ai"); v && *v != scenario_format_version)
            r_.error(root["lca4ai"], "lca4ai",
                     fmt::format("unsupported format version {}; this lca4ai reads version {}", *v, scenario_format_version));
    }
    if (r_.require(root, "name", "", "a name for the scenario")) sc_.name = root["name"].as<std::string>("");
    if (root["description"]) sc_.description = root["description"].as<std::string>("");
    if (root["inventories"]) {
        const auto& inv = root["inventories"];
        if (!inv.IsSequence()) {
            r_.error(inv, "inventories", "expected a list of inventory files or folders");
        } else {
            namespace fs = std::filesystem;
            for (std::size_t i = 0; i < inv.size(); ++i) {
                const auto rel = inv[i].as<std::string>("");
                const fs::path p = fs::path(base_dir_) / rel;
                std::error_code ec;
                if (fs::is_directory(p, ec)) {
                    std::vector<std::string> files;
                    for (const auto& e : fs::directory_iterator(p, ec))
                        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
                    std::sort(files.begin(), files.end());
                    for (const auto& f : files) load_inventory_file(f, sc_.inventories, r_.sink());
                } else if (fs::exists(p, ec)) {
                    load_inventory_file(p.string(), sc_.inventories, r_.sink());
                } else {
                    r_.error(inv[i], fmt::format("inventories[{}]", i), fmt::format("no such file or folder '{}'", p.string()));
                }
            }
        }
    }
    if (root["parameters"]) read_parameters(root["parameters"]);
    if (r_.require(root, "nodes", "", "the nodes of the scenario")) read_nodes(root["nodes"]);
    if (root["functional_unit"]) read_functional_unit(root["functional_unit"]);
    else assume("no functional_unit: results per functional unit are for the whole system");
    return std::move(sc_);
}

}  // namespace lca4ai::io

namespace lca4ai {

static Scenario load_from(const std::string& text, const std::string& name, const InventoryDb& shipped,
                          const std::string& base_dir) {
    const YAML::Node root = io::parse_yaml(text, name);
    ErrorSink sink;
    io::ScenarioLoader loader(name, shipped, sink, base_dir);
    Scenario sc = loader.load(root);
    sink.throw_if_any();
    sc.checksum = sha256_hex(text);
    return sc;
}

Scenario load_scenario_text(const std::string& text, const std::string& name, const InventoryDb& shipped,
                            const std::string& base_dir) {
    return load_from(text, name, shipped, base_dir);
}

Scenario load_scenario(const std::string& path, const InventoryDb& shipped) {
    return load_from(io::read_input_file(path), path, shipped, io::input_dir(path));
}

}  // namespace lca4ai
