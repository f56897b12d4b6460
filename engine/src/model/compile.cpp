//! Scenario -> LcaSystem. Each node type expands into processes; equations are
//! those of docs/methodology.md, section by section.
#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "lca4ai/system.hpp"
#include "lca4ai/units.hpp"

namespace lca4ai {
namespace {

const IndicatorInfo kIndicators[indicator_count] = {
    {"gwp", "kg CO2e", "climate change, GWP100"},
    {"water", "m3", "water consumption"},
    {"adp", "kg Sb eq", "abiotic depletion, minerals and metals"},
    {"ewaste", "kg", "electronic waste generated"},
    {"energy", "kWh", "final electricity drawn by the facility"},
    {"pe", "MJ", "primary energy"},
};

// Flows written by the node expansions. Their characterisation comes from the
// `flow` records of the inventories (inventories/methods.yaml).
const char* kFlowCO2e = "co2e";
const char* kFlowWaterOnsite = "water_onsite";
const char* kFlowWaterOffsite = "water_offsite";
const char* kFlowWaterSupply = "water_supply_chain";
const char* kFlowSb = "sb_eq";
const char* kFlowPE = "primary_energy";
const char* kFlowEwaste = "ewaste";
const char* kFlowElectricity = "electricity";

class Compiler {
public:
    explicit Compiler(const Scenario& sc) : sc_(sc) {}

    LcaSystem run() {
        sys_.parameters = sc_.parameters;
        for (const auto& n : sc_.nodes) {
            sys_.node_names.push_back(n.name);
            sys_.node_types.push_back(n.type);
            sys_.node_stages.push_back(default_stage(n));
            sys_.node_ownership.push_back(n.ownership);
        }
        setup_flows();
        // Processes first (so that references resolve), then exchanges.
        for (std::size_t i = 0; i < sc_.nodes.size(); ++i) declare(static_cast<int>(i));
        for (std::size_t i = 0; i < sc_.nodes.size(); ++i) expand(static_cast<int>(i));
        fleets();
        functional_unit();
        order();
        return std::move(sys_);
    }

private:
    const Scenario& sc_;
    LcaSystem sys_;
    std::map<std::string, int> proc_;  // process name -> column
    std::map<std::string, int> flow_;
    std::map<int, Expr> drawn_units_;  // hardware node -> units drawn by activities
    std::map<int, int> eol_of_;        // hardware node -> end_of_life node

    static Stage default_stage(const Node& n) {
        switch (n.type) {
            case NodeType::hardware: return Stage::hardware_fabrication;
            case NodeType::datacenter: return Stage::datacentre_construction;
            case NodeType::inference: return Stage::inference;
            case NodeType::end_of_life: return Stage::end_of_life;
            case NodeType::process: return std::get<ProcessNode>(n.data).stage;
            default: return Stage::training;
        }
    }

    void setup_flows() {
        const std::vector<std::pair<const char*, const char*>> builtin = {
            {kFlowCO2e, "kg CO2e"}, {kFlowWaterOnsite, "m3"}, {kFlowWaterOffsite, "m3"}, {kFlowWaterSupply, "m3"},
            {kFlowSb, "kg Sb eq"},  {kFlowPE, "MJ"},          {kFlowEwaste, "kg"},       {kFlowElectricity, "kWh"}};
        std::vector<const InventoryRecord*> recs;
        for (const auto& [name, rec] : sc_.inventories.records())
            if (rec.kind == "flow") recs.push_back(&rec);
        for (const auto& [name, unit] : builtin) flow_index(name, unit);
        for (const auto* r : recs) flow_index(r->name, r->unit);
        sys_.characterisation = Eigen::MatrixXd::Zero(indicator_count, static_cast<Eigen::Index>(sys_.flow_names.size()));
        for (const auto* r : recs) {
            for (const auto& [ind, v] : r->values) {
                for (int i = 0; i < indicator_count; ++i)
                    if (ind == kIndicators[i].key) sys_.characterisation(i, flow_.at(r->name)) = v.value;
            }
        }
        for (const auto& [name, unit] : builtin) {
            if (!sc_.inventories.find(name))
                throw CalculationError(fmt::format("the inventories define no elementary flow '{}' (inventories/methods.yaml)", name));
        }
    }

