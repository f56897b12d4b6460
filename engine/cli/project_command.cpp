//! `lca4ai project`: loads, compiles, projects year by year and writes (docs/cli.md).
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "lca4ai/atomic_write.hpp"
#include "lca4ai/projection_writer.hpp"
#include "lca4ai/report.hpp"

namespace lca4ai::cli {

int project(const ProjectCliOptions& o) {
    try {
        const auto db = load_inventory_dir(default_inventory_dir());
        const auto sc = load_scenario(o.file, db);
        const auto sys = compile(sc);
        ProjectionOptions po;
        po.from = o.from;
        po.to = o.to;
        po.samples = o.samples;
        po.seed = o.seed;
        po.threads = o.threads;
        const bool bar = o.samples > 0 && ::isatty(STDERR_FILENO);
        if (bar)
            po.progress = [](double f) {
                std::cerr << fmt::format("\r[{:<40}] {:3.0f}%", std::string(static_cast<std::size_t>(f * 40), '#'), f * 100) << std::flush;
            };
        const auto p = lca4ai::project(sys, po);
        if (bar) std::cerr << "\r" << std::string(60, ' ') << "\r";
        ScenarioInfo info;
        info.name = sc.name;
        info.file = sc.file;
        info.checksum = sc.checksum;
        const std::string text = o.format == "json" ? to_json(p, info, sys).dump(2) + "\n"
                                 : o.format == "csv" ? to_csv(p, info, sys)
                                                     : to_text(p, info, sys);
        if (o.output.empty() || o.output == "-") std::cout << text;
        else atomic_write(o.output, text);
        return 0;
    } catch (const ScenarioError& e) {
        for (const auto& err : e.errors()) std::cerr << err.one_line() << "\n";
        std::cerr << fmt::format("{} problem{} found\n", e.errors().size(), e.errors().size() == 1 ? "" : "s");
        return 2;
    } catch (const CalculationError& e) {
        std::cerr << o.file << ": " << e.what() << "\n";
        return 3;
    }
}

}  // namespace lca4ai::cli
