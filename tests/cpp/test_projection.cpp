// Projections: pathway interpolation and compounding, per-year sampling, constant
// pathways against `run`, and fleet turnover — every expected number by hand.
#include <cmath>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "lca4ai/calculator.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/inventory.hpp"
#include "lca4ai/monte_carlo.hpp"
#include "lca4ai/pathway.hpp"
#include "lca4ai/projection.hpp"
#include "lca4ai/scenario.hpp"
#include "lca4ai/system.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

Approx near(double x) { return Approx(x).epsilon(1e-12).margin(1e-12); }

const InventoryDb& db() {
    static const InventoryDb d = [] {
        const char* e = std::getenv("LCA4AI_DATA");
        return load_inventory_dir(e && *e ? e : LCA4AI_TEST_DATA_DIR);
    }();
    return d;
}

LcaSystem sys_of(const std::string& yaml) { return compile(load_scenario_text(yaml, "test.yaml", db())); }

Pathway points(std::vector<int> years, std::vector<double> values, Pathway::Interpolation how) {
    Pathway p;
    p.interpolation = how;
    p.years = std::move(years);
    p.values = std::move(values);
    p.uncertainty.assign(p.values.size(), Distribution{});
    return p;
}

const std::string kHead = R"(lca4ai: 1
name: projection test
nodes:
  grid:
    type: grid
    factors: {gwp: 0.4 kg CO2e/kWh, water: 2 L/kWh, adp: 1e-8 kg Sb eq/kWh, pe: 9 MJ/kWh}
  dc: {type: datacenter, grid: grid, pue: 1, wue: 0 L/kWh}
)";

}  // namespace

TEST_CASE("pathway interpolation by hand") {
    using I = Pathway::Interpolation;
    SECTION("linear: 0.38 (2024) to 0.26 (2030), held outside") {
        const auto p = points({2024, 2030}, {0.38, 0.26}, I::linear);
        CHECK(p.at(2027) == near(0.32));
        CHECK(p.at(2025) == near(0.36));
        CHECK(p.at(2020) == near(0.38));
        CHECK(p.at(2035) == near(0.26));
    }
    SECTION("step: the latest point's value") {
        const auto p = points({2024, 2030}, {0.38, 0.26}, I::step);
        CHECK(p.at(2029) == near(0.38));
        CHECK(p.at(2030) == near(0.26));
    }
    SECTION("growth between points: constant compound rate") {
        const auto p = points({2024, 2026, 2030}, {1, 4, 4}, I::growth);
        CHECK(p.at(2025) == near(2.0));  // 1 × (4/1)^(1/2)
        CHECK(p.at(2028) == near(4.0));
    }
    SECTION("compound growth rate: 1e6 × 1.2^(t − 2025)") {
        Pathway p = points({2025}, {1e6}, I::growth);
        p.has_rate = true;
        p.rate = 0.2;
        CHECK(p.at(2025) == near(1e6));
        CHECK(p.at(2027) == near(1.44e6));
        CHECK(p.at(2030) == near(1e6 * 2.48832));
        CHECK(p.at(2024) == near(1e6));  // before the start: the start value
    }
    SECTION("uncertain rate: the quantile of the rate, compounded") {
        Pathway p = points({2024}, {1}, I::growth);
        p.has_rate = true;
        p.rate = 0.4;
        p.rate_uncertainty.type = Distribution::Type::uniform;
        p.rate_uncertainty.a = 0.3;
        p.rate_uncertainty.b = 0.5;
        CHECK(p.uncertain());
        CHECK(p.at(2026, 0.5) == near(1.96));
        CHECK(p.at(2026, 0.0 + 1e-12) == Approx(1.69));
        CHECK(p.at(2026) == near(1.96));
    }
    SECTION("logistic S-curve") {
        Pathway p;
        p.interpolation = I::logistic;
        p.floor = 0;
        p.ceiling = 100;
        p.midpoint = 2030;
        p.steepness = 1.0;
        CHECK(p.at(2030) == near(50));
        CHECK(p.at(2031) == near(100 / (1 + std::exp(-1.0))));
    }
}