    int flow_index(const std::string& name, const std::string& unit) {
        if (auto it = flow_.find(name); it != flow_.end()) return it->second;
        sys_.flow_names.push_back(name);
        sys_.flow_units.push_back(unit);
        return flow_[name] = static_cast<int>(sys_.flow_names.size()) - 1;
    }

    int add_process(const std::string& name, int node, Stage stage, bool chain, bool embodied, std::string unit,
                    bool credit = false) {
        Process p;
        p.name = name;
        p.node = node;
        p.stage = stage;
        p.supply_chain = chain;
        p.embodied = embodied;
        p.credit = credit;
        p.unit = std::move(unit);
        sys_.processes.push_back(p);
        const int col = static_cast<int>(sys_.processes.size()) - 1;
        proc_[name] = col;
        sys_.technosphere.push_back({col, col, Expr(1.0)});  // each process makes one unit of its product
        return col;
    }

    void input(int supplier, int consumer, const Expr& amount) { sys_.technosphere.push_back({supplier, consumer, -amount}); }
    void emit(const char* flow, int process, const Expr& amount) {
        if (amount.is_constant() && amount.constant_value() == 0.0) return;
        sys_.biosphere.push_back({flow_.at(flow), process, amount});
    }
    void emit(const std::string& flow, int process, const Expr& amount) {
        if (amount.is_constant() && amount.constant_value() == 0.0) return;
        sys_.biosphere.push_back({flow_.at(flow), process, amount});
    }
    void emit_factors(int process, const Factors& f, const Expr& scale = Expr(1.0), const char* water = kFlowWaterSupply) {
        emit(kFlowCO2e, process, scale * f.gwp);
        emit(water, process, scale * f.water);
        emit(kFlowSb, process, scale * f.adp);
        emit(kFlowPE, process, scale * f.pe);
    }
    int report(int node, const std::string& key, const std::string& unit, const Expr& v, const std::string& source = "") {
        sys_.reported.push_back({node, key, unit, v, source});
        return static_cast<int>(sys_.reported.size()) - 1;
    }
    static bool is_zero(const Expr& e) { return e.is_constant() && e.constant_value() == 0.0; }
    const DatacenterNode& site(int node) const { return std::get<DatacenterNode>(sc_.nodes[static_cast<std::size_t>(node)].data); }
    std::string source_of(int measurement) const {
        return measurement < 0 ? std::string() : sc_.measurements[static_cast<std::size_t>(measurement)].file;
    }

    // IT electricity of a site without its facility overhead (PUE) or on-site water, for
    // activities counted at a boundary narrower than `facility`; the building is still allocated.
    int it_supply(int dc) {
        const auto key = "it:" + name(dc);
        if (auto it = proc_.find(key); it != proc_.end()) return it->second;
        const auto& d = site(dc);
        const int col = add_process(key, dc, Stage::training, true, false, "kWh IT");
        input(proc_.at("grid:" + name(d.grid)), col, Expr(1.0));
        if (d.has_construction)
            input(proc_.at("build:" + name(dc)), col, Expr(1.0) / (Expr(1000.0) * d.building_lifetime * d.load_factor));
        return col;
    }

    // Reports the cumulative levels [kWh] (accelerator, host, idle: IT energy; facility: × PUE) and
    // draws the energy of the chosen level: the IT energy through the site at `facility`, else
    // the level's energy straight from the site's IT supply.
    void energy_by_boundary(int i, int col, int site_node, Boundary chosen, const Expr& accelerator, const Expr& host,
                            const Expr& it, int measurement, bool host_measured) {
        BoundaryLevels b;
        b.node = i;
        b.chosen = chosen;
        b.source = source_of(measurement);
        const Expr levels[boundary_count] = {accelerator, host, it, it * site(site_node).pue};
        for (int k = 0; k < boundary_count; ++k) {
            const bool measured = measurement >= 0 && (k == 0 || (k == 1 && host_measured));
            b.measured[static_cast<std::size_t>(k)] = measured;
            b.reported[static_cast<std::size_t>(k)] =
                report(i, std::string("energy_") + boundary_names()[static_cast<std::size_t>(k)], "kWh", levels[k],
                       measured ? b.source : "");
        }
        if (chosen == Boundary::facility) input(proc_.at("dc:" + name(site_node)), col, it);
        else input(it_supply(site_node), col, levels[static_cast<int>(chosen)]);
        sys_.boundaries.push_back(b);
    }
    const std::string& name(int node) const { return sc_.nodes[static_cast<std::size_t>(node)].name; }

