//! One reader per node type: keys, references, inventory look-ups and checks of
//! values that are impossible whatever the context (PUE < 1, shares ≠ 1, ...).
#include <cmath>

#include <fmt/format.h>

#include "scenario_loader.hpp"

namespace lca4ai::io {
namespace {

const std::vector<std::string> kCommon = {"type", "description", "ownership"};

std::vector<std::string> keys(std::initializer_list<const char*> extra) {
    auto k = kCommon;
    for (auto* e : extra) k.push_back(e);
    return k;
}

//! Checked at the central value of every parameter (samples are the distributions' business).
void check_at_least(ScenarioLoader& L, const YAML::Node& n, const std::string& path, const std::optional<Expr>& e,
                    double min, bool strict, const std::string& what) {
    if (!e) return;
    const double v = L.central(*e);
    if (strict ? v <= min : v < min) L.reader().error(n, path, fmt::format("{} (got {:g})", what, v));
}

Factors read_factors(ScenarioLoader& L, const YAML::Node& n, const std::string& path, const InventoryRecord* rec,
                     const std::string& prefix, const std::string& per, bool required) {
    Factors f;
    for (const auto& it : factor_fields) {
        const std::string unit = per.empty() ? it.unit : std::string(it.unit) + "/" + per;
        auto e = L.field_or_record(n, it.key, path, unit, rec, prefix + it.key, required);
        if (e) f.*it.slot = *e;
    }
    return f;
}

std::optional<Expr> read_host_overhead(ScenarioLoader& L, const YAML::Node& n, const std::string& path) {
    if (!n["host_overhead"]) return std::nullopt;
    auto h = L.quantity(n["host_overhead"], path + ".host_overhead", "1");
    check_at_least(L, n["host_overhead"], path + ".host_overhead", h, 0, false, "host_overhead must not be negative");
    return h;
}

//! Share of a measurement's energy drawn by the host (CPU and memory) [1].
Expr host_share(const Measurement& m) {
    return Expr(m.energy_kwh > 0 ? (m.energy_kwh - m.accelerator_kwh) / m.energy_kwh : 0.0);
}

std::vector<HardwareUse> read_hardware_uses(ScenarioLoader& L, const YAML::Node& n, const std::string& path) {
    std::vector<HardwareUse> out;
    auto one = [&](const YAML::Node& h, const std::string& p) {
        if (!L.reader().check_map(h, p, {"item", "count"})) return;
        if (!L.reader().require(h, "item", p, "a hardware node") || !L.reader().require(h, "count", p, "number of units"))
            return;
        HardwareUse u;
        u.hardware = L.node_ref(h["item"], p + ".item", {NodeType::hardware});
        auto c = L.quantity(h["count"], p + ".count", "1");
        check_at_least(L, h["count"], p + ".count", c, 0, true, "the count must be positive");
        if (u.hardware >= 0 && c) {
            u.count = *c;
            out.push_back(u);
        }
    };
    if (n.IsSequence()) {
        for (std::size_t i = 0; i < n.size(); ++i) one(n[i], fmt::format("{}[{}]", path, i));
    } else {
        one(n, path);
    }
    return out;
}

}  // namespace

// `pathway: stated-policies`: the grid's factors follow the inventory pathway of that
// scenario for its region, year by year (projections); `lca4ai run` keeps the inventory values.
void read_grid_pathway(ScenarioLoader& L, const YAML::Node& n, const std::string& path, const InventoryRecord* rec,
                       GridNode& g) {
    auto& r = L.reader();
    if (!rec) {
        r.error(n, path, "a grid pathway needs the grid's `region`");
        return;
    }
    auto name = L.text(n, path);
    if (!name) return;
    const auto& db = L.scenario().inventories;
    const InventoryRecord* pw = nullptr;
    std::vector<std::string> available;
    for (const auto& [k, p] : db.records()) {
        if (p.kind != "pathway" || p.applies_to != rec->name) continue;
        available.push_back(p.scenario);
        if (p.scenario == *name || k == *name) pw = &p;
    }
    if (!pw) {
        r.error(n, path, fmt::format("no pathway '{}' for region {}{}; available: {}", *name, rec->name,
                                     did_you_mean(*name, available), available.empty() ? "none" : fmt::format("{}", fmt::join(available, ", "))));
        return;
    }
    for (const auto& it : factor_fields) {
        if (!pw->series.count(it.key)) continue;
        const auto& unit = pw->series_unit.at(it.key);
        const auto per_kwh = std::string(it.unit) + "/kWh";
        if (!(parse_unit(unit.empty() ? "1" : unit)->dim == parse_unit(per_kwh)->dim)) {
            r.error(n, path, fmt::format("pathway '{}' gives {} in {}, not {}", pw->name, it.key, unit, per_kwh));
            continue;
        }
        // The series is in SI; the factor Expr is in the canonical unit.
        const double to_canonical = 1.0 / parse_unit(per_kwh)->factor;
        const auto other = L.scenario().follow_pathway(g.per_kwh.*it.slot, *pw, it.key, to_canonical, [&](double value) {
            return L.pathway_parameter(*pw, it.key, value, Distribution{}, r.where(n));
        });
        if (other) r.error(n, path, fmt::format("{} already follows pathway '{}' in this scenario", rec->name, *other));
    }
}

void read_grid(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"region", "basis", "year", "factors", "pathway"}))) return;
    GridNode g;
    const InventoryRecord* rec = nullptr;
    if (n["region"]) {
        rec = L.record(n["region"], path + ".region", "grid");
        if (rec) g.record = rec->name;
    }
    g.basis = "location";
    if (n["basis"]) {
        g.basis = n["basis"].as<std::string>("");
        if (g.basis != "location" && g.basis != "market")
            r.error(n["basis"], path + ".basis", fmt::format("unknown basis '{}'; expected location or market", g.basis));
    }
    if (n["year"] && rec) {
        if (auto y = r.integer(n["year"], path + ".year"); y && *y != rec->year)
            r.error(n["year"], path + ".year",
                    fmt::format("the inventory has {} for {} only (available years: {})", rec->name, rec->year, rec->year));
    }
    YAML::Node factors = n["factors"] ? n["factors"] : YAML::Node(YAML::NodeType::Map);
    if (n["factors"] && !r.check_map(factors, path + ".factors", {"gwp", "water", "adp", "pe"})) return;
    if (!rec && !n["region"] && !n["factors"]) {
        r.error(n, path, "a grid needs a `region` (inventory record) or `factors`");
        return;
    }
    if (g.basis == "market" && !factors["gwp"])
        r.error(n, path + ".factors.gwp", "a market-based grid needs the contracted `factors.gwp` (supplier or residual mix)");
    g.per_kwh = read_factors(L, factors, path + ".factors", rec, "", "kWh", !n["region"]);
    if (n["pathway"]) read_grid_pathway(L, n["pathway"], path + ".pathway", rec, g);
    if (rec || n["factors"]) node.data = g;
}

