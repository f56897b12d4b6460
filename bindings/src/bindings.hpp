#pragma once
#include <pybind11/pybind11.h>
namespace lca4ai::py_bind {
void bind_scenario(pybind11::module_& m);
void bind_inventory(pybind11::module_& m);
}  // namespace lca4ai::py_bind
