#include "commands.hpp"

#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "lca4ai/atomic_write.hpp"
#include "lca4ai/export.hpp"
#include "lca4ai/portfolio.hpp"
#include "lca4ai/pathway.hpp"
#include "lca4ai/projection_writer.hpp"
#include "lca4ai/sensitivity.hpp"
#include "lca4ai/units.hpp"
#include "lca4ai/report.hpp"

namespace lca4ai::cli {
namespace {

void print_errors(const ScenarioError& e, bool excerpts) {
    for (const auto& err : e.errors()) std::cerr << (excerpts ? err.with_excerpt() : err.one_line()) << "\n";
    std::cerr << fmt::format("{} problem{} found\n", e.errors().size(), e.errors().size() == 1 ? "" : "s");
}

// A progress bar on stderr (only when it is a terminal).
void progress_bar(double fraction) {
    const int width = 40;
    const int filled = static_cast<int>(fraction * width);
    std::cerr << fmt::format("\r[{}{}] {:3.0f}%", std::string(static_cast<std::size_t>(filled), '#'),
                             std::string(static_cast<std::size_t>(width - filled), ' '), fraction * 100)
              << std::flush;
}

void emit(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") std::cout << text;
    else atomic_write(output, text);
}

// Runs a command: scenario errors give exit code 2, calculation errors 3 (docs/cli.md).
template <class Body>
int guarded(const std::string& file, bool excerpts, Body&& body) {
    try {
        return body();
    } catch (const ScenarioError& e) {
        print_errors(e, excerpts);
        return 2;
    } catch (const CalculationError& e) {
        std::cerr << file << ": " << e.what() << "\n";
        return 3;
    }
}

void clear_progress() { std::cerr << "\r" << std::string(60, ' ') << "\r"; }

// Sampling options of the commands, with a progress bar when stderr is a terminal.
SamplingOptions sampling(std::uint64_t samples, std::uint64_t seed, int threads) {
    SamplingOptions mc;
    mc.samples = samples;
    mc.seed = seed;
    mc.threads = threads;
    if (samples > 0 && ::isatty(STDERR_FILENO)) mc.progress = progress_bar;
    return mc;
}

}  // namespace

int run(const RunOptions& o) {
    return guarded(o.file, o.excerpts, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(o.file, db);
        SamplingOptions mc = sampling(o.samples, o.seed, o.threads);
        mc.until_rse = o.until_rse;
        mc.keep_samples = o.keep_samples;
        mc.node_percentiles = o.node_percentiles;
        const auto report = run_scenario(sc, o.samples > 0 ? &mc : nullptr);
        if (mc.progress) clear_progress();
        emit(render(report, o.format), o.output);
        return 0;
    });
}

int project(const ProjectCliOptions& o) {
    return guarded(o.file, false, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(o.file, db);
        const auto sys = compile(sc);
        ProjectionOptions po;
        po.from = o.from;
        po.to = o.to;
        po.samples = o.samples;
        po.seed = o.seed;
        po.threads = o.threads;
        if (o.samples > 0 && ::isatty(STDERR_FILENO)) po.progress = progress_bar;
        const auto p = lca4ai::project(sys, po);
        if (po.progress) clear_progress();
        const ScenarioInfo info = scenario_info(sc);
        emit(o.format == "json" ? to_json(p, info, sys).dump(2) + "\n"
             : o.format == "csv" ? to_csv(p, info, sys)
                                 : to_text(p, info, sys),
             o.output);
        return 0;
    });
}

int validate(const std::string& file) {
    return guarded(file, true, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(file, db);
        const auto sys = compile(sc);
        std::cout << fmt::format("{}: valid ({} nodes, {} parameters, {} processes)\n", file, sc.nodes.size(),
                                 sc.parameters.size(), sys.processes.size());
        return 0;
    });
}

int export_matrices(const std::string& file, const std::string& output) {
    return guarded(file, false, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(file, db);
        emit(export_system(compile(sc)).dump(1) + "\n", output);
        return 0;
    });
}