TEST_CASE("pathways written in a scenario") {
    const auto sys = sys_of(kHead + R"(  svc:
    type: inference
    site: dc
    period: 1 year
    traffic: {requests_per_day: $traffic}
    energy_per_request: = 1 Wh/request * $intensity
parameters:
  traffic: {pathway: {from: 2025, value: 24, growth: 50 %/year}}
  intensity: {pathway: {2025: 1, 2027: 0.5}, interpolation: linear}
)");
    // 24 requests/day = 1 request/h → 8760 requests in a year, 1 Wh each, 0.4 kg CO2e/kWh.
    const auto run = evaluate_central(sys);
    CHECK(run.total[energy] == near(8.76));
    ProjectionOptions o;
    o.from = 2025;
    o.to = 2027;
    const auto p = project(sys, o);
    REQUIRE(p.years.size() == 3);
    CHECK(p.years[0].outcome.total[energy] == near(8.76));
    CHECK(p.years[1].outcome.total[energy] == near(8.76 * 1.5 * 0.75));
    CHECK(p.years[2].outcome.total[energy] == near(8.76 * 2.25 * 0.5));
    CHECK(p.years[2].outcome.total[gwp] == near(0.4 * 8.76 * 2.25 * 0.5));
    CHECK(p.years[2].cumulative[energy] == near(8.76 * (1 + 1.125 + 1.125)));
}

TEST_CASE("constant pathways give, every year, exactly the result of run") {
    const std::string yaml = kHead + R"(  svc:
    type: inference
    site: dc
    period: 1 year
    traffic: {requests_per_day: $traffic}
    energy_per_request: {value: 1 Wh/request, distribution: {type: uniform, min: 0.5, max: 1.5}}
parameters:
  traffic: {pathway: {2024: 1000, 2035: 1000}}
)";
    const auto sys = sys_of(yaml);
    const auto run = evaluate_central(sys);
    SamplingOptions mc;
    mc.samples = 300;
    mc.seed = 7;
    mc.threads = 2;
    const auto stats = monte_carlo(sys, mc);
    ProjectionOptions o;
    o.from = 2025;
    o.to = 2030;
    o.samples = 300;
    o.seed = 7;
    o.threads = 3;
    const auto p = project(sys, o);
    for (const auto& y : p.years) {
        for (std::size_t i = 0; i < indicator_count; ++i) {
            CHECK(y.outcome.total[i] == run.total[i]);
            const auto& s = stats.groups[1][BlockLayout::total][i];
            CHECK(y.annual[i].mean == Approx(s.mean).epsilon(1e-12));
            CHECK(y.annual[i].sd == Approx(s.sd).epsilon(1e-9).margin(1e-15));
        }
    }
}

TEST_CASE("same seed, same projection at any thread count") {
    const auto sys = sys_of(kHead + R"(  svc:
    type: inference
    site: dc
    period: 1 year
    traffic: {requests_per_day: $traffic}
    energy_per_request: = 1 Wh/request / $eff
parameters:
  traffic: {pathway: {2025: {value: 1000, distribution: {type: uniform, min: 800, max: 1200}}, 2030: {value: 5000, distribution: {type: uniform, min: 3000, max: 7000}}}}
  eff: {pathway: {from: 2025, value: 1, growth: {value: 40 %/year, distribution: {type: uniform, min: 30, max: 50}}}}
)");
    ProjectionOptions o;
    o.from = 2025;
    o.to = 2031;
    o.samples = 1000;
    o.threads = 1;
    const auto a = project(sys, o);
    o.threads = 4;
    const auto b = project(sys, o);
    for (std::size_t j = 0; j < a.years.size(); ++j) {
        CHECK(a.years[j].annual[gwp].mean == b.years[j].annual[gwp].mean);
        CHECK(a.years[j].cumulative_stats[gwp].percentiles[6] == b.years[j].cumulative_stats[gwp].percentiles[6]);
    }
    // Bands: 2025 energy per year between 800 and 1200 requests/day × 365 × 1 Wh.
    CHECK(a.years[0].annual[energy].percentiles[0] >= 0.8 * 365 - 1e-9);
    CHECK(a.years[0].annual[energy].percentiles[6] <= 1.2 * 365 + 1e-9);
}

