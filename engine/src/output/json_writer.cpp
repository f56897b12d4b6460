//! JSON result (contract: DESIGN.md "JSON result").
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lca4ai/report.hpp"
#include "lca4ai/pathway.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai {
namespace {

using json = nlohmann::ordered_json;

json impacts(const Impacts& v, double scale) {
    json j = json::object();
    for (int i = 0; i < indicator_count; ++i) j[indicator_info(i).key] = v[static_cast<std::size_t>(i)] * scale;
    return j;
}

json stat_json(const SeriesStats& s) {
    json j = {{"mean", s.mean}, {"sd", s.sd}, {"se", s.se}};
    if (s.has_percentiles) {
        static const char* names[] = {"p2_5", "p5", "p25", "p50", "p75", "p95", "p97_5"};
        for (int q = 0; q < percentile_count; ++q) j[names[q]] = s.percentiles[static_cast<std::size_t>(q)];
    }
    return j;
}

json stats_group(const IndicatorStats& s) {
    json j = json::object();
    for (int i = 0; i < indicator_count; ++i) j[indicator_info(i).key] = stat_json(s[static_cast<std::size_t>(i)]);
    return j;
}

// {indicators, stages, nodes, embodied, operational, credits} -> key -> indicator -> statistics
json stats_json(const Report& r, std::size_t basis) {
    const auto& st = *r.stats;
    const auto& g = st.groups[basis];
    json j;
    j["indicators"] = stats_group(g[BlockLayout::total]);
    json stages = json::object();
    for (int s = 0; s < stage_count; ++s) stages[stage_name(static_cast<Stage>(s))] = stats_group(g[BlockLayout::stage0 + static_cast<std::size_t>(s)]);
    j["stages"] = stages;
    json nodes = json::object();
    for (std::size_t n = 0; n < st.layout.nodes; ++n) nodes[r.system.node_names[n]] = stats_group(g[BlockLayout::node0 + n]);
    j["nodes"] = nodes;
    j["embodied"] = stats_group(g[BlockLayout::embodied]);
    j["operational"] = stats_group(g[BlockLayout::operational]);
    j["credits"] = stats_group(g[BlockLayout::credits]);
    return j;
}

json breakdown(const Report& r, double scale, std::size_t basis) {
    const auto& o = r.outcome;
    json out;
    json ind = json::object();
    for (int i = 0; i < indicator_count; ++i) {
        json v = {{"unit", indicator_info(i).unit}, {"value", o.total[static_cast<std::size_t>(i)] * scale}};
        if (r.stats) {
            const auto& s = r.stats->groups[basis][BlockLayout::total][static_cast<std::size_t>(i)];
            v["mean"] = s.mean;
            v["sd"] = s.sd;
            v["p2_5"] = s.percentiles[0];
            v["p50"] = s.percentiles[3];
            v["p97_5"] = s.percentiles[6];
        }
        ind[indicator_info(i).key] = v;
    }
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

// Activity node -> cumulative operational energy at each boundary [kWh] (and per request).
json boundaries_json(const Report& r) {
    json out = json::object();
    for (const auto& b : r.system.boundaries) {
        json levels = json::object(), per_request = json::object(), measured = json::array(), estimated = json::array();
        const double requests = b.requests >= 0 ? r.outcome.reported[static_cast<std::size_t>(b.requests)] : 0.0;
        for (int k = 0; k < boundary_count; ++k) {
            const auto kk = static_cast<std::size_t>(k);
            const double v = r.outcome.reported[static_cast<std::size_t>(b.reported[kk])];
            levels[boundary_names()[kk]] = v;
            if (requests > 0) per_request[boundary_names()[kk]] = v / requests;
            (b.measured[kk] ? measured : estimated).push_back(boundary_names()[kk]);
        }
        json node = {{"reported", boundary_name(b.chosen)}, {"unit", "kWh"}, {"levels", levels}};
        if (b.requests >= 0) node["per_request"] = per_request;
        node["measured"] = measured;
        node["estimated"] = estimated;
        if (!b.source.empty()) node["source"] = b.source;
        out[r.system.node_names[static_cast<std::size_t>(b.node)]] = node;
    }
    return out;
}

json measurements_json(const std::vector<Measurement>& ms) {
    json out = json::array();
    for (const auto& m : ms) {
        json runs = json::array();
        for (const auto& run : m.runs)
            runs.push_back({{"id", run.id}, {"line", run.line}, {"energy_kwh", run.energy_kwh},
                            {"accelerator_kwh", run.accelerator_kwh}, {"duration_h", run.duration_h}});
        json j = {{"node", m.node},         {"key", m.key_path},          {"format", m.format},
                  {"file", m.file},         {"sha256", m.sha256},         {"boundary", boundary_name(m.boundary)},
                  {"energy_kwh", m.energy_kwh}, {"accelerator_kwh", m.accelerator_kwh}, {"duration_h", m.duration_h}};
        if (m.requests) j["requests"] = *m.requests;
        if (m.tokens) j["tokens"] = *m.tokens;
        if (!m.start.empty()) j["start"] = m.start;
        if (!m.end.empty()) j["end"] = m.end;
        j["runs"] = runs;
        if (!m.reported_by_tool.empty()) j["reported_by_tool"] = m.reported_by_tool;
        j["notes"] = m.notes;
        out.push_back(j);
    }
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
    auto fu = breakdown(r, per_fu, 0);
    for (auto& [k, v] : fu.items()) j[k] = v;
    j["total"] = breakdown(r, 1.0, 1);
    if (r.stats) {
        j["stats"] = stats_json(r, 0);
        j["total"]["stats"] = stats_json(r, 1);
        json rse = json::object();
        for (int i = 0; i < indicator_count; ++i) {
            const auto& s = r.stats->groups[0][BlockLayout::total][static_cast<std::size_t>(i)];
            rse[indicator_info(i).key] = s.mean != 0.0 ? s.se / std::abs(s.mean) : 0.0;
        }
        j["sampling"] = {{"samples", r.stats->samples},
                         {"seed", r.stats->seed},
                         {"rng", "Philox4x32-10, counter (sample, input pair)"},
                         {"percentiles", r.stats->exact_percentiles ? "exact" : "from a uniform random subsample"},
                         {"subsample", r.stats->subsample},
                         {"rse", rse}};
    }

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
        if (r.stats) {
            const auto& sv = r.stats->layout.service_nodes;
            const auto it = std::find(sv.begin(), sv.end(), node);
            if (it != sv.end())
                s["per_request_stats"] = stats_group(r.stats->groups[0][r.stats->layout.service0() + static_cast<std::size_t>(it - sv.begin())]);
        }
        services[sys.node_names[static_cast<std::size_t>(node)]] = s;
    }
    j["services"] = services;

    json quantities = json::object();
    for (std::size_t i = 0; i < sys.reported.size(); ++i) {
        const auto& q = sys.reported[i];
        json v = {{"value", o.reported[i]}, {"unit", q.unit}};
        if (!q.source.empty()) {
            v["measured"] = true;
            v["source"] = q.source;
        }
        quantities[sys.node_names[static_cast<std::size_t>(q.node)]][q.key] = v;
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
    for (const auto& p : sys.parameters) {
        params.push_back({{"name", p.name},
                          {"value", p.value / p.display_factor},
                          {"unit", p.unit},
                          {"distribution", p.distribution.describe()}});
        if (p.pathway) params.back()["pathway"] = p.pathway->describe(p.display_factor);
    }
    j["parameters"] = params;
    json inv = json::array();
    for (const auto& [name, cite] : r.sources) inv.push_back({{"record", name}, {"source", cite}, {"year_license", r.record_meta.at(name)}});
    j["inventory_records"] = inv;
    j["assumptions"] = r.info.assumptions;
    j["boundaries"] = boundaries_json(r);
    j["measurements"] = measurements_json(r.info.measurements);
    return j;
}

}  // namespace lca4ai
