#pragma once
#include <string>
namespace lca4ai {
//! Writes `content` to `path` through a temporary file and a rename, so that a
//! reader never sees a half-written file. Throws std::runtime_error on failure.
void atomic_write(const std::string& path, const std::string& content);
}  // namespace lca4ai
