//! Measured energy read from a log (CodeCarbon, nvidia-smi, Zeus): what the
//! loader turns into constant expressions on a training or inference node, and
//! what the result records as provenance. No file format is visible here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lca4ai {

//! Cumulative boundaries of an operational energy figure, narrowest first
//! (docs/measurements.md): each level adds to the previous one.
enum class Boundary { accelerator, host, idle, facility };
inline constexpr int boundary_count = 4;
const char* boundary_name(Boundary b);
//! All names, in order (for messages and writers).
const std::vector<std::string>& boundary_names();

//! One run (CodeCarbon run_id), device (nvidia-smi GPU) or window (Zeus) of a log.
struct MeasuredRun {
    std::string id;
    int line = 0;                //!< first line of the log describing it
    double energy_kwh = 0;       //!< [kWh] everything measured for it
    double accelerator_kwh = 0;  //!< [kWh] its accelerator part
    double duration_h = 0;       //!< [h]
};

struct Measurement {
    std::string format;        //!< codecarbon | nvidia-smi | zeus
    std::string file;          //!< path as resolved from the scenario's folder
    std::string sha256;        //!< of the log file's bytes
    std::string key_path;      //!< where the scenario points at it (nodes.x.energy)
    std::string node;          //!< node name
    Boundary boundary = Boundary::accelerator;  //!< widest level the log covers (accelerator or host)
    double energy_kwh = 0;       //!< [kWh] total measured, at `boundary`
    double accelerator_kwh = 0;  //!< [kWh] accelerator part of energy_kwh
    double duration_h = 0;       //!< [h] wall-clock the log covers
    std::optional<double> requests;  //!< requests served during the measurement
    std::optional<double> tokens;    //!< tokens served during the measurement
    std::string start, end;          //!< ISO 8601 (UTC when the log's time zone is known)
    std::vector<MeasuredRun> runs;
    std::map<std::string, double> reported_by_tool;  //!< e.g. CodeCarbon's own emissions [kg CO2e]
    std::vector<std::string> notes;                  //!< how the log was read (superseded rows, ...)
};

}  // namespace lca4ai
