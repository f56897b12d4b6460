#pragma once
#include <string>
namespace lca4ai {
//! SHA-256 of `data`, lower-case hex (provenance of inputs in results).
std::string sha256_hex(const std::string& data);
}  // namespace lca4ai
