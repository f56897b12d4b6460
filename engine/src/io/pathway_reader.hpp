#pragma once
// Internal: reads a pathway written in a scenario or an inventory (docs/scenario-format.md, "Pathways").
#include <optional>
#include <string>

#include "lca4ai/pathway.hpp"
#include "yaml_reader.hpp"

namespace lca4ai::io {

//! Reads `n` (points by year, {from, value, growth} or {floor, ceiling, midpoint, steepness}) into a
//! pathway in SI. `unit`: the values' unit; when empty, the first point's unit is taken and returned
//! there. `interpolation` (may be null): linear (default), step, growth or logistic. Problems go to `r`.
std::optional<Pathway> read_pathway(YamlReader& r, const YAML::Node& n, const std::string& path,
                                    const YAML::Node& interpolation, std::string& unit);

}  // namespace lca4ai::io