void read_datacenter(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"grid", "archetype", "pue", "wue", "construction", "building_lifetime", "load_factor", "boundary",
                                    "host_overhead"})))
        return;
    DatacenterNode d;
    if (r.require(n, "grid", path, "a grid node")) d.grid = L.node_ref(n["grid"], path + ".grid", {NodeType::grid});
    const InventoryRecord* arch = nullptr;
    if (n["archetype"]) {
        arch = L.record(n["archetype"], path + ".archetype", "datacenter");
        if (arch) d.archetype = arch->name;
    }
    auto pue = L.field_or_record(n, "pue", path, "1", arch, "pue", true);
    check_at_least(L, n["pue"] ? n["pue"] : n, path + ".pue", pue, 1.0, false, "PUE must be at least 1");
    auto wue = L.field_or_record(n, "wue", path, "m3/kWh", arch, "wue", true);
    check_at_least(L, n["wue"] ? n["wue"] : n, path + ".wue", wue, 0.0, false, "WUE must not be negative");
    if (pue) d.pue = *pue;
    if (wue) d.wue = *wue;
    if (n["boundary"])
        if (auto b = L.boundary(n["boundary"], path + ".boundary")) d.boundary = *b;
    if (auto h = read_host_overhead(L, n, path)) d.host_overhead = *h;
    const InventoryRecord* cons = arch;
    const YAML::Node c = n["construction"];
    YAML::Node inline_factors(YAML::NodeType::Map);
    if (c && c.IsScalar()) {
        cons = L.record(c, path + ".construction", "datacenter");
    } else if (c) {
        if (!r.check_map(c, path + ".construction", {"gwp", "water", "adp", "pe"})) return;
        inline_factors.reset(c);
        cons = nullptr;
    }
    const bool has = c || (arch && arch->values.count("construction_gwp"));
    if (has) {
        d.has_construction = true;
        d.construction_per_mw = read_factors(L, inline_factors, path + ".construction", cons, "construction_", "MW", false);
        auto life = L.field_or_record(n, "building_lifetime", path, "h", cons, "building_lifetime", true);
        check_at_least(L, n["building_lifetime"] ? n["building_lifetime"] : n, path + ".building_lifetime", life, 0, true,
                       "the building lifetime must be positive");
        auto lf = L.field_or_record(n, "load_factor", path, "1", cons, "load_factor", true);
        check_at_least(L, n["load_factor"] ? n["load_factor"] : n, path + ".load_factor", lf, 0, true,
                       "the load factor must be positive");
        if (lf && L.central(*lf) > 1)
            r.error(n["load_factor"] ? n["load_factor"] : n, path + ".load_factor", "the load factor must be at most 1");
        if (life) d.building_lifetime = *life;
        if (lf) d.load_factor = *lf;
    } else {
        L.assume(fmt::format("{}: no construction given; the building's embodied impacts are not counted", node.name));
    }
    node.data = d;
}