    void declare(int i) {
        const auto& n = sc_.nodes[static_cast<std::size_t>(i)];
        switch (n.type) {
            case NodeType::grid: add_process("grid:" + n.name, i, Stage::training, true, false, "kWh"); break;
            case NodeType::datacenter: {
                add_process("dc:" + n.name, i, Stage::training, true, false, "kWh IT");
                if (std::get<DatacenterNode>(n.data).has_construction)
                    add_process("build:" + n.name, i, Stage::datacentre_construction, false, true, "MW IT");
                break;
            }
            case NodeType::hardware: add_process("fab:" + n.name, i, Stage::hardware_fabrication, false, true, "unit"); break;
            case NodeType::training: add_process("act:" + n.name, i, Stage::training, false, false, "run"); break;
            case NodeType::inference: add_process("act:" + n.name, i, Stage::inference, false, false, "service"); break;
            case NodeType::end_of_life: {
                const auto& e = std::get<EndOfLifeNode>(n.data);
                for (int h : e.hardware) {
                    if (eol_of_.count(h))
                        throw CalculationError(fmt::format("hardware '{}' reaches end of life in two nodes, '{}' and '{}'",
                                                           name(h), name(eol_of_[h]), n.name));
                    eol_of_[h] = i;
                    add_process(fmt::format("eol:{}:{}", n.name, name(h)), i, Stage::end_of_life, false, true, "unit");
                    if (e.credits)
                        add_process(fmt::format("credit:{}:{}", n.name, name(h)), i, Stage::end_of_life, false, true, "unit", true);
                }
                break;
            }
            case NodeType::process: {
                const auto& p = std::get<ProcessNode>(n.data);
                add_process("proc:" + n.name, i, p.stage, false, p.embodied, p.unit);
                break;
            }
        }
    }

    // Units of hardware `use.hardware` consumed by `count × hours` unit-hours: ÷ (lifetime × utilisation).
    void draw_hardware(int activity_col, const HardwareUse& use, const Expr& unit_hours) {
        const auto& h = std::get<HardwareNode>(sc_.nodes[static_cast<std::size_t>(use.hardware)].data);
        const Expr units = unit_hours / (h.lifetime * h.utilisation);
        input(proc_.at("fab:" + name(use.hardware)), activity_col, units);
        auto it = drawn_units_.find(use.hardware);
        drawn_units_[use.hardware] = it == drawn_units_.end() ? units : it->second + units;
    }

    const HardwareNode* primary(const std::vector<HardwareUse>& uses) const {
        return uses.empty() ? nullptr : &std::get<HardwareNode>(sc_.nodes[static_cast<std::size_t>(uses[0].hardware)].data);
    }

    Expr power_of(int node, const std::optional<Expr>& given, const HardwareNode* hw, const std::string& what) {
        if (given) return *given;
        if (hw && hw->power) return *hw->power;
        throw CalculationError(fmt::format("{}: no power given and the hardware has none: give `power`", name(node) + what));
    }

