// Measurement logs: power integrated over time against a hand computation,
// CodeCarbon runs summed, Zeus windows, exact errors with file:line:column.
#include <catch2/catch.hpp>

#include "measurements/measurements.hpp"

using namespace lca4ai;
using namespace lca4ai::io::measurements;

namespace {

LogSource log_of(std::string text, std::string path = "power.csv") {
    return {std::move(path), std::move(text), "nodes.train.energy"};
}

std::vector<std::string> messages(const ErrorSink& sink) {
    std::vector<std::string> out;
    for (const auto& e : sink.errors()) out.push_back(e.one_line());
    return out;
}

}  // namespace

TEST_CASE("nvidia-smi: trapezoid integration per GPU matches a hand computation", "[measurements]") {
    // GPU 0: 100 W at 0 s, 200 W at 1 s, 200 W at 3 s, 50 W at 6 s:
    //   (100+200)/2·1 + (200+200)/2·2 + (200+50)/2·3 = 150 + 400 + 375 = 925 J.
    // GPU 1: 300 W throughout 6 s = 1800 J. Total 2725 J = 2725 / 3.6e6 kWh.
    const std::string text =
        "timestamp, index, power.draw [W]\n"
        "2024/05/14 10:00:00.000, 0, 100.00 W\n"
        "2024/05/14 10:00:00.000, 1, 300.00 W\n"
        "2024/05/14 10:00:01.000, 0, 200.00 W\n"
        "2024/05/14 10:00:01.000, 1, 300.00 W\n"
        "2024/05/14 10:00:03.000, 0, 200.00 W\n"
        "2024/05/14 10:00:03.000, 1, 300.00 W\n"
        "2024/05/14 10:00:06.000, 0, 50.00 W\n"
        "2024/05/14 10:00:06.000, 1, 300.00 W\n";
    ErrorSink sink;
    auto m = read_nvidia_smi(log_of(text), {120, 0}, sink);
    REQUIRE(sink.empty());
    REQUIRE(m);
    CHECK(m->energy_kwh == Approx(2725.0 / 3.6e6).epsilon(1e-12));
    CHECK(m->accelerator_kwh == m->energy_kwh);
    CHECK(m->boundary == Boundary::accelerator);
    REQUIRE(m->runs.size() == 2);
    CHECK(m->runs[0].energy_kwh == Approx(925.0 / 3.6e6).epsilon(1e-12));
    CHECK(m->runs[1].energy_kwh == Approx(1800.0 / 3.6e6).epsilon(1e-12));
    CHECK(m->duration_h == Approx(6.0 / 3600.0));
    // timezone +02:00: 10:00 local is 08:00 UTC
    CHECK(m->start == "2024-05-14T08:00:00.000Z");
    CHECK(m->end == "2024-05-14T08:00:06.000Z");
}

TEST_CASE("nvidia-smi: nounits values take the header's unit", "[measurements]") {
    const std::string text =
        "timestamp, power.draw [kW]\n"
        "2024/05/14 23:59:59.500, 0.4\n"
        "2024/05/15 00:00:00.500, 0.2\n";
    ErrorSink sink;
    auto m = read_nvidia_smi(log_of(text), {0, 0}, sink);
    REQUIRE(m);
    CHECK(m->energy_kwh == Approx(300.0 / 3.6e6));  // (400 + 200) / 2 W × 1 s across midnight
}

TEST_CASE("nvidia-smi: malformed rows and gaps are reported with file:line:column", "[measurements]") {
    const std::string text =
        "timestamp, index, power.draw [W]\n"
        "2024/05/14 10:00:00.000, 0, 250.00 W\n"
        "2024/05/14 10:00:01.000, 0, [N/A]\n"
        "2024/05/14 10:00:02.000, 0, 251.00 W\n"
        "2024/05/14 10:00:03.000, 0\n"
        "2024/05/14 10:00:04.000, 0, 252.00 W\n"
        "2024/05/14 10:01:04.000, 0, 252.00 W\n";
    ErrorSink sink;
    auto m = read_nvidia_smi(log_of(text), {0, 0}, sink);
    CHECK_FALSE(m);
    CHECK(messages(sink) ==
          std::vector<std::string>{
              "power.csv:5:1: nodes.train.energy: malformed row: 2 fields where the header has 3",
              "power.csv:3:29: nodes.train.energy: power.draw '[N/A]' is not a power reading",
              "power.csv:7:1: nodes.train.energy: gap of 60 s in the samples of GPU 0 after line 6 (median interval 2 s, "
              "max_gap 20 s): the power over it is unknown; split the log, or set `max_gap` to bridge it linearly"});
}

