//! CodeCarbon emissions.csv: one row per tracked run (documented columns:
//! timestamp, project_name, run_id, duration [s], emissions [kg CO2e],
//! cpu_energy, gpu_energy, ram_energy, energy_consumed [kWh], ..., pue).
//! Runs are summed; a later row of the same run_id supersedes an earlier one
//! (CodeCarbon rewrites a run's cumulative totals when it flushes).
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "measurements.hpp"

namespace lca4ai::io::measurements {

std::optional<Measurement> read_codecarbon(const LogSource& log, ErrorSink& sink) {
    LogErrors err(log, sink);
    const auto table = csv_table(log.text, err, "the CodeCarbon log is empty (expected a header and one row per run)");
    if (!table) return std::nullopt;
    const CsvRow& header = table->header;
    const int c_energy = column_of(header, {"energy_consumed"});
    const int c_duration = column_of(header, {"duration"});
    if (c_energy < 0 || c_duration < 0) {
        err.at(header.line, 1,
               fmt::format("not a CodeCarbon log: the header lacks `{}` (expected timestamp, project_name, run_id, "
                           "duration, emissions, ..., energy_consumed)",
                           c_energy < 0 ? "energy_consumed" : "duration"));
        return std::nullopt;
    }
    const int c_run = column_of(header, {"run_id"}), c_time = column_of(header, {"timestamp"});
    const int c_cpu = column_of(header, {"cpu_energy"}), c_gpu = column_of(header, {"gpu_energy"}),
              c_ram = column_of(header, {"ram_energy"}), c_pue = column_of(header, {"pue"}),
              c_emis = column_of(header, {"emissions"});
    const bool split = c_cpu >= 0 && c_gpu >= 0 && c_ram >= 0;

    struct Row {
        MeasuredRun run;
        double emissions = 0;
        std::string timestamp;
    };
    std::vector<Row> runs;
    std::map<std::string, std::size_t> by_id;
    int superseded = 0;
    for (const auto& row : table->rows) {
        auto number = [&](int c, const char* what, bool required) -> std::optional<double> {
            if (c < 0) return std::nullopt;
            const auto& f = row.fields[static_cast<std::size_t>(c)];
            if (f.empty() && !required) return std::nullopt;
            auto v = to_number(f);
            if (!v || *v < 0 || !std::isfinite(*v)) {
                err.at(row, static_cast<std::size_t>(c),
                       fmt::format("{} '{}' is not a non-negative number ({})", header.fields[static_cast<std::size_t>(c)], f, what));
                return std::nullopt;
            }
            return v;
        };
        const int before = err.count();
        const auto energy = number(c_energy, "kWh", true);
        const auto duration = number(c_duration, "seconds", true);
        const auto cpu = number(c_cpu, "kWh", false), gpu = number(c_gpu, "kWh", false), ram = number(c_ram, "kWh", false);
        const auto pue = number(c_pue, "CodeCarbon's PUE", false);
        const auto emissions = number(c_emis, "kg CO2e", false);
        if (err.count() > before) continue;
        Row out;
        out.run.line = row.line;
        out.run.id = c_run >= 0 ? row.fields[static_cast<std::size_t>(c_run)] : fmt::format("line {}", row.line);
        out.run.duration_h = *duration / 3600.0;
        // CodeCarbon multiplies energy_consumed by its `pue` (1 unless set): lca4ai applies the site's own.
        const double it = *energy / (pue && *pue > 0 ? *pue : 1.0);
        if (split && cpu && gpu && ram) {
            const double parts = *cpu + *gpu + *ram;
            if (std::abs(parts - it) > 1e-3 * std::max(parts, it) + 1e-12) {
                err.at(row, static_cast<std::size_t>(c_energy),
                       fmt::format("energy_consumed {:g} kWh{} is not cpu_energy + gpu_energy + ram_energy = {:g} kWh",
                                   *energy, pue && *pue != 1.0 ? fmt::format(" ÷ pue {:g}", *pue) : "", parts));
                continue;
            }
            out.run.energy_kwh = parts;
            out.run.accelerator_kwh = *gpu;
        } else {
            out.run.energy_kwh = it;
            out.run.accelerator_kwh = it;  // no split known: counted at the narrowest level
        }
        out.emissions = emissions.value_or(0.0);
        out.timestamp = c_time >= 0 ? row.fields[static_cast<std::size_t>(c_time)] : "";
        if (auto it2 = by_id.find(out.run.id); c_run >= 0 && it2 != by_id.end()) {
            runs[it2->second] = out;
            ++superseded;
        } else {
            by_id[out.run.id] = runs.size();
            runs.push_back(out);
        }
    }
    if (err.count() > 0) return std::nullopt;
    if (runs.empty()) {
        err.at(header.line, 1, "the CodeCarbon log has a header but no run");
        return std::nullopt;
    }
    Measurement m;
    m.format = "codecarbon";
    m.boundary = split ? Boundary::host : Boundary::accelerator;
    double emissions = 0;
    for (const auto& r : runs) {
        m.energy_kwh += r.run.energy_kwh;
        m.accelerator_kwh += r.run.accelerator_kwh;
        m.duration_h += r.run.duration_h;
        emissions += r.emissions;
        m.runs.push_back(r.run);
        if (m.start.empty() || (!r.timestamp.empty() && r.timestamp < m.start)) m.start = r.timestamp;
        if (r.timestamp > m.end) m.end = r.timestamp;
    }
    if (c_emis >= 0) m.reported_by_tool["emissions_kg_co2e"] = emissions;
    if (superseded)
        m.notes.push_back(fmt::format("{} row(s) superseded by a later row of the same run_id (cumulative totals)", superseded));
    if (!split)
        m.notes.push_back("no cpu_energy/gpu_energy/ram_energy columns: the whole energy_consumed is counted at the accelerator level");
    return m;
}

}  // namespace lca4ai::io::measurements