    void expand(int i) {
        const auto& n = sc_.nodes[static_cast<std::size_t>(i)];
        switch (n.type) {
            case NodeType::grid: {
                const auto& g = std::get<GridNode>(n.data);
                const int col = proc_.at("grid:" + n.name);
                emit_factors(col, g.per_kwh, Expr(1.0), kFlowWaterOffsite);
                emit(kFlowElectricity, col, Expr(1.0));
                break;
            }
            case NodeType::datacenter: {
                const auto& d = std::get<DatacenterNode>(n.data);
                const int col = proc_.at("dc:" + n.name);
                input(proc_.at("grid:" + name(d.grid)), col, d.pue);  // facility kWh per IT kWh
                emit(kFlowWaterOnsite, col, d.wue);
                report(i, "pue", "1", d.pue);
                if (d.has_construction) {
                    const int b = proc_.at("build:" + n.name);
                    emit_factors(b, d.construction_per_mw);
                    // 1 MW of IT capacity over its life delivers 1000 kW × lifetime [h] × load factor kWh.
                    input(b, col, Expr(1.0) / (Expr(1000.0) * d.building_lifetime * d.load_factor));
                }
                break;
            }
            case NodeType::hardware: {
                const auto& h = std::get<HardwareNode>(n.data);
                const int col = proc_.at("fab:" + n.name);
                emit_factors(col, h.embodied);
                if (auto e = eol_of_.find(i); e != eol_of_.end()) {
                    const auto& eol = std::get<EndOfLifeNode>(sc_.nodes[static_cast<std::size_t>(e->second)].data);
                    const int ecol = proc_.at(fmt::format("eol:{}:{}", name(e->second), n.name));
                    input(ecol, col, Expr(1.0));
                    emit(kFlowEwaste, ecol, h.mass);
                    emit_factors(ecol, eol.burden_per_kg, h.mass);
                    if (eol.credits) {
                        const int ccol = proc_.at(fmt::format("credit:{}:{}", name(e->second), n.name));
                        input(ccol, col, Expr(1.0));
                        emit_factors(ccol, eol.credit_per_kg, -h.mass);
                    }
                }
                break;
            }
            case NodeType::training: expand_training(i, std::get<TrainingNode>(n.data)); break;
            case NodeType::inference: expand_inference(i, std::get<InferenceNode>(n.data)); break;
            case NodeType::end_of_life: break;  // expanded with its hardware
            case NodeType::process: {
                const auto& p = std::get<ProcessNode>(n.data);
                const int col = proc_.at("proc:" + n.name);
                for (const auto& [k, amount] : p.inputs) input(supplier_of(k), col, amount);
                for (const auto& [flow, amount] : p.flows) emit(flow, col, amount);
                if (p.demand) sys_.demands.push_back({col, *p.demand, i, p.stage, false});
                break;
            }
        }
    }

    int supplier_of(int node) const {
        const auto& n = sc_.nodes[static_cast<std::size_t>(node)];
        switch (n.type) {
            case NodeType::grid: return proc_.at("grid:" + n.name);
            case NodeType::datacenter: return proc_.at("dc:" + n.name);
            case NodeType::hardware: return proc_.at("fab:" + n.name);
            default: return proc_.at("proc:" + n.name);
        }
    }

    // Training (methodology §training): IT energy and unit-hours by mode, × experimentation.
    void expand_training(int i, const TrainingNode& t) {
        const int col = proc_.at("act:" + name(i));
        const HardwareNode* hw = primary(t.hardware);
        const Expr count0 = t.hardware.empty() ? Expr(1.0) : t.hardware[0].count;
        const Expr pu = t.power_utilisation ? *t.power_utilisation : Expr(1.0);
        Expr wall(0.0), energy(0.0);  // wall-clock hours [h] and IT energy [kWh] of one run (before host overhead)
        bool has_time = true;
        switch (t.mode) {
            case TrainingNode::Mode::device_hours:
                wall = *t.device_hours / count0;
                energy = *t.device_hours * power_of(i, t.power, hw, "") * pu;
                break;
            case TrainingNode::Mode::duration:
                wall = *t.duration;
                energy = count0 * *t.duration * power_of(i, t.power, hw, "") * pu;
                break;
            case TrainingNode::Mode::energy:
                energy = *t.energy;
                if (t.duration) wall = *t.duration;
                else if (t.device_hours) wall = *t.device_hours / count0;
                else has_time = false;
                break;
            case TrainingNode::Mode::compute: {
                std::optional<Expr> peak = t.peak_flops;
                if (!peak && hw) peak = hw->peak_flops;
                if (!peak)
                    throw CalculationError(fmt::format("{}: compute mode needs `peak_flops` (the hardware record has none)", name(i)));
                const Expr device_hours = *t.compute / (*peak * *t.mfu);
                wall = device_hours / count0;
                energy = device_hours * power_of(i, t.power, hw, "") * pu;
                report(i, "device_hours", "h", device_hours);
                break;
            }
        }
        // Boundaries: the accelerator part of `energy`, then the host's (measured share, or the
        // site's host_overhead per accelerator energy for what the log or estimate leaves out).
        const Expr accelerator = is_zero(t.host_share) ? energy : energy * (Expr(1.0) - t.host_share);
        const Expr& overhead = site(t.site).host_overhead;
        if (!is_zero(overhead)) energy = energy + overhead * accelerator;
        const Expr total_energy = energy * t.experimentation;
        const std::string src = source_of(t.measurement);
        const bool pure = is_zero(overhead);  // the figure is the log's alone
        const bool host_measured =
            t.measurement >= 0 && sc_.measurements[static_cast<std::size_t>(t.measurement)].boundary == Boundary::host;
        report(i, "it_energy_per_run", "kWh", energy, pure ? src : "");
        report(i, "experimentation", "1", t.experimentation);
        report(i, "it_energy", "kWh", total_energy, pure ? src : "");
        energy_by_boundary(i, col, t.site, site(t.site).boundary, accelerator * t.experimentation, total_energy,
                           total_energy, t.measurement, host_measured && pure);
        if (has_time) {
            report(i, "wall_clock", "h", wall, t.measured_time ? src : "");
            for (const auto& use : t.hardware) draw_hardware(col, use, use.count * wall * t.experimentation);
        }
        sys_.demands.push_back({col, Expr(1.0), i, Stage::training, false});
    }

