//! lca4ai command line: parses arguments and hands over to the commands.
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "lca4ai/version.hpp"

int main(int argc, char** argv) {
    CLI::App app{"lca4ai: life-cycle assessment of AI systems"};
    app.set_version_flag("--version", lca4ai::version);
    app.require_subcommand(1);

    lca4ai::cli::RunOptions run;
    auto* run_cmd = app.add_subcommand("run", "compute the footprint of a scenario");
    run_cmd->add_option("file", run.file, "scenario YAML file")->required();
    run_cmd->add_option("--format", run.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    run_cmd->add_option("-o,--output", run.output, "write to this file (atomically) instead of standard output");
    run_cmd->add_option("--samples", run.samples, "Monte Carlo samples (0: deterministic only)");
    run_cmd->add_option("--seed", run.seed, "random seed (same seed, same numbers at any thread count)");
    run_cmd->add_option("--threads", run.threads, "threads (default: all cores)")->check(CLI::NonNegativeNumber);
    run_cmd->add_option("--until-rse", run.until_rse, "stop once every indicator mean's relative standard error is below this (--samples is the cap)")
        ->check(CLI::PositiveNumber);
    run_cmd->add_option("--keep-samples", run.keep_samples, "write the per-FU indicator samples to this .npy or .csv file");
    run_cmd->add_flag("--node-percentiles", run.node_percentiles, "percentiles for every node too (means and SDs always)");

    std::string validate_file;
    auto* validate_cmd = app.add_subcommand("validate", "check a scenario and report every problem");
    validate_cmd->add_option("file", validate_file, "scenario YAML file")->required();

    lca4ai::cli::SensitivityCliOptions sens;
    auto* sens_cmd = app.add_subcommand("sensitivity", "rank the uncertain inputs by their influence on one indicator");
    sens_cmd->add_option("file", sens.file, "scenario YAML file")->required();
    sens_cmd->add_option("--method", sens.method, "oat (tornado), morris or sobol")->check(CLI::IsMember({"oat", "morris", "sobol"}));
    sens_cmd->add_option("--samples", sens.samples, "Morris trajectories (default 100) or Sobol' base N (default 1024; N(k+2) runs)");
    sens_cmd->add_option("--indicator", sens.indicator, "gwp, water, adp, ewaste, energy or pe")
        ->check(CLI::IsMember({"gwp", "water", "adp", "ewaste", "energy", "pe"}));
    sens_cmd->add_option("--seed", sens.seed, "random seed (Morris trajectories, bootstrap)");
    sens_cmd->add_option("--threads", sens.threads, "threads (default: all cores)");
    sens_cmd->add_option("--format", sens.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    sens_cmd->add_option("-o,--output", sens.output, "write to this file (atomically)");

    lca4ai::cli::ProjectCliOptions proj;
    auto* proj_cmd = app.add_subcommand("project", "evaluate a scenario year by year (pathways, fleets) with uncertainty bands");
    proj_cmd->add_option("file", proj.file, "scenario YAML file")->required();
    proj_cmd->add_option("--from", proj.from, "first year (default 2025)");
    proj_cmd->add_option("--to", proj.to, "last year, inclusive (default 2030)");
    proj_cmd->add_option("--samples", proj.samples, "Monte Carlo samples per year (0: deterministic only)");
    proj_cmd->add_option("--seed", proj.seed, "random seed (same seed, same numbers at any thread count)");
    proj_cmd->add_option("--threads", proj.threads, "threads (default: all cores)")->check(CLI::NonNegativeNumber);
    proj_cmd->add_option("--format", proj.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    proj_cmd->add_option("-o,--output", proj.output, "write to this file (atomically) instead of standard output");

    std::string export_file, export_output;
    auto* export_cmd = app.add_subcommand("export", "write the compiled matrices (A, B, C, demands, parameters) as JSON");
    export_cmd->add_option("file", export_file, "scenario YAML file")->required();
    export_cmd->add_option("-o,--output", export_output, "write to this file instead of standard output");

    lca4ai::cli::PortfolioOptions pf;
    auto* pf_cmd = app.add_subcommand("portfolio", "footprint of a company's AI portfolio: scopes, location- and market-based, HTML report");
    pf_cmd->add_option("file", pf.file, "portfolio YAML file")->required();
    pf_cmd->add_option("--report", pf.report, "write the self-contained HTML report to this file");
    pf_cmd->add_option("--format", pf.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    pf_cmd->add_option("-o,--output", pf.output, "write to this file (atomically) instead of standard output");
    pf_cmd->add_option("--samples", pf.samples, "Monte Carlo samples, drawn jointly for all use cases (default 1000; 0: deterministic only)");
    pf_cmd->add_option("--seed", pf.seed, "random seed");
    pf_cmd->add_option("--threads", pf.threads, "threads (default: all cores)")->check(CLI::NonNegativeNumber);

    auto* inv = app.add_subcommand("inventories", "list or show the shipped inventory records");
    inv->require_subcommand(1);
    std::string kind, show_name;
    auto* list_cmd = inv->add_subcommand("list", "list records");
    list_cmd->add_option("--kind", kind, "only records of this kind (grid, hardware, datacenter, ...)");
    auto* show_cmd = inv->add_subcommand("show", "show one record with its sources");
    show_cmd->add_option("name", show_name, "record name")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (*run_cmd) {
            // `-o result.json` without --format writes JSON (likewise .csv).
            if (run_cmd->count("--format") == 0) {
                const auto& o = run.output;
                if (o.size() > 5 && o.substr(o.size() - 5) == ".json") run.format = "json";
                else if (o.size() > 4 && o.substr(o.size() - 4) == ".csv") run.format = "csv";
            }
            return lca4ai::cli::run(run);
        }
        if (*proj_cmd) {
            if (proj_cmd->count("--format") == 0) {
                const auto& o = proj.output;
                if (o.size() > 5 && o.substr(o.size() - 5) == ".json") proj.format = "json";
                else if (o.size() > 4 && o.substr(o.size() - 4) == ".csv") proj.format = "csv";
            }
            return lca4ai::cli::project(proj);
        }
        if (*validate_cmd) return lca4ai::cli::validate(validate_file);
        if (*sens_cmd) return lca4ai::cli::sensitivity(sens);
        if (*export_cmd) return lca4ai::cli::export_matrices(export_file, export_output);
        if (*pf_cmd) return lca4ai::cli::portfolio(pf);
        if (*list_cmd) return lca4ai::cli::inventories_list(kind);
        if (*show_cmd) return lca4ai::cli::inventories_show(show_name);
    } catch (const std::exception& e) {
        std::cerr << "lca4ai: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
