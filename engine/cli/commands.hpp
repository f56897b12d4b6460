#pragma once
#include <cstdint>
#include <string>
#include <vector>
namespace lca4ai::cli {

struct RunOptions {
    std::string file, format = "text", output;
    bool excerpts = false;
    std::uint64_t samples = 0, seed = 1;
    int threads = 0;
    double until_rse = 0;
    std::string keep_samples;
    bool node_percentiles = false;
};

int run(const RunOptions& o);
int validate(const std::string& file);
int export_matrices(const std::string& file, const std::string& output);
struct SensitivityCliOptions {
    std::string file, method = "sobol", indicator = "gwp", format = "text", output;
    std::uint64_t samples = 0, seed = 1;
    int threads = 0;
};
int sensitivity(const SensitivityCliOptions& o);
struct PortfolioOptions {
    std::string file, report, format = "text", output;
    std::uint64_t samples = 1000, seed = 1;
    int threads = 0;
};
int portfolio(const PortfolioOptions& o);
struct ProjectCliOptions {
    std::string file, format = "text", output;
    int from = 2025, to = 2030;
    std::uint64_t samples = 0, seed = 1;
    int threads = 0;
};
int project(const ProjectCliOptions& o);
int inventories_list(const std::string& kind);
int inventories_show(const std::string& name);

}  // namespace lca4ai::cli