    // Inference (methodology §inference): requests integrated over the period, energy per request.
    void expand_inference(int i, const InferenceNode& s) {
        const int col = proc_.at("act:" + name(i));
        // ∫0^T q0 e^{kt} dt = q0 (e^{kT} − 1)/k, or q0 T without growth.
        const Expr volume = s.growth.is_constant() && s.growth.constant_value() == 0.0
                                ? s.rate0 * s.period
                                : s.rate0 * (exp(s.growth * s.period) - Expr(1.0)) / s.growth;
        Expr requests, tokens;
        const bool token_traffic = s.traffic == InferenceNode::Traffic::tokens;
        if (token_traffic) {
            tokens = volume;
            requests = s.tokens_per_request ? volume / *s.tokens_per_request : Expr(0.0);
        } else {
            requests = volume;
            if (s.tokens_per_request) tokens = volume * *s.tokens_per_request;
        }
        // Units in service by hardware entry: as written, or (fleet) the accelerators traffic needs,
        // other entries in their written proportion to the first.
        std::vector<Expr> counts;
        for (const auto& use : s.hardware) counts.push_back(use.count);
        if (s.fleet) counts = fleet_counts(i, s, requests);
        Expr energy;
        switch (s.energy_mode) {
            case InferenceNode::EnergyMode::per_request: energy = requests * *s.energy_per_request; break;
            case InferenceNode::EnergyMode::per_token: energy = tokens * *s.energy_per_token; break;
            case InferenceNode::EnergyMode::derived: {
                const HardwareNode* hw = primary(s.hardware);
                const Expr per_request = power_of(i, s.power, hw, "") * counts[0] / *s.throughput;
                energy = requests * per_request;
                break;
            }
        }
        const Expr accelerator = is_zero(s.host_share) ? energy : energy * (Expr(1.0) - s.host_share);
        const Expr overhead = s.host_overhead ? *s.host_overhead : site(s.site).host_overhead;
        if (!is_zero(overhead)) energy = energy + overhead * accelerator;
        const Expr dynamic = energy;
        const std::string src = is_zero(overhead) ? source_of(s.measurement) : "";
        report(i, "dynamic_it_energy", "kWh", energy, src);
        if (s.idle_power) {
            // Per accelerator (the first hardware entry) over the whole period.
            const Expr units = s.hardware.empty() ? Expr(1.0) : counts[0];
            const Expr idle = *s.idle_power * units * s.period;
            report(i, "idle_it_energy", "kWh", idle);
            energy = energy + idle;
        }
        const bool host_measured =
            s.measurement >= 0 && sc_.measurements[static_cast<std::size_t>(s.measurement)].boundary == Boundary::host;
        energy_by_boundary(i, col, s.site, s.boundary ? *s.boundary : site(s.site).boundary, accelerator, dynamic, energy,
                           s.measurement, host_measured && !src.empty());
        report(i, "it_energy", "kWh", energy);
        sys_.boundaries.back().requests = report(i, "requests", "request", requests);
        if (token_traffic || s.tokens_per_request) report(i, "tokens", "token", tokens);
        report(i, "period", "h", s.period);
        if (!s.fleet) {
            for (const auto& use : s.hardware) draw_hardware(col, use, use.count * s.period);
        } else {
            draw_fleet(col, s, counts);
        }
        sys_.demands.push_back({col, Expr(1.0), i, Stage::inference, false});
    }

