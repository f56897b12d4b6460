#pragma once
#include <string>
#include <vector>
namespace lca4ai::cli {

struct RunOptions {
    std::string file, format = "text", output;
    bool excerpts = false;
};

int run(const RunOptions& o);
int validate(const std::string& file);
int export_matrices(const std::string& file, const std::string& output);
int inventories_list(const std::string& kind);
int inventories_show(const std::string& name);

}  // namespace lca4ai::cli
