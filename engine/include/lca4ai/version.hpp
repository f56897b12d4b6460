#pragma once
namespace lca4ai {
inline constexpr const char* version = "0.1.0";
inline constexpr int scenario_format_version = 1;
inline constexpr int inventory_format_version = 1;
}  // namespace lca4ai