    int add_parameter(const std::string& name, double value, const std::string& unit) {
        Parameter p;
        p.name = name;
        p.value = value;
        p.unit = unit;
        p.origin = "fleet model";
        sys_.parameters.push_back(p);
        return static_cast<int>(sys_.parameters.size()) - 1;
    }

    // Fleet (methodology "Fleet"): stock = requests ÷ (period × throughput per device) ÷ utilisation.
    std::vector<Expr> fleet_counts(int i, const InferenceNode& s, const Expr& requests) {
        const HardwareNode* hw = primary(s.hardware);
        const Expr stock = requests / (s.period * s.fleet->throughput_per_device) / hw->utilisation;
        std::vector<Expr> counts;
        for (const auto& use : s.hardware) counts.push_back(stock * use.count / s.hardware[0].count);
        FleetModel f;
        f.node = i;
        f.devices = stock;
        f.lifetime = hw->lifetime / Expr(canonical_unit("year").factor / canonical_unit("h").factor);
        f.mode = add_parameter(fmt::format("fleet.{}.projection", name(i)), 0.0, "1");
        f.purchased = add_parameter(fmt::format("fleet.{}.purchased", name(i)), 0.0, "unit");
        f.retired = add_parameter(fmt::format("fleet.{}.retired", name(i)), 0.0, "unit");
        f.replace = s.fleet->replace;
        f.steady_start = s.fleet->steady_start;
        sys_.fleets.push_back(f);
        report(i, "fleet_devices", "unit", stock);
        return counts;
    }

    // Run: time-based allocation of the fleet (as any activity). Projection (mode 1): the year's
    // purchases are fabricated this year, and end of life moves from purchase to retirement.
    void draw_fleet(int col, const InferenceNode& s, const std::vector<Expr>& counts) {
        const FleetModel& f = sys_.fleets.back();
        const Expr m = Expr::parameter(f.mode), bought = Expr::parameter(f.purchased), retired = Expr::parameter(f.retired);
        for (std::size_t k = 0; k < s.hardware.size(); ++k) {
            const auto& use = s.hardware[k];
            const auto& h = std::get<HardwareNode>(sc_.nodes[static_cast<std::size_t>(use.hardware)].data);
            const Expr ratio = use.count / s.hardware[0].count;
            const Expr units = (Expr(1.0) - m) * counts[k] * s.period / (h.lifetime * h.utilisation) + m * bought * ratio;
            input(proc_.at("fab:" + name(use.hardware)), col, units);
            auto it = drawn_units_.find(use.hardware);
            drawn_units_[use.hardware] = it == drawn_units_.end() ? units : it->second + units;
            if (auto e = eol_of_.find(use.hardware); e != eol_of_.end()) {
                const Expr shift = m * (retired - bought) * ratio;
                const auto suffix = fmt::format("{}:{}", name(e->second), name(use.hardware));
                sys_.demands.push_back({proc_.at("eol:" + suffix), shift, e->second, Stage::end_of_life, false});
                if (std::get<EndOfLifeNode>(sc_.nodes[static_cast<std::size_t>(e->second)].data).credits)
                    sys_.demands.push_back({proc_.at("credit:" + suffix), shift, e->second, Stage::end_of_life, false});
            }
        }
    }

