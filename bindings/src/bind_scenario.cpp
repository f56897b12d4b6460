#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "lca4ai/projection_writer.hpp"
#include "lca4ai/report.hpp"
#include "lca4ai/sensitivity.hpp"

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

// Polled between Monte Carlo blocks: Ctrl-C in Python stops the run.
static bool interrupted() {
    py::gil_scoped_acquire gil;
    return PyErr_CheckSignals() != 0;
}

static int indicator_index(const std::string& key) {
    for (int i = 0; i < indicator_count; ++i)
        if (key == indicator_info(i).key) return i;
    throw py::value_error("unknown indicator '" + key + "'; expected gwp, water, adp, ewaste, energy or pe");
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
        [](const Scenario& sc, const std::string& format, std::uint64_t samples, std::uint64_t seed, int threads,
           py::object progress) {
            SamplingOptions mc;
            mc.samples = samples;
            mc.seed = seed;
            mc.threads = threads;
            mc.cancelled = interrupted;
            if (!progress.is_none())
                mc.progress = [progress](double fraction) {
                    py::gil_scoped_acquire gil;
                    progress(fraction);
                };
            std::string out;
            try {
                py::gil_scoped_release release;
                const auto report = run_scenario(sc, samples > 0 ? &mc : nullptr);
                out = render(report, format);
            } catch (const CalculationError&) {
                if (PyErr_Occurred()) throw py::error_already_set();  // KeyboardInterrupt from Ctrl-C
                throw;
            }
            return out;
        },
        py::arg("scenario"), py::arg("format") = "json", py::arg("samples") = 0, py::arg("seed") = 1, py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "Runs the scenario (with Monte Carlo when samples > 0; progress(fraction) is called as blocks finish); "
        "returns the CLI's output in that format");
    m.def(
        "samples",
        [](const Scenario& sc, std::uint64_t samples, std::uint64_t seed, int threads) {
            auto* values = new std::vector<double>();
            {
                py::gil_scoped_release release;
                *values = sample_indicators(compile(sc), samples, seed, threads);
            }
            py::capsule owner(values, [](void* p) { delete static_cast<std::vector<double>*>(p); });
            return py::array_t<double>({static_cast<py::ssize_t>(samples), static_cast<py::ssize_t>(indicator_count)},
                                       values->data(), owner);
        },
        py::arg("scenario"), py::arg("samples"), py::arg("seed") = 1, py::arg("threads") = 0,
        "Per-FU indicator values of every Monte Carlo sample: array (samples, 6), columns gwp, water, adp, ewaste, energy, pe");
    m.def(
        "project",
        [](const Scenario& sc, int from, int to, std::uint64_t samples, std::uint64_t seed, int threads) {
            std::string out;
            {
                py::gil_scoped_release release;
                const auto sys = compile(sc);
                ProjectionOptions o;
                o.from = from;
                o.to = to;
                o.samples = samples;
                o.seed = seed;
                o.threads = threads;
                const ScenarioInfo info = scenario_info(sc);
                out = to_json(project(sys, o), info, sys).dump();
            }
            return out;
        },
        py::arg("scenario"), py::arg("start"), py::arg("end"), py::arg("samples") = 0, py::arg("seed") = 1,
        py::arg("threads") = 0, "Year-by-year projection (the JSON of `lca4ai project --format json`)");
    m.def("uncertain_inputs", [](const Scenario& sc) { return uncertain_input_names(compile(sc)); }, py::arg("scenario"),
          "Names of the uncertain inputs (columns of evaluate_unit)");
    m.def(
        "evaluate_unit",
        [](const Scenario& sc, py::array_t<double, py::array::c_style | py::array::forcecast> u, const std::string& indicator,
           int threads) {
            const std::vector<double> values(u.data(), u.data() + u.size());
            std::vector<double> y;
            {
                py::gil_scoped_release release;
                y = evaluate_unit_points(compile(sc), values, indicator_index(indicator), threads);
            }
            return py::array_t<double>(static_cast<py::ssize_t>(y.size()), y.data());
        },
        py::arg("scenario"), py::arg("u"), py::arg("indicator") = "gwp", py::arg("threads") = 0,
        "The scenario as a function of the unit hypercube (rows of u → per-FU indicator), e.g. for SALib");
    m.def(
        "sensitivity",
        [](const Scenario& sc, const std::string& method, std::uint64_t samples, const std::string& indicator,
           std::uint64_t seed, int threads) {
            SensitivityOptions o;
            o.method = method;
            o.samples = samples;
            o.seed = seed;
            o.threads = threads;
            o.indicator = indicator_index(indicator);
            std::string out;
            {
                py::gil_scoped_release release;
                out = to_json(sensitivity(compile(sc), o)).dump();
            }
            return out;
        },
        py::arg("scenario"), py::arg("method"), py::arg("samples") = 0, py::arg("indicator") = "gwp", py::arg("seed") = 1,
        py::arg("threads") = 0, "Sensitivity analysis (oat, morris, sobol); JSON text");
}

}  // namespace lca4ai::py_bind