void read_hardware(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"item", "embodied", "mass", "power", "lifetime", "utilisation", "peak_flops", "count"})))
        return;
    HardwareNode h;
    const InventoryRecord* rec = nullptr;
    if (n["item"]) {
        rec = L.record(n["item"], path + ".item", "hardware");
        if (rec) h.item = rec->name;
        else return;
    }
    YAML::Node emb = n["embodied"] ? n["embodied"] : YAML::Node(YAML::NodeType::Map);
    if (n["embodied"] && !r.check_map(emb, path + ".embodied", {"gwp", "water", "adp", "pe"})) return;
    if (!rec && !n["embodied"]) {
        r.error(n, path, "a hardware node needs an inventory `item` or `embodied` factors");
        return;
    }
    h.embodied = read_factors(L, emb, path + ".embodied", rec, "", "", false);
    if (!rec && !emb["gwp"]) r.error(emb, path + ".embodied.gwp", "missing required key 'gwp' (kg CO2e per unit)");
    if (auto m = L.field_or_record(n, "mass", path, "kg", rec, "mass", false)) h.mass = *m;
    else L.assume(fmt::format("{}: no mass known; its e-waste is not counted", node.name));
    h.power = L.field_or_record(n, "power", path, "kW", rec, "power", false);
    auto life = L.field_or_record(n, "lifetime", path, "h", rec, "lifetime", true);
    check_at_least(L, n["lifetime"] ? n["lifetime"] : n, path + ".lifetime", life, 0, true, "the lifetime must be positive");
    if (life) h.lifetime = *life;
    if (n["utilisation"]) {
        auto u = L.quantity(n["utilisation"], path + ".utilisation", "1");
        check_at_least(L, n["utilisation"], path + ".utilisation", u, 0, true, "utilisation must be positive");
        if (u && L.central(*u) > 1)
            r.error(n["utilisation"], path + ".utilisation", "utilisation must be at most 1 (100 %)");
        if (u) h.utilisation = *u;
    } else {
        h.utilisation = Expr(1.0);
        L.assume(fmt::format("{}: utilisation over life not given; 1 (every hour of its life is allocated to some use)", node.name));
    }
    h.peak_flops = L.field_or_record(n, "peak_flops", path, "FLOP/h", rec, "peak_flops", false);
    if (n["count"]) {
        h.count = L.quantity(n["count"], path + ".count", "1");
        check_at_least(L, n["count"], path + ".count", h.count, 0, true, "the count must be positive");
    }
    node.data = h;
}

