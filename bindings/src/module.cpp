//! The `lca4ai._core` extension: thin wrappers over the C++ engine.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/version.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
    m.doc() = "lca4ai engine (C++): scenario loading, matrix calculation, writers";
    m.attr("__version__") = lca4ai::version;

    // ScenarioError(message) with .errors: a list of dicts {file, line, column, key_path, message, text}.
    static py::exception<lca4ai::ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
    static py::exception<lca4ai::CalculationError> calculation_error(m, "CalculationError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const lca4ai::ScenarioError& e) {
            py::list errors;
            std::string text;
            for (const auto& err : e.errors()) {
                py::dict d;
                d["file"] = err.where.file;
                d["line"] = err.where.line;
                d["column"] = err.where.column;
                d["key_path"] = err.key_path;
                d["message"] = err.message;
                d["text"] = err.with_excerpt();
                errors.append(d);
                text += err.one_line() + "\n";
            }
            py::object instance = py::reinterpret_borrow<py::object>(scenario_error.ptr())(py::str(text));
            instance.attr("errors") = errors;
            PyErr_SetObject(scenario_error.ptr(), instance.ptr());
        } catch (const lca4ai::CalculationError& e) {
            py::set_error(calculation_error, e.what());
        }
    });

    lca4ai::py_bind::bind_inventory(m);
    lca4ai::py_bind::bind_scenario(m);
}