    // Fleets: declared units that no activity draws stay in the total as unallocated.
    void fleets() {
        for (std::size_t i = 0; i < sc_.nodes.size(); ++i) {
            const auto& n = sc_.nodes[i];
            if (n.type != NodeType::hardware) continue;
            const auto& h = std::get<HardwareNode>(n.data);
            const Expr drawn = drawn_units_.count(static_cast<int>(i)) ? drawn_units_.at(static_cast<int>(i)) : Expr(0.0);
            report(static_cast<int>(i), "units_allocated", "unit", drawn);
            if (!h.count) continue;
            const Expr rest = *h.count - drawn;
            const double central = rest.eval(sys_.central_values());
            if (central < -1e-9 * h.count->eval(sys_.central_values()))
                throw CalculationError(fmt::format(
                    "hardware '{}': activities draw {:.6g} unit-lifetimes but the fleet has {:.6g} units; "
                    "raise `count` or `lifetime`, or shorten the activities",
                    n.name, drawn.eval(sys_.central_values()), h.count->eval(sys_.central_values())));
            report(static_cast<int>(i), "units_unallocated", "unit", rest);
            sys_.demands.push_back({proc_.at("fab:" + n.name), rest, static_cast<int>(i), Stage::hardware_fabrication, true});
        }
        // Amortisation of training over the services that declare it, by requests.
        std::map<int, std::vector<int>> services_of;
        for (std::size_t i = 0; i < sc_.nodes.size(); ++i)
            if (sc_.nodes[i].type == NodeType::inference)
                for (int t : std::get<InferenceNode>(sc_.nodes[i].data).amortises) services_of[t].push_back(static_cast<int>(i));
        std::map<int, Expr> requests;
        for (const auto& r : sys_.reported)
            if (r.key == "requests") requests[r.node] = r.value;
        auto requests_of = [&](int s) { return requests.count(s) ? requests.at(s) : Expr(0.0); };
        for (const auto& [t, services] : services_of) {
            Expr total(0.0);
            for (int s : services) total = total + requests_of(s);
            for (int s : services) sys_.amortisations.push_back({t, s, requests_of(s) / total});
        }
    }

    void functional_unit() {
        const auto& fu = sc_.functional_unit;
        if (fu.node < 0) {
            sys_.functional_units = Expr(1.0 / fu.amount);
            return;
        }
        const auto& n = sc_.nodes[static_cast<std::size_t>(fu.node)];
        Expr reference(1.0);
        if (n.type == NodeType::inference) {
            for (const auto& r : sys_.reported)
                if (r.node == fu.node && r.key == "requests") reference = r.value;
        } else if (n.type == NodeType::process) {
            const auto& p = std::get<ProcessNode>(n.data);
            reference = p.demand ? *p.demand : Expr(0.0);
        }
        sys_.functional_units = reference / Expr(fu.amount);
    }

    // Topological order of processes (consumers first) if the technosphere is acyclic.
    void order() {
        const int np = static_cast<int>(sys_.processes.size());
        std::vector<std::vector<int>> suppliers(static_cast<std::size_t>(np));
        std::vector<int> indegree(static_cast<std::size_t>(np), 0);  // number of consumers
        for (const auto& e : sys_.technosphere) {
            if (e.row == e.col) {
                if (!e.value.is_constant() || e.value.constant_value() != 1.0) sys_.acyclic = false;
                continue;
            }
            suppliers[static_cast<std::size_t>(e.col)].push_back(e.row);
            ++indegree[static_cast<std::size_t>(e.row)];
        }
        std::vector<int> queue;
        for (int p = 0; p < np; ++p)
            if (indegree[static_cast<std::size_t>(p)] == 0) queue.push_back(p);
        std::vector<int> out;
        while (!queue.empty()) {
            const int p = queue.back();
            queue.pop_back();
            out.push_back(p);
            for (int s : suppliers[static_cast<std::size_t>(p)])
                if (--indegree[static_cast<std::size_t>(s)] == 0) queue.push_back(s);
        }
        if (static_cast<int>(out.size()) != np) sys_.acyclic = false;
        if (sys_.acyclic) sys_.topological_order = std::move(out);
    }
};

}  // namespace

const IndicatorInfo& indicator_info(int i) { return kIndicators[i]; }

std::vector<double> LcaSystem::central_values() const {
    std::vector<double> v;
    v.reserve(parameters.size());
    for (const auto& p : parameters) v.push_back(p.value);
    return v;
}

LcaSystem compile(const Scenario& scenario) { return Compiler(scenario).run(); }

}  // namespace lca4ai