void read_training(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"site", "hardware", "device_hours", "duration", "power", "power_utilisation",
                                    "energy", "compute", "mfu", "peak_flops", "experimentation"})))
        return;
    TrainingNode t;
    if (r.require(n, "site", path, "a datacenter node")) t.site = L.node_ref(n["site"], path + ".site", {NodeType::datacenter});
    if (n["hardware"]) t.hardware = read_hardware_uses(L, n["hardware"], path + ".hardware");
    auto opt = [&](const char* key, const char* unit) -> std::optional<Expr> {
        if (!n[key]) return std::nullopt;
        auto e = L.quantity(n[key], path + "." + key, unit);
        check_at_least(L, n[key], path + "." + key, e, 0, true, fmt::format("{} must be positive", key));
        return e;
    };
    t.device_hours = opt("device_hours", "h");
    t.duration = opt("duration", "h");
    if (is_measurement(n["energy"])) {
        t.measurement = L.measurement(n["energy"], path + ".energy", node.name);
        if (t.measurement >= 0) {
            const auto& m = L.scenario().measurements[static_cast<std::size_t>(t.measurement)];
            t.energy = Expr(m.energy_kwh);
            t.host_share = host_share(m);
            if (!n["duration"] && !n["device_hours"] && m.duration_h > 0) {
                t.duration = Expr(m.duration_h);
                t.measured_time = true;
            }
        } else {
            t.energy = Expr(0.0);
        }
    } else {
        t.energy = opt("energy", "kWh");
    }
    t.compute = opt("compute", "FLOP");
    t.mfu = opt("mfu", "1");
    t.power = opt("power", "kW");
    t.power_utilisation = opt("power_utilisation", "1");
    t.peak_flops = opt("peak_flops", "FLOP/h");
    if (n["experimentation"]) {
        auto e = L.quantity(n["experimentation"], path + ".experimentation", "1");
        check_at_least(L, n["experimentation"], path + ".experimentation", e, 1.0, false,
                       "the experimentation multiplier counts extra runs and must be at least 1");
        if (e) t.experimentation = *e;
    }
    const int time_keys = (n["device_hours"] ? 1 : 0) + (n["duration"] ? 1 : 0);
    if (!n["power"] && !n["energy"])
        L.assume(fmt::format("{}: no `power` given; the accelerator's nominal power (TDP) from its hardware node is used", node.name));
    if (n["compute"]) {
        t.mode = TrainingNode::Mode::compute;
        if (time_keys || n["energy"])
            r.error(n["compute"], path + ".compute", "give either `compute` or a time (`device_hours`, `duration`) or `energy`, not both");
        if (!n["mfu"]) r.error(n, path + ".mfu", "missing required key 'mfu' (model-FLOPs utilisation, needed with `compute`)");
        if (t.mfu && L.central(*t.mfu) > 1)
            r.error(n["mfu"], path + ".mfu", "mfu must be at most 1 (100 %)");
    } else if (n["energy"]) {
        t.mode = TrainingNode::Mode::energy;
        if (time_keys > 1) r.error(n, path, "give either `device_hours` or `duration`, not both");
        if (!t.hardware.empty() && time_keys == 0 && !t.measured_time && !(is_measurement(n["energy"]) && t.measurement < 0))
            r.error(n, path + ".duration", "with measured `energy` and `hardware`, give `duration` or `device_hours` so that embodied impacts can be allocated");
    } else if (time_keys == 1) {
        t.mode = n["device_hours"] ? TrainingNode::Mode::device_hours : TrainingNode::Mode::duration;
    } else if (time_keys == 2) {
        r.error(n, path, "give either `device_hours` or `duration`, not both");
    } else {
        r.error(n, path, "missing the training's size: give one of `device_hours`, `duration`, `energy` or `compute`");
    }
    if (t.mode != TrainingNode::Mode::energy && !n["hardware"])
        r.error(n, path + ".hardware", "missing required key 'hardware' ({item, count}), needed unless `energy` is measured");
    node.data = t;
}

