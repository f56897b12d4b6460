#include <pybind11/stl.h>

#include "bindings.hpp"
#include "lca4ai/report.hpp"

namespace py = pybind11;

namespace lca4ai::py_bind {

//! Copy of `sc` with the central values of named parameters replaced (values in the parameter's unit).
static Scenario with_parameters(const Scenario& sc, const std::map<std::string, double>& values) {
    Scenario out = sc;
    for (const auto& [name, v] : values) {
        bool found = false;
        for (auto& p : out.parameters) {
            if (p.name != name) continue;
            p.value = v * p.display_factor;
            found = true;
        }
        if (!found) {
            std::vector<std::string> names;
            for (const auto& p : out.parameters) names.push_back(p.name);
            throw py::key_error("no numeric parameter '" + name + "'" + did_you_mean(name, names));
        }
    }
    return out;
}

void bind_scenario(py::module_& m) {
    py::class_<Scenario>(m, "Scenario", "A loaded, checked scenario (immutable)")
        .def_readonly("name", &Scenario::name)
        .def_readonly("file", &Scenario::file)
        .def_readonly("checksum", &Scenario::checksum)
        .def_readonly("assumptions", &Scenario::assumptions)
        .def_property_readonly("parameters", [](const Scenario& s) {
            py::list out;
            for (const auto& p : s.parameters) {
                py::dict d;
                d["name"] = p.name;
                d["value"] = p.value / p.display_factor;
                d["unit"] = p.unit;
                d["distribution"] = p.distribution.describe();
                out.append(d);
            }
            return out;
        })
        .def_property_readonly("node_names", [](const Scenario& s) {
            std::vector<std::string> out;
            for (const auto& n : s.nodes) out.push_back(n.name);
            return out;
        });

    m.def("load", &load_scenario, py::arg("path"), py::arg("inventories"), py::call_guard<py::gil_scoped_release>());
    m.def("loads", &load_scenario_text, py::arg("text"), py::arg("name"), py::arg("inventories"),
          py::arg("base_dir") = ".", py::call_guard<py::gil_scoped_release>());
    m.def("with_parameters", &with_parameters, py::arg("scenario"), py::arg("values"));
    m.def(
        "run",
        [](const Scenario& sc, const std::string& format) {
            std::string out;
            {
                py::gil_scoped_release release;
                const auto report = run_scenario(sc);
                out = render(report, format);
            }
            return out;
        },
        py::arg("scenario"), py::arg("format") = "json", "Runs the scenario; returns the CLI's output in that format");
}

}  // namespace lca4ai::py_bind