TEST_CASE("nvidia-smi: max_gap bridges a gap linearly", "[measurements]") {
    const std::string text =
        "timestamp, power.draw [W]\n"
        "2024/05/14 10:00:00, 100\n"
        "2024/05/14 10:00:01, 100\n"
        "2024/05/14 10:01:01, 300\n";
    ErrorSink sink;
    auto m = read_nvidia_smi(log_of(text), {0, 120}, sink);
    REQUIRE(m);
    CHECK(m->energy_kwh == Approx((100.0 + 200.0 * 60) / 3.6e6));
}

TEST_CASE("time zones: fixed offsets only", "[measurements]") {
    CHECK(parse_utc_offset("UTC") == 0);
    CHECK(parse_utc_offset("+02:00") == 120);
    CHECK(parse_utc_offset("-0530") == -330);
    CHECK(parse_utc_offset("UTC+2") == 120);
    CHECK_FALSE(parse_utc_offset("Europe/Paris"));
}

TEST_CASE("CodeCarbon: runs summed, a later row of a run supersedes it, split by device", "[measurements]") {
    const std::string text =
        "timestamp,project_name,run_id,duration,emissions,cpu_energy,gpu_energy,ram_energy,energy_consumed,pue\n"
        "2024-11-04T11:00:00,p,a,3600,0.05,0.1,1.0,0.05,1.15,1.0\n"
        "2024-11-04T12:00:00,p,a,7200,0.10,0.2,2.0,0.10,2.30,1.0\n"
        "2024-11-04T13:00:00,p,b,1800,0.02,0.05,0.4,0.05,0.50,1.0\n";
    ErrorSink sink;
    auto m = read_codecarbon(log_of(text, "emissions.csv"), sink);
    REQUIRE(sink.empty());
    REQUIRE(m);
    CHECK(m->energy_kwh == Approx(2.80));
    CHECK(m->accelerator_kwh == Approx(2.40));
    CHECK(m->duration_h == Approx(2.5));
    CHECK(m->boundary == Boundary::host);
    CHECK(m->runs.size() == 2);
    CHECK(m->reported_by_tool.at("emissions_kg_co2e") == Approx(0.12));
    CHECK(detect_format(text) == "codecarbon");
}

TEST_CASE("CodeCarbon: inconsistent and malformed rows", "[measurements]") {
    const std::string text =
        "timestamp,project_name,run_id,duration,emissions,cpu_energy,gpu_energy,ram_energy,energy_consumed,pue\n"
        "2024-11-04T11:00:00,p,a,3600,0.05,0.1,1.0,0.05,1.50,1.0\n"
        "2024-11-04T12:00:00,p,b,-1,0.10,0.2,2.0,0.10,2.30,1.0\n";
    ErrorSink sink;
    CHECK_FALSE(read_codecarbon(log_of(text, "emissions.csv"), sink));
    CHECK(messages(sink) ==
          std::vector<std::string>{
              "emissions.csv:2:48: nodes.train.energy: energy_consumed 1.5 kWh is not cpu_energy + gpu_energy + "
              "ram_energy = 1.15 kWh",
              "emissions.csv:3:25: nodes.train.energy: duration '-1' is not a non-negative number (seconds)"});
}

TEST_CASE("Zeus: windows in joules, host boundary when CPU and DRAM are measured", "[measurements]") {
    const std::string text = R"({"windows": [
  {"name": "a", "time": 10, "gpu_energy": {"0": 3600, "1": 3600}, "cpu_energy": {"0": 720}, "requests": 4},
  {"name": "b", "time": 10, "gpu_energy": {"0": 7200}, "dram_energy": {"0": 0}, "requests": 6}
]})";
    ErrorSink sink;
    auto m = read_zeus(log_of(text, "zeus.json"), sink);
    REQUIRE(m);
    CHECK(m->energy_kwh == Approx((14400.0 + 720) / 3.6e6));
    CHECK(m->accelerator_kwh == Approx(14400.0 / 3.6e6));
    CHECK(m->boundary == Boundary::host);
    CHECK(m->requests == 10);
    CHECK_FALSE(m->tokens);
    CHECK(detect_format(text) == "zeus");
}