void read_inference(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"site", "hardware", "period", "traffic", "energy_per_request", "energy_per_token",
                                    "tokens_per_request", "power", "throughput", "idle_power", "amortises", "boundary",
                                    "host_overhead", "fleet"})))
        return;
    InferenceNode s;
    if (r.require(n, "site", path, "a datacenter node")) s.site = L.node_ref(n["site"], path + ".site", {NodeType::datacenter});
    if (n["hardware"]) s.hardware = read_hardware_uses(L, n["hardware"], path + ".hardware");
    else L.assume(fmt::format("{}: no hardware given; its embodied impacts are not counted", node.name));
    if (r.require(n, "period", path, "how long the service runs, e.g. '2 year'")) {
        auto p = L.quantity(n["period"], path + ".period", "h");
        check_at_least(L, n["period"], path + ".period", p, 0, true, "the period must be positive");
        if (p) s.period = *p;
    }
    if (r.require(n, "traffic", path, "{requests_per_day: N} or {rate: N request/day}, optional growth") &&
        r.check_map(n["traffic"], path + ".traffic", {"requests_per_day", "tokens_per_day", "rate", "growth"})) {
        const auto& tr = n["traffic"];
        const auto tp = path + ".traffic";
        const int given = (tr["requests_per_day"] ? 1 : 0) + (tr["tokens_per_day"] ? 1 : 0) + (tr["rate"] ? 1 : 0);
        if (given != 1) {
            r.error(tr, tp, "give exactly one of `requests_per_day`, `tokens_per_day` or `rate`");
        } else if (tr["rate"]) {
            std::string err;
            const auto text = tr["rate"].as<std::string>("");
            const bool tokens = text.find("token") != std::string::npos;
            s.traffic = tokens ? InferenceNode::Traffic::tokens : InferenceNode::Traffic::requests;
            if (auto q = L.quantity(tr["rate"], tp + ".rate", tokens ? "token/h" : "request/h")) s.rate0 = *q;
        } else {
            const bool tokens = bool(tr["tokens_per_day"]);
            s.traffic = tokens ? InferenceNode::Traffic::tokens : InferenceNode::Traffic::requests;
            const auto& v = tokens ? tr["tokens_per_day"] : tr["requests_per_day"];
            const auto key = tp + (tokens ? ".tokens_per_day" : ".requests_per_day");
            if (auto q = L.quantity(v, key, "1")) {
                check_at_least(L, v, key, q, 0, false, "traffic must not be negative");
                s.rate0 = *q / Expr(24.0);  // per day -> per hour
            }
        }
        if (tr["growth"]) {
            // "5 %/month": r = 5 % per period τ = 1 month, compounded: q(t) = q0 (1+r)^(t/τ).
            const auto& g = tr["growth"];
            const auto gp = tp + ".growth";
            auto text = g.IsScalar() ? g.as<std::string>()
                        : (g.IsMap() && g["value"] && g["value"].IsScalar()) ? g["value"].as<std::string>() : std::string{};
            if (!text.empty() && text[0] == '$') {  // a parameter: its unit gives the period
                for (const auto& p : L.scenario().parameters)
                    if (p.name == text.substr(1)) text = "1 " + p.unit;
            }
            const auto slash = text.rfind('/');
            std::string err;
            auto period = slash == std::string::npos ? std::nullopt : parse_quantity("1 " + text.substr(slash + 1), &err);
            if (!period || !(period->dim == canonical_unit("h").dim)) {
                r.error(g, gp, fmt::format("'{}' is not a growth rate; write it as a share per period, e.g. '5 %/month'", text));
            } else if (auto q = L.quantity(g, gp, "1/h")) {
                const double tau_h = period->si / canonical_unit("h").factor;
                s.growth = log(Expr(1.0) + *q * Expr(tau_h)) / Expr(tau_h);
                if (q->is_constant() && q->constant_value() * tau_h <= -1)
                    r.error(g, gp, "a growth rate must be above -100 % per period");
            }
        }
    }
    auto opt = [&](const char* key, const char* unit) -> std::optional<Expr> {
        if (!n[key]) return std::nullopt;
        auto e = L.quantity(n[key], path + "." + key, unit);
        check_at_least(L, n[key], path + "." + key, e, 0, false, fmt::format("{} must not be negative", key));
        return e;
    };
    // Energy per request or per token measured over a window that served a known number of them.
    auto measured = [&](const char* key, bool per_token) -> std::optional<Expr> {
        const auto kp = path + "." + key;
        s.measurement = L.measurement(n[key], kp, node.name);
        if (s.measurement < 0) return Expr(0.0);
        const auto& m = L.scenario().measurements[static_cast<std::size_t>(s.measurement)];
        const auto& count = per_token ? m.tokens : m.requests;
        if (!count || *count <= 0) {
            r.error(n[key], kp + (per_token ? ".tokens" : ".requests"),
                    fmt::format("the log does not say how many {} it measured: give `{}: N`", per_token ? "tokens" : "requests",
                                per_token ? "tokens" : "requests"));
            return Expr(0.0);
        }
        s.host_share = host_share(m);
        return Expr(m.energy_kwh / *count);
    };
    s.energy_per_request = is_measurement(n["energy_per_request"]) ? measured("energy_per_request", false)
                                                                   : opt("energy_per_request", "kWh/request");
    s.energy_per_token = is_measurement(n["energy_per_token"]) ? measured("energy_per_token", true)
                                                               : opt("energy_per_token", "kWh/token");
    if (n["boundary"]) s.boundary = L.boundary(n["boundary"], path + ".boundary");
    s.host_overhead = read_host_overhead(L, n, path);
    s.tokens_per_request = opt("tokens_per_request", "token/request");
    s.power = opt("power", "kW");
    s.throughput = opt("throughput", "request/h");
    s.idle_power = opt("idle_power", "kW");
    const int modes = (n["energy_per_request"] ? 1 : 0) + (n["energy_per_token"] ? 1 : 0) + (n["throughput"] ? 1 : 0);
    if (modes != 1) {
        r.error(n, path, "give exactly one way to get energy: `energy_per_request`, `energy_per_token`, or `throughput` with `power` and `hardware`");
    } else if (n["energy_per_token"]) {
        s.energy_mode = InferenceNode::EnergyMode::per_token;
        if (s.traffic == InferenceNode::Traffic::requests && !n["tokens_per_request"])
            r.error(n, path + ".tokens_per_request", "with `energy_per_token` and request traffic, give `tokens_per_request`");
    } else if (n["throughput"]) {
        s.energy_mode = InferenceNode::EnergyMode::derived;
        if (s.hardware.empty()) r.error(n, path + ".hardware", "with `throughput`, give the `hardware` that serves it");
    } else {
        s.energy_mode = InferenceNode::EnergyMode::per_request;
    }
    if (s.traffic == InferenceNode::Traffic::tokens && s.energy_mode != InferenceNode::EnergyMode::per_token &&
        !n["tokens_per_request"] && modes == 1)
        r.error(n, path + ".tokens_per_request", "token traffic needs `tokens_per_request` to count requests");
    if (n["fleet"]) {
        const auto& f = n["fleet"];
        const auto fp = path + ".fleet";
        if (r.check_map(f, fp, {"throughput_per_device", "replace_at_end_of_life", "initial"}) &&
            r.require(f, "throughput_per_device", fp, "requests per hour one accelerator serves, e.g. '1800 request/h'")) {
            InferenceNode::Fleet fleet;
            if (auto q = L.quantity(f["throughput_per_device"], fp + ".throughput_per_device", "request/h")) {
                check_at_least(L, f["throughput_per_device"], fp + ".throughput_per_device", q, 0, true,
                               "the throughput per device must be positive");
                fleet.throughput_per_device = *q;
            }
            if (f["replace_at_end_of_life"])
                if (auto b = r.boolean(f["replace_at_end_of_life"], fp + ".replace_at_end_of_life")) fleet.replace = *b;
            if (f["initial"]) {
                const auto v = f["initial"].as<std::string>("");
                if (v != "steady" && v != "new")
                    r.error(f["initial"], fp + ".initial", fmt::format("unknown initial fleet '{}'; expected steady or new", v));
                fleet.steady_start = v != "new";
            }
            if (s.hardware.empty()) r.error(f, fp, "a fleet needs the service's `hardware` (the first entry is the accelerator)");
            s.fleet = fleet;
        }
    }
    if (n["amortises"]) {
        const auto& a = n["amortises"];
        if (!a.IsSequence()) {
            r.error(a, path + ".amortises", "expected a list of training nodes");
        } else {
            for (std::size_t i = 0; i < a.size(); ++i) {
                const int t = L.node_ref(a[i], fmt::format("{}.amortises[{}]", path, i), {NodeType::training});
                if (t >= 0) s.amortises.push_back(t);
            }
        }
    }
    node.data = s;
}