int sensitivity(const SensitivityCliOptions& o) {
    return guarded(o.file, false, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(o.file, db);
        SensitivityOptions so;
        so.method = o.method;
        so.samples = o.samples;
        so.seed = o.seed;
        so.threads = o.threads;
        for (int i = 0; i < indicator_count; ++i)
            if (o.indicator == indicator_info(i).key) so.indicator = i;
        const auto r = sensitivity(compile(sc), so);
        std::string text = o.format == "json" ? to_json(r).dump(2) + "\n" : o.format == "csv" ? to_csv(r) : to_text(r);
        emit(text, o.output);
        return 0;
    });
}

int portfolio(const PortfolioOptions& o) {
    return guarded(o.file, false, [&] {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto pf = load_portfolio(o.file, db);
        const SamplingOptions mc = sampling(o.samples, o.seed, o.threads);
        const auto result = evaluate_portfolio(pf, o.samples > 0 ? &mc : nullptr);
        if (mc.progress) clear_progress();
        // Everything is rendered before anything is written: no half-written output on error.
        const std::string html = o.report.empty() ? std::string() : portfolio_html(result);
        const std::string text = o.format == "json" ? portfolio_json(result) : o.format == "csv" ? portfolio_csv(result) : portfolio_text(result);
        if (!o.report.empty()) atomic_write(o.report, html);
        emit(text, o.output);
        return 0;
    });
}

int inventories_list(const std::string& kind) {
    try {
        const auto db = load_inventory_dir(default_inventory_dir());
        std::cout << fmt::format("{:<28}{:<15}{:<6}{}\n", "record", "kind", "year", "label");
        for (const auto& [name, r] : db.records())
            if (kind.empty() || r.kind == kind) std::cout << fmt::format("{:<28}{:<15}{:<6}{}\n", name, r.kind, r.year, r.label);
        return 0;
    } catch (const ScenarioError& e) {
        print_errors(e, true);
        return 2;
    }
}

int inventories_show(const std::string& name) {
    try {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto* r = db.find(name);
        if (!r) {
            std::cerr << fmt::format("no inventory record '{}'{}\n", name, did_you_mean(name, db.names()));
            return 2;
        }
        std::cout << fmt::format("{} ({}): {}\n  year {}, licence {}, file {}\n", r->name, r->kind, r->label, r->year,
                                 r->license, r->file);
        if (!r->note.empty()) std::cout << "  note: " << r->note << "\n";
        std::cout << fmt::format("\n  {:<20}{:>14}  {:<16}{:<28}{}\n", "field", "value", "unit", "uncertainty", "source");
        for (const auto& [field, v] : r->values) {
            const auto* s = db.source_of(*r, v.source);
            std::cout << fmt::format("  {:<20}{:>14.6g}  {:<16}{:<28}{}\n", field, v.value, v.unit, v.uncertainty.describe(),
                                     s ? s->citation() : v.source);
        }
        for (const auto& [field, why] : r->missing) std::cout << fmt::format("  {:<20}{:>14}  {}\n", field, "missing", why);
        for (const auto& [t, share] : r->shares) std::cout << fmt::format("  {:<20}{:>14.6g}  share\n", t, share);
        if (!r->applies_to.empty()) std::cout << fmt::format("  applies to {} (scenario {})\n", r->applies_to, r->scenario);
        for (const auto& [field, p] : r->series) {
            const auto& unit = r->series_unit.at(field);
            const double f = unit.empty() ? 1.0 : parse_unit(unit)->factor;
            std::cout << fmt::format("  {:<20}{} [{}]{}\n", field, p.describe(f), unit.empty() ? "1" : unit,
                                     p.uncertain() ? ", uncertain" : "");
        }
        return 0;
    } catch (const ScenarioError& e) {
        print_errors(e, true);
        return 2;
    }
}

}  // namespace lca4ai::cli
