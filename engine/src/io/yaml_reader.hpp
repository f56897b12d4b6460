//! Helpers shared by the scenario and inventory loaders: the only place, with
//! them, that sees yaml-cpp. Every read keeps its key path and position.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "lca4ai/distribution.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/expr_parser.hpp"

namespace lca4ai::io {

class YamlReader {
public:
    YamlReader(std::string file, ErrorSink& sink) : file_(std::move(file)), sink_(sink) {}

    const std::string& file() const { return file_; }
    ErrorSink& sink() { return sink_; }
    SourceLocation where(const YAML::Node& n) const;
    void error(const YAML::Node& n, const std::string& path, std::string message);

    //! Reports keys not in `allowed` (with a suggestion) and duplicated keys. False if `n` is not a map.
    bool check_map(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed);
    //! Reports a missing required key.
    bool require(const YAML::Node& map, const std::string& key, const std::string& path, const std::string& expected);

    std::optional<std::string> string(const YAML::Node& n, const std::string& path);
    std::optional<double> number(const YAML::Node& n, const std::string& path);
    std::optional<int> integer(const YAML::Node& n, const std::string& path);
    std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
    //! A constant quantity converted to `unit` (a bare number only when `unit` is dimensionless
    //! or `bare_ok`); reports dimension mismatches.
    std::optional<double> constant(const YAML::Node& n, const std::string& path, const std::string& unit,
                                   bool bare_ok = false);
    //! A distribution block (values in `unit`; bare numbers taken in `unit`).
    std::optional<Distribution> distribution(const YAML::Node& n, const std::string& path, const std::string& unit);

private:
    std::string file_;
    ErrorSink& sink_;
};

std::string join_path(const std::string& a, const std::string& b);

//! The whole text of an input file; throws ScenarioError ("cannot read the file") when unreadable.
std::string read_input_file(const std::string& path);
//! The folder of an input file, against which its relative references resolve ("." when none).
std::string input_dir(const std::string& path);
//! Parses YAML text; a syntax error is thrown at once as a ScenarioError with its position.
YAML::Node parse_yaml(const std::string& text, const std::string& name);

}  // namespace lca4ai::io