void read_end_of_life(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"hardware", "treatment", "credits"}))) return;
    EndOfLifeNode e;
    if (r.require(n, "hardware", path, "the hardware nodes reaching end of life")) {
        const auto& h = n["hardware"];
        if (!h.IsSequence()) r.error(h, path + ".hardware", "expected a list of hardware nodes");
        else
            for (std::size_t i = 0; i < h.size(); ++i) {
                const int k = L.node_ref(h[i], fmt::format("{}.hardware[{}]", path, i), {NodeType::hardware});
                if (k >= 0) e.hardware.push_back(k);
            }
    }
    if (n["credits"]) {
        if (auto b = r.boolean(n["credits"], path + ".credits")) e.credits = *b;
    }
    if (!r.require(n, "treatment", path, "treatment shares, e.g. {recycling: 0.4, landfill: 0.6}, or an eol_mix record"))
        return;
    const auto& t = n["treatment"];
    std::vector<std::pair<const InventoryRecord*, std::pair<Expr, YAML::Node>>> shares;
    if (t.IsScalar()) {
        const auto* mix = L.record(t, path + ".treatment", "eol_mix");
        if (!mix) return;
        for (const auto& [name, share] : mix->shares) {
            const auto* rec = L.scenario().inventories.find(name);
            if (!rec || rec->kind != "eol_treatment") {
                r.error(t, path + ".treatment", fmt::format("mix '{}' names treatment '{}', which is not an eol_treatment record", mix->name, name));
                continue;
            }
            shares.push_back({rec, {Expr(share), t}});
        }
    } else if (r.check_map(t, path + ".treatment", {})) {
        double total = 0;
        bool all_constant = true;
        for (const auto& kv : t) {
            const auto name = kv.first.as<std::string>();
            const auto sp = path + ".treatment." + name;
            const auto* rec = L.record(kv.first, sp, "eol_treatment");
            auto s = L.quantity(kv.second, sp, "1");
            check_at_least(L, kv.second, sp, s, 0, false, "a share must not be negative");
            if (!rec || !s) {
                all_constant = false;
                continue;
            }
            if (s->is_constant()) total += s->constant_value();
            else all_constant = false;
            shares.push_back({rec, {*s, kv.second}});
        }
        if (all_constant && std::abs(total - 1.0) > 1e-6)
            r.error(t, path + ".treatment", fmt::format("treatment shares sum to {:g}; they must sum to 1", total));
    }
    for (const auto& [rec, sv] : shares) {
        const auto& [share, at] = sv;
        e.shares.push_back({rec->name, share});
        auto add = [&](Expr& slot, const std::string& field) {
            if (auto v = L.inventory_value(*rec, field, at, path, false)) slot = slot + share * *v;
        };
        add(e.burden_per_kg.gwp, "gwp");
        add(e.burden_per_kg.water, "water");
        add(e.burden_per_kg.adp, "adp");
        add(e.burden_per_kg.pe, "pe");
        if (e.credits) {
            add(e.credit_per_kg.gwp, "credit_gwp");
            add(e.credit_per_kg.water, "credit_water");
            add(e.credit_per_kg.adp, "credit_adp");
            add(e.credit_per_kg.pe, "credit_pe");
        }
    }
    node.data = e;
}

