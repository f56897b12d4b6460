// Input errors: a malformed scenario yields one ScenarioError listing every
// problem, each with its line, column and key path.
#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lca4ai/error.hpp"
#include "lca4ai/inventory.hpp"
#include "lca4ai/scenario.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

const InventoryDb& db() {
    static const InventoryDb d = [] {
        const char* env = std::getenv("LCA4AI_DATA");
        return load_inventory_dir(env && *env ? env : LCA4AI_TEST_DATA_DIR);
    }();
    return d;
}

std::vector<InputError> errors_of(const std::string& yaml) {
    try {
        load_scenario_text(yaml, "test.yaml", db());
    } catch (const ScenarioError& e) {
        return e.errors();
    }
    FAIL("the scenario loaded without error");
    return {};
}

void check_error(const InputError& e, int line, int column, const std::string& key_path, const std::string& text) {
    INFO(e.one_line());
    CHECK(e.where.file == "test.yaml");
    CHECK(e.where.line == line);
    CHECK(e.where.column == column);
    CHECK(e.key_path == key_path);
    CHECK_THAT(e.message, Contains(text));
}

}  // namespace

TEST_CASE("every problem of a node graph is reported at once", "[errors]") {
    const std::string yaml =
        "lca4ai: 1\n"                                   // 1
        "name: broken\n"                                // 2
        "nodes:\n"                                      // 3
        "  grid:\n"                                     // 4
        "    type: grid\n"                              // 5
        "    factors: {gwp: 0.4 kg CO2e/kWh, water: 2 L/kWh, adp: 1e-8 kg Sb eq/kWh, pe: 9 MJ/kWh}\n"  // 6
        "  dc:\n"                                       // 7
        "    type: datacenter\n"                        // 8
        "    grid: grid\n"                              // 9
        "    pue: 0.9\n"                                // 10
        "    wue: 0 L/kWh\n"                            // 11
        "  gpu:\n"                                      // 12
        "    type: hardware\n"                          // 13
        "    embodied: {gwp: 1000 kg CO2e}\n"           // 14
        "    lifetime: 4 years\n"                       // 15
        "    powr: 700 W\n"                             // 16
        "  run:\n"                                      // 17
        "    type: training\n"                          // 18
        "    site: dcc\n"                               // 19
        "    hardware: {item: gpu, count: 4}\n"         // 20
        "    duration: 10 kWh\n";                       // 21
    const auto errors = errors_of(yaml);
    REQUIRE(errors.size() == 4);
    check_error(errors[0], 10, 10, "nodes.dc.pue", "PUE must be at least 1 (got 0.9)");
    check_error(errors[1], 16, 5, "nodes.gpu.powr", "unknown key 'powr' (did you mean 'power'?)");
    check_error(errors[2], 19, 11, "nodes.run.site", "no node named 'dcc' (did you mean 'dc'?)");
    check_error(errors[3], 21, 15, "nodes.run.duration", "'10 kWh' is energy");
    CHECK_THAT(errors[3].message, Contains("expected time"));
    // The exception's message lists them all, one per line, as file:line:col: key.path: message.
    try {
        load_scenario_text(yaml, "test.yaml", db());
    } catch (const ScenarioError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Contains("test.yaml:10:10: nodes.dc.pue: PUE must be at least 1"));
        CHECK_THAT(what, Contains("test.yaml:16:5: nodes.gpu.powr: unknown key"));
        CHECK_THAT(what, Contains("test.yaml:19:11: nodes.run.site:"));
        CHECK_THAT(what, Contains("test.yaml:21:15: nodes.run.duration:"));
        CHECK(std::count(what.begin(), what.end(), '\n') == 3);
    }
}

TEST_CASE("top-level problems: version, missing and unknown keys", "[errors]") {
    const auto errors = errors_of(
        "lca4ai: 2\n"    // 1
        "nodez: {}\n");  // 2
    REQUIRE(errors.size() == 4);
    // Missing keys are reported at the mapping that lacks them (the document, 1:1).
    check_error(errors[0], 1, 1, "name", "missing required key 'name'");
    check_error(errors[1], 1, 1, "nodes", "missing required key 'nodes'");
    check_error(errors[2], 1, 9, "lca4ai", "unsupported format version 2");
    check_error(errors[3], 2, 1, "nodez", "unknown key 'nodez' (did you mean 'nodes'?)");
}

TEST_CASE("problems inside flow mappings point at the value", "[errors]") {
    const std::string yaml =
        "lca4ai: 1\n"                                                                   // 1
        "name: flow style\n"                                                            // 2
        "parameters:\n"                                                                 // 3
        "  pue: 1.1\n"                                                                  // 4
        "nodes:\n"                                                                      // 5
        "  grid: {type: grid, region: FRR}\n"                                           // 6
        "  dc: {type: datacenter, grid: grid, pue: = $pue * 2 W, wue: 0 L/kWh}\n"       // 7
        "  gpu: {type: hardware, embodied: {gwp: 1000 kg CO2e}, lifetime: 1000 h}\n"    // 8
        "  run:\n"                                                                      // 9
        "    type: training\n"                                                          // 10
        "    site: dc\n"                                                                // 11
        "    hardware: {item: gpux, count: 0}\n"                                        // 12
        "    device_hours: 100 h\n"                                                     // 13
        "  eol:\n"                                                                      // 14
        "    type: end_of_life\n"                                                       // 15
        "    hardware: [gpu]\n"                                                         // 16
        "    treatment: {recycling: 0.5, landfill: 0.4}\n";                             // 17
    const auto errors = errors_of(yaml);
    REQUIRE(errors.size() == 5);
    check_error(errors[0], 6, 30, "nodes.grid.region", "no grid record 'FRR' in the inventories");
    CHECK_THAT(errors[0].message, Contains("did you mean 'FR'?"));
    check_error(errors[1], 7, 43, "nodes.dc.pue", "'= $pue * 2 W' is power");
    check_error(errors[2], 12, 22, "nodes.run.hardware.item", "no node named 'gpux' (did you mean 'gpu'?)");
    check_error(errors[3], 12, 35, "nodes.run.hardware.count", "the count must be positive");
    check_error(errors[4], 17, 16, "nodes.eol.treatment", "treatment shares sum to 0.9; they must sum to 1");
}

TEST_CASE("unknown node type and unknown parameter", "[errors]") {
    const auto errors = errors_of(
        "lca4ai: 1\n"                        // 1
        "name: names\n"                      // 2
        "parameters:\n"                      // 3
        "  power: 700 W\n"                   // 4
        "nodes:\n"                           // 5
        "  grid:\n"                          // 6
        "    type: gird\n"                   // 7
        "  gpu:\n"                           // 8
        "    type: hardware\n"               // 9
        "    embodied: {gwp: 1 kg CO2e}\n"   // 10
        "    lifetime: 1 year\n"             // 11
        "    power: $pwer\n");               // 12
    REQUIRE(errors.size() == 2);
    check_error(errors[0], 7, 11, "nodes.grid.type", "unknown node type 'gird' (did you mean 'grid'?)");
    check_error(errors[1], 12, 12, "nodes.gpu.power", "unknown parameter '$pwer' (did you mean 'power'?)");
}

TEST_CASE("a YAML syntax error is one ScenarioError with its place", "[errors]") {
    const auto errors = errors_of(
        "lca4ai: 1\n"
        "name: bad\n"
        "nodes:\n"
        "  grid: {type: grid, region: FR\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where.file == "test.yaml");
    CHECK(errors[0].where.line >= 4);
    CHECK(errors[0].where.column >= 1);
    CHECK_THAT(errors[0].message, Contains("YAML syntax error"));
}