TEST_CASE("fleet turnover by hand") {
    // Traffic 10 request/h in 2025, 20 from 2026; 1 request/h per device → 10, 20, 20, 20 devices.
    // Lifetime 2 years, bought new in 2025: purchases 10, 10, 10, 10; retirements 0, 0, 10, 10.
    const std::string yaml = kHead + R"(  gpu:
    type: hardware
    embodied: {gwp: 100 kg CO2e}
    mass: 2 kg
    power: 700 W
    lifetime: 2 year
  svc:
    type: inference
    site: dc
    hardware: [{item: gpu, count: 1}]
    period: 1 year
    traffic: {requests_per_day: $traffic}
    energy_per_request: 0 Wh/request
    fleet: {throughput_per_device: 1 request/h, initial: new}
  eol: {type: end_of_life, hardware: [gpu], treatment: {landfill: 1}}
parameters:
  traffic: {pathway: {2025: 240, 2026: 480}, interpolation: step}
)";
    const auto sys = sys_of(yaml);
    ProjectionOptions o;
    o.from = 2025;
    o.to = 2028;
    const auto p = project(sys, o);
    const double purchased[] = {10, 10, 10, 10}, retired[] = {0, 0, 10, 10}, devices[] = {10, 20, 20, 20};
    for (std::size_t j = 0; j < 4; ++j) {
        INFO("year " << p.years[j].year);
        REQUIRE(p.years[j].fleets.size() == 1);
        CHECK(p.years[j].fleets[0].devices == near(devices[j]));
        CHECK(p.years[j].fleets[0].purchased == near(purchased[j]));
        CHECK(p.years[j].fleets[0].retired == near(retired[j]));
        CHECK(p.years[j].outcome.stages[static_cast<int>(Stage::hardware_fabrication)][gwp] == near(100 * purchased[j]));
        CHECK(p.years[j].outcome.total[ewaste] == near(2 * retired[j]));
    }
    SECTION("steady start: the first stock was bought over the previous lifetime") {
        auto text = yaml;
        text.replace(text.find("initial: new"), 12, "initial: steady");
        const auto q = project(sys_of(text), o);
        // 2025: 10 devices, 5 bought in each of 2023, 2024; the 2023 ones retire, 5 bought.
        CHECK(q.years[0].fleets[0].purchased == near(5));
        CHECK(q.years[0].fleets[0].retired == near(5));
        // 2026: alive = 5 (2025), 20 needed → 15 bought; 5 (2024) retire.
        CHECK(q.years[1].fleets[0].purchased == near(15));
        CHECK(q.years[1].fleets[0].retired == near(5));
    }
    SECTION("run allocates the fleet by time (units × period ÷ lifetime)") {
        const auto run = evaluate_central(sys);
        // 2025 traffic (first point): 10 devices × 1 year ÷ 2 years × 100 kg.
        CHECK(run.stages[static_cast<int>(Stage::hardware_fabrication)][gwp] == near(500));
    }
}

TEST_CASE("grid follows a shipped pathway, rebound scales traffic") {
    const auto sys = sys_of(R"(lca4ai: 1
name: grid pathway
nodes:
  grid: {type: grid, region: FR, pathway: net-zero}
  dc: {type: datacenter, grid: grid, pue: 1, wue: 0 L/kWh}
  svc:
    type: inference
    site: dc
    period: 1 year
    traffic: {requests_per_day: = 24000 * $adoption}
    energy_per_request: = 1 Wh/request / $eff
parameters:
  eff: {pathway: hw-efficiency-desroches}
  adoption: {pathway: adoption-medium, rebound: {driver: eff, elasticity: 0.5}}
)");
    const auto run = evaluate_central(sys);
    const double e2024 = 24000.0 / 24 * 8760 * 1e-3;  // kWh
    CHECK(run.total[energy] == near(e2024));
    CHECK(run.total[gwp] == Approx(0.04418 * e2024));
    ProjectionOptions o;
    o.from = 2030;
    o.to = 2030;
    const auto p = project(sys, o);
    const double eff = std::pow(1.28, 6), adoption = std::pow(1.40, 6) * std::pow(eff, 0.5);
    CHECK(p.years[0].outcome.total[energy] == Approx(e2024 * adoption / eff));
    CHECK(p.years[0].outcome.total[gwp] == Approx(0.04418 * 0.55 * e2024 * adoption / eff));
}

TEST_CASE("pathway errors name the place") {
    auto fails = [](const std::string& yaml, const std::string& what) {
        try {
            load_scenario_text(yaml, "t.yaml", db());
            FAIL("no error");
        } catch (const ScenarioError& e) {
            CHECK_THAT(e.errors().at(0).one_line(), Contains(what));
        }
    };
    fails(kHead + "parameters:\n  x: {pathway: {2024: 1, twenty: 2}}\n", "parameters.x.pathway.twenty: expected a year");
    fails(kHead + "parameters:\n  x: {pathway: {2024: 1}, interpolation: cubic}\n", "unknown interpolation 'cubic'");
    fails(kHead + "parameters:\n  x: {pathway: {2024: 1 kWh, 2030: 2 kg}}\n", "the pathway is in kWh");
    fails(kHead + "parameters:\n  x: {pathway: adoption-hihg}\n", "did you mean 'adoption-high'");
    fails(R"(lca4ai: 1
name: t
nodes:
  grid: {type: grid, region: FR, pathway: business-as-usual}
)", "available: net-zero, stated-policies");
}