void read_process(ScenarioLoader& L, const YAML::Node& n, const std::string& path, Node& node) {
    auto& r = L.reader();
    if (!r.check_map(n, path, keys({"stage", "embodied", "unit", "inputs", "flows", "demand"}))) return;
    ProcessNode p;
    static const std::vector<std::string> stages = {"hardware_fabrication", "datacentre_construction", "training",
                                                    "inference", "end_of_life"};
    if (r.require(n, "stage", path, fmt::format("one of {}", fmt::join(stages, ", ")))) {
        const auto s = n["stage"].as<std::string>("");
        auto it = std::find(stages.begin(), stages.end(), s);
        if (it == stages.end())
            r.error(n["stage"], path + ".stage",
                    fmt::format("unknown stage '{}'{}; expected one of: {}", s, did_you_mean(s, stages), fmt::join(stages, ", ")));
        else
            p.stage = static_cast<Stage>(it - stages.begin());
    }
    p.embodied = p.stage == Stage::hardware_fabrication || p.stage == Stage::datacentre_construction ||
                 p.stage == Stage::end_of_life;
    if (n["embodied"]) {
        if (auto b = r.boolean(n["embodied"], path + ".embodied")) p.embodied = *b;
    }
    p.unit = n["unit"].as<std::string>("unit");
    if (n["inputs"] && r.check_map(n["inputs"], path + ".inputs", {})) {
        for (const auto& kv : n["inputs"]) {
            const auto ip = path + ".inputs." + kv.first.as<std::string>();
            const int k = L.node_ref(kv.first, ip, {NodeType::process, NodeType::grid, NodeType::datacenter, NodeType::hardware});
            if (k < 0) continue;
            const auto t = L.scenario().nodes[static_cast<std::size_t>(k)].type;
            const char* unit = (t == NodeType::grid || t == NodeType::datacenter) ? "kWh" : "1";
            if (auto a = L.quantity(kv.second, ip, unit)) p.inputs.push_back({k, *a});
        }
    }
    if (n["flows"] && r.check_map(n["flows"], path + ".flows", {})) {
        for (const auto& kv : n["flows"]) {
            const auto name = kv.first.as<std::string>();
            const auto fp = path + ".flows." + name;
            const auto* rec = L.scenario().inventories.find(name);
            if (!rec || rec->kind != "flow") {
                r.error(kv.first, fp, fmt::format("unknown elementary flow '{}'{}", name,
                                                  did_you_mean(name, L.scenario().inventories.names("flow"))));
                continue;
            }
            const std::string unit = rec->unit.empty() ? "1" : rec->unit;
            if (auto a = L.quantity(kv.second, fp, unit)) p.flows.push_back({name, *a});
        }
    }
    if (n["demand"]) {
        p.demand = L.quantity(n["demand"], path + ".demand", "1");
    }
    node.data = p;
}

}  // namespace lca4ai::io
