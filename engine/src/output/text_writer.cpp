//! The human-readable table printed by `lca4ai run`.
#include <fmt/format.h>

#include "lca4ai/report.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai {
namespace {

std::string num(double v) {
    if (v == 0.0) return "0";
    return fmt::format("{:.4g}", v);
}

void table_row(std::string& out, const std::string& label, const Impacts& v, double scale) {
    out += fmt::format("  {:<28}", label);
    for (int i = 0; i < indicator_count; ++i) out += fmt::format("{:>13}", num(v[static_cast<std::size_t>(i)] * scale));
    out += "\n";
}

void table_header(std::string& out, const std::string& title) {
    out += fmt::format("  {:<28}", title);
    for (int i = 0; i < indicator_count; ++i) out += fmt::format("{:>13}", indicator_info(i).key);
    out += fmt::format("\n  {:<28}", "");
    for (int i = 0; i < indicator_count; ++i) out += fmt::format("{:>13}", fmt::format("[{}]", indicator_info(i).unit));
    out += "\n";
}

}  // namespace

std::string to_text(const Report& r) {
    const auto& o = r.outcome;
    const auto& sys = r.system;
    const double per_fu = o.functional_units > 0 ? 1.0 / o.functional_units : 0.0;
    std::string out = fmt::format("lca4ai {} — {}\n", version, r.info.name);
    out += fmt::format("functional unit: {} ({} in the system)\n\n", r.info.fu_label, num(o.functional_units));

    out += fmt::format("  {:<34}{:>16}{:>16}\n", "indicator", "per FU", "total");
    for (int i = 0; i < indicator_count; ++i) {
        const auto& info = indicator_info(i);
        const auto ii = static_cast<std::size_t>(i);
        out += fmt::format("  {:<34}{:>16}{:>16}\n", fmt::format("{} [{}]", info.key, info.unit), num(o.total[ii] * per_fu),
                           num(o.total[ii]));
    }

    out += "\nby stage, total over the system's life\n";
    table_header(out, "stage");
    for (int s = 0; s < stage_count; ++s) table_row(out, stage_name(static_cast<Stage>(s)), o.stages[static_cast<std::size_t>(s)], 1.0);
    table_row(out, "embodied", o.embodied, 1.0);
    table_row(out, "operational", o.operational, 1.0);
    bool any_credit = false;
    for (double v : o.credits) any_credit |= v != 0.0;
    if (any_credit) table_row(out, "recycling credits (in EoL)", o.credits, 1.0);

    out += "\nby node, total\n";
    table_header(out, "node (stage)");
    for (std::size_t n = 0; n < o.nodes.size(); ++n) {
        bool any = false;
        for (double v : o.nodes[n]) any |= v != 0.0;
        if (any) table_row(out, sys.node_names[n], o.nodes[n], 1.0);
    }

    if (!r.per_request.empty()) {
        out += "\nservices, per 1000 requests (own operation + embodied + amortised training)\n";
        table_header(out, "service");
        for (const auto& [node, v] : r.per_request) table_row(out, sys.node_names[static_cast<std::size_t>(node)], v, 1000.0);
    }

    out += "\nwater [m3]: ";
    for (std::size_t f = 0; f < sys.flow_names.size(); ++f)
        if (sys.flow_names[f].rfind("water", 0) == 0) out += fmt::format("{} {}  ", sys.flow_names[f], num(o.flows[f]));
    out += "\n";
    if (!sys.boundaries.empty()) {
        out += "\noperational energy by boundary [kWh], cumulative (* counted in the results, m measured)\n";
        out += fmt::format("  {:<28}", "activity");
        for (const auto& b : boundary_names()) out += fmt::format("{:>16}", b);
        out += "\n";
        for (const auto& b : sys.boundaries) {
            const double requests = b.requests >= 0 ? o.reported[static_cast<std::size_t>(b.requests)] : 0.0;
            auto row = [&](const std::string& label, double scale) {
                out += fmt::format("  {:<28}", label);
                for (int k = 0; k < boundary_count; ++k) {
                    const auto kk = static_cast<std::size_t>(k);
                    const std::string mark = std::string(b.measured[kk] ? "m" : "") + (static_cast<int>(b.chosen) == k ? "*" : "");
                    out += fmt::format("{:>16}", num(o.reported[static_cast<std::size_t>(b.reported[kk])] * scale) + mark);
                }
                out += "\n";
            };
            row(sys.node_names[static_cast<std::size_t>(b.node)], 1.0);
            if (requests > 0) row("  per request [Wh]", 1000.0 / requests);
        }
    }
    out += "\nquantities\n";
    for (std::size_t i = 0; i < sys.reported.size(); ++i) {
        const auto& q = sys.reported[i];
        out += fmt::format("  {:<24}{:<22}{:>14} {}{}\n", sys.node_names[static_cast<std::size_t>(q.node)], q.key, num(o.reported[i]),
                           q.unit, q.source.empty() ? "" : "  (measured)");
    }
    if (!r.info.assumptions.empty()) {
        out += "\nassumptions\n";
        for (const auto& a : r.info.assumptions) out += "  - " + a + "\n";
    }
    if (!r.info.measurements.empty()) {
        out += "\nmeasurements\n";
        for (const auto& m : r.info.measurements)
            out += fmt::format("  {:<24}{} ({}, {} run(s), {} kWh at the {} boundary, {} h)\n    sha256 {}\n", m.node, m.file,
                               m.format, m.runs.size(), num(m.energy_kwh), boundary_name(m.boundary), num(m.duration_h), m.sha256);
    }
    if (!r.sources.empty()) {
        out += "\ninventory records\n";
        for (const auto& [name, cite] : r.sources) out += fmt::format("  {:<26}{}\n", name, cite);
    }
    return out;
}

}  // namespace lca4ai
