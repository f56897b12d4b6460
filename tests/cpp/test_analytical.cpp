// Analytical tests: small scenarios given as YAML text whose every expected
// number is computed by hand below from the inputs written in the YAML (inline
// factors), never taken from the engine's output.
#include <cmath>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "lca4ai/calculator.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/inventory.hpp"
#include "lca4ai/report.hpp"
#include "lca4ai/scenario.hpp"
#include "lca4ai/system.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t GWP = lca4ai::gwp, WATER = lca4ai::water, ADP = lca4ai::adp, EWASTE = lca4ai::ewaste,
                      ENERGY = lca4ai::energy, PE = lca4ai::pe;

Approx near(double x) { return Approx(x).epsilon(1e-9).margin(1e-12); }

std::string data_dir() {
    if (const char* d = std::getenv("LCA4AI_DATA"); d && *d) return d;
    return LCA4AI_TEST_DATA_DIR;
}

const InventoryDb& db() {
    static const InventoryDb d = load_inventory_dir(data_dir());
    return d;
}

// Hours in the engine's calendar.
constexpr double H_DAY = 24, H_YEAR = 8760, H_MONTH = 8760.0 / 12;

// Grid factors written in kHead, in canonical units (per kWh).
constexpr double G_GWP = 0.4, G_WATER = 2e-3 /* 2 L */, G_ADP = 1e-8, G_PE = 9;

// A grid with inline factors and a datacenter with PUE 1 and no water, so that
// facility energy = IT energy unless a test declares its own site.
const std::string kHead = R"(lca4ai: 1
name: analytical test
nodes:
  grid:
    type: grid
    factors: {gwp: 0.4 kg CO2e/kWh, water: 2 L/kWh, adp: 1e-8 kg Sb eq/kWh, pe: 9 MJ/kWh}
  dc:
    type: datacenter
    grid: grid
    pue: 1
    wue: 0 L/kWh
)";

struct Run {
    Scenario sc;
    LcaSystem sys;
    Outcome o;

    std::size_t node(const std::string& n) const {
        const int i = sc.node_index(n);
        INFO("node " << n);
        REQUIRE(i >= 0);
        return static_cast<std::size_t>(i);
    }
    const Impacts& of(const std::string& n) const { return o.nodes[node(n)]; }
    double reported(const std::string& n, const std::string& key) const {
        const int i = static_cast<int>(node(n));
        for (std::size_t k = 0; k < sys.reported.size(); ++k)
            if (sys.reported[k].node == i && sys.reported[k].key == key) return o.reported[k];
        FAIL("no reported value " << key << " for node " << n);
        return 0;
    }
    bool has_reported(const std::string& n, const std::string& key) const {
        const int i = static_cast<int>(node(n));
        for (const auto& r : sys.reported)
            if (r.node == i && r.key == key) return true;
        return false;
    }
    double flow(const std::string& name) const {
        for (std::size_t j = 0; j < sys.flow_names.size(); ++j)
            if (sys.flow_names[j] == name) return o.flows[j];
        FAIL("no flow " << name);
        return 0;
    }
    const Impacts& activity(const std::string& n, bool unallocated = false) const {
        const int i = static_cast<int>(node(n));
        for (std::size_t k = 0; k < sys.demands.size(); ++k)
            if (sys.demands[k].node == i && sys.demands[k].unallocated == unallocated) return o.activities[k];
        FAIL("no demand for node " << n);
        static Impacts none{};
        return none;
    }
    const Impacts& stage(Stage s) const { return o.stages[static_cast<std::size_t>(s)]; }
};

Run run(const std::string& yaml) {
    Run r{load_scenario_text(yaml, "test.yaml", db()), {}, {}};
    r.sys = compile(r.sc);
    r.o = evaluate_central(r.sys);
    return r;
}

// Every breakdown adds up to the total, indicator by indicator.
void check_sums(const Run& r) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(indicator_count); ++i) {
        INFO("indicator " << indicator_info(static_cast<int>(i)).key);
        double stages = 0, nodes = 0, activities = 0;
        for (const auto& s : r.o.stages) stages += s[i];
        for (const auto& n : r.o.nodes) nodes += n[i];
        for (const auto& a : r.o.activities) activities += a[i];
        const Approx total = Approx(r.o.total[i]).epsilon(1e-10).margin(1e-9);
        CHECK(stages == total);
        CHECK(nodes == total);
        CHECK(activities == total);
        CHECK(r.o.embodied[i] + r.o.operational[i] + r.o.credits[i] == total);
    }
}

}  // namespace

TEST_CASE("inventories load from LCA4AI_DATA", "[analytical]") {
    REQUIRE_FALSE(db().records().empty());
    CHECK(db().find("co2e") != nullptr);
    CHECK(db().find("recycling") != nullptr);
}

TEST_CASE("grid: kWh × factors, water off-site", "[analytical][grid]") {
    const auto r = run(kHead + R"(
  job:
    type: process
    stage: training
    unit: job
    inputs: {grid: 1000 kWh}
    demand: 1
)");
    const double kwh = 1000;
    CHECK(r.o.total[GWP] == near(kwh * G_GWP));       // 400 kg CO2e
    CHECK(r.o.total[WATER] == near(kwh * G_WATER));   // 2 m3
    CHECK(r.o.total[ADP] == near(kwh * G_ADP));
    CHECK(r.o.total[PE] == near(kwh * G_PE));         // 9000 MJ
    CHECK(r.o.total[ENERGY] == near(kwh));
    CHECK(r.o.total[EWASTE] == near(0));
    CHECK(r.flow("water_offsite") == near(kwh * G_WATER));
    CHECK(r.flow("water_onsite") == near(0));
    CHECK(r.flow("water_supply_chain") == near(0));
    CHECK(r.flow("electricity") == near(kwh));
    // The supply chain is credited to the activity that draws it.
    CHECK(r.of("job")[GWP] == near(kwh * G_GWP));
    CHECK(r.of("grid")[GWP] == near(0));
    CHECK(r.stage(Stage::training)[GWP] == near(kwh * G_GWP));
    CHECK(r.o.operational[GWP] == near(kwh * G_GWP));
    CHECK(r.o.embodied[GWP] == near(0));
    check_sums(r);
}

TEST_CASE("datacenter: PUE, on-site and off-site water, construction", "[analytical][datacenter]") {
    const auto r = run(R"(lca4ai: 1
name: datacenter
nodes:
  grid:
    type: grid
    factors: {gwp: 0.4 kg CO2e/kWh, water: 2 L/kWh, adp: 1e-8 kg Sb eq/kWh, pe: 9 MJ/kWh}
  site:
    type: datacenter
    grid: grid
    pue: 1.2
    wue: 0.5 L/kWh
    construction: {gwp: 1.5e6 kg CO2e/MW, water: 1000 m3/MW, adp: 10 kg Sb eq/MW, pe: 2e7 MJ/MW}
    building_lifetime: 20 year
    load_factor: 0.5
  run:
    type: training
    site: site
    energy: 10000 kWh
)");
    const double it = 10000, pue = 1.2, wue = 0.5e-3;  // m3 per IT kWh
    const double facility = pue * it;                    // 12,000 kWh
    // 1 MW over 20 years at 50 % load delivers 1000 kW × 175,200 h × 0.5 kWh of IT energy.
    const double mw_per_it_kwh = 1.0 / (1000.0 * 20 * H_YEAR * 0.5);
    const double mw = it * mw_per_it_kwh;
    CHECK(r.reported("run", "it_energy") == near(it));
    CHECK(r.reported("site", "pue") == near(pue));
    CHECK(r.o.total[ENERGY] == near(facility));
    CHECK(r.flow("water_onsite") == near(wue * it));             // WUE × IT kWh = 5 m3
    CHECK(r.flow("water_offsite") == near(G_WATER * facility));  // grid water × facility kWh = 24 m3
    CHECK(r.flow("water_supply_chain") == near(1000 * mw));
    CHECK(r.o.total[WATER] == near(wue * it + G_WATER * facility + 1000 * mw));
    const double build_gwp = 1.5e6 * mw;  // ≈ 171.23 kg CO2e
    CHECK(build_gwp == Approx(171.2328767));
    CHECK(r.o.total[GWP] == near(G_GWP * facility + build_gwp));
    CHECK(r.o.total[ADP] == near(G_ADP * facility + 10 * mw));
    CHECK(r.o.total[PE] == near(G_PE * facility + 2e7 * mw));
    // Construction is embodied, in its own stage and on the datacenter node;
    // electricity and cooling water go to the activity.
    CHECK(r.stage(Stage::datacentre_construction)[GWP] == near(build_gwp));
    CHECK(r.stage(Stage::training)[GWP] == near(G_GWP * facility));
    CHECK(r.of("site")[GWP] == near(build_gwp));
    CHECK(r.of("run")[GWP] == near(G_GWP * facility));
    CHECK(r.of("run")[WATER] == near(wue * it + G_WATER * facility));
    CHECK(r.o.embodied[GWP] == near(build_gwp));
    CHECK(r.o.operational[GWP] == near(G_GWP * facility));
    check_sums(r);
}

TEST_CASE("hardware: time-share allocation of fabrication", "[analytical][hardware]") {
    const std::string gpu = R"(
  gpu:
    type: hardware
    embodied: {gwp: 1600 kg CO2e, water: 2 m3, adp: 0.1 kg Sb eq, pe: 20000 MJ}
    power: 700 W
    lifetime: 4 year
)";
    SECTION("a 3-month run on a 4-year GPU carries 1/16 of its fabrication") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 1}
    duration: 3 month
)");
        const double units = 1 * (3 * H_MONTH) / (4 * H_YEAR) / 1.0;  // units × duration / lifetime / utilisation
        REQUIRE(units == Approx(1.0 / 16));
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.stage(Stage::hardware_fabrication)[GWP] == near(1600 * units));  // 100 kg CO2e
        CHECK(r.stage(Stage::hardware_fabrication)[WATER] == near(2 * units));
        CHECK(r.stage(Stage::hardware_fabrication)[ADP] == near(0.1 * units));
        CHECK(r.stage(Stage::hardware_fabrication)[PE] == near(20000 * units));
        CHECK(r.of("gpu")[GWP] == near(100));
        // Operational: 1 GPU × 2190 h × 0.7 kW.
        const double kwh = 1 * 3 * H_MONTH * 0.7;
        CHECK(r.reported("run", "it_energy") == near(kwh));
        CHECK(r.reported("run", "wall_clock") == near(3 * H_MONTH));
        CHECK(r.o.operational[GWP] == near(G_GWP * kwh));
        CHECK(r.o.embodied[GWP] == near(100));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 100));
        check_sums(r);
    }
    SECTION("count and utilisation: 8 GPUs used half of their life") {
        const auto r = run(kHead + gpu + "    utilisation: 0.5\n" + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 8}
    duration: 3 month
)");
        const double units = 8 * (3 * H_MONTH) / (4 * H_YEAR) / 0.5;  // = 1
        CHECK(units == Approx(1.0));
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.embodied[GWP] == near(1600 * units));
        CHECK(r.o.total[ENERGY] == near(8 * 3 * H_MONTH * 0.7));
        check_sums(r);
    }
}

TEST_CASE("training: the four ways to give its size", "[analytical][training]") {
    const std::string gpu = R"(
  gpu:
    type: hardware
    embodied: {gwp: 1000 kg CO2e}
    power: 700 W
    lifetime: 10000 h
    peak_flops: 1e15 FLOP/s
)";
    SECTION("device_hours × power") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    device_hours: 1000 h
    power: 500 W
)");
        const double kwh = 1000 * 0.5;    // device-hours × kW
        const double wall = 1000.0 / 4;   // h
        CHECK(r.reported("run", "it_energy") == near(kwh));
        CHECK(r.reported("run", "wall_clock") == near(wall));
        CHECK(r.o.total[ENERGY] == near(kwh));
        const double units = 4 * wall / 10000;  // = device-hours / lifetime
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 1000 * units));
        check_sums(r);
    }
    SECTION("count × duration × power × power_utilisation (power from the hardware)") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    duration: 10 day
    power_utilisation: 0.8
)");
        const double kwh = 4 * (10 * H_DAY) * 0.7 * 0.8;  // 537.6 kWh
        CHECK(r.reported("run", "it_energy") == near(kwh));
        CHECK(r.o.total[ENERGY] == near(kwh));
        const double units = 4 * 240.0 / 10000;
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 1000 * units));
    }
    SECTION("measured energy, with a duration for embodied allocation") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 2}
    energy: 12.345 MWh
    duration: 100 h
)");
        const double kwh = 12345;
        const double units = 2 * 100.0 / 10000;
        CHECK(r.reported("run", "it_energy") == near(kwh));
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 1000 * units));
    }
    SECTION("compute / (peak × mfu) × power") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    compute: 3.6e21 FLOP
    mfu: 0.5
    power: 0.5 kW
)");
        const double peak_per_h = 1e15 * 3600;                  // FLOP per device-hour
        const double device_hours = 3.6e21 / (peak_per_h * 0.5);  // 2000 h
        CHECK(device_hours == Approx(2000));
        CHECK(r.reported("run", "device_hours") == near(device_hours));
        CHECK(r.reported("run", "wall_clock") == near(device_hours / 4));
        CHECK(r.reported("run", "it_energy") == near(device_hours * 0.5));
        CHECK(r.reported("gpu", "units_allocated") == near(device_hours / 10000));
        CHECK(r.o.total[GWP] == near(G_GWP * 1000 + 1000 * 0.2));
    }
    SECTION("experimentation multiplies energy and embodied") {
        const auto r = run(kHead + gpu + R"(
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    device_hours: 1000 h
    experimentation: 1.5
)");
        const double per_run = 1000 * 0.7;
        const double units = 1.5 * 1000 / 10000;
        CHECK(r.reported("run", "it_energy_per_run") == near(per_run));
        CHECK(r.reported("run", "experimentation") == near(1.5));
        CHECK(r.reported("run", "it_energy") == near(1.5 * per_run));
        CHECK(r.o.total[ENERGY] == near(1.5 * per_run));
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.embodied[GWP] == near(1000 * units));
        CHECK(r.o.operational[GWP] == near(G_GWP * 1.5 * per_run));
        check_sums(r);
    }
}

TEST_CASE("inference: requests, growth and energy modes", "[analytical][inference]") {
    SECTION("constant traffic, energy per request") {
        const auto r = run(kHead + R"(
  chat:
    type: inference
    site: dc
    period: 10 day
    traffic: {requests_per_day: 24000}
    energy_per_request: 1 Wh/request
)");
        const double requests = 24000.0 * 10;  // rate × period
        const double kwh = requests * 1e-3;
        CHECK(r.reported("chat", "requests") == near(requests));
        CHECK(r.reported("chat", "period") == near(10 * H_DAY));
        CHECK(r.reported("chat", "it_energy") == near(kwh));
        CHECK(r.o.total[ENERGY] == near(kwh));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh));
        CHECK(r.stage(Stage::inference)[GWP] == near(G_GWP * kwh));
        CHECK(r.of("chat")[GWP] == near(G_GWP * kwh));
        CHECK_FALSE(r.has_reported("chat", "idle_it_energy"));
        check_sums(r);
    }
    SECTION("compounded growth, energy per token") {
        const auto r = run(kHead + R"(
  chat:
    type: inference
    site: dc
    period: 2 year
    traffic: {requests_per_day: 1e6, growth: 5 %/month}
    tokens_per_request: 500 token/request
    energy_per_token: 0.002 Wh/token
)");
        // q(t) = q0 (1+r)^(t/τ): ∫0^T = q0 τ ((1+r)^(T/τ) − 1) / ln(1+r), τ = 1 month, T = 24 months.
        const double q0 = 1e6 / 24;  // per hour
        const double tau = H_MONTH, T = 2 * H_YEAR, g = 0.05;
        const double requests = q0 * tau * (std::pow(1 + g, T / tau) - 1) / std::log(1 + g);
        CHECK(requests == Approx(1e6 * (365.0 / 12) * (std::pow(1.05, 24) - 1) / std::log(1.05)));
        CHECK(r.reported("chat", "requests") == near(requests));
        CHECK(r.reported("chat", "tokens") == near(500 * requests));
        const double kwh = 500 * requests * 2e-6;
        CHECK(r.reported("chat", "it_energy") == near(kwh));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh));
    }
    SECTION("energy derived from power × count / throughput, plus idle power") {
        const auto r = run(kHead + R"(
  gpu:
    type: hardware
    embodied: {gwp: 1000 kg CO2e}
    power: 700 W
    lifetime: 4 year
  chat:
    type: inference
    site: dc
    hardware: {item: gpu, count: 8}
    period: 1 day
    traffic: {rate: 1 request/s}
    throughput: 3600 request/h
    idle_power: 100 W
)");
        const double requests = 3600.0 * 24;               // 1 request/s over a day
        const double per_request = 0.7 * 8 / 3600;        // kWh per request
        const double dynamic = requests * per_request;    // 134.4 kWh
        const double idle = 0.1 * 8 * 24;                 // idle kW × devices × period = 19.2 kWh
        CHECK(r.reported("chat", "requests") == near(requests));
        CHECK(r.reported("chat", "dynamic_it_energy") == near(dynamic));
        CHECK(r.reported("chat", "idle_it_energy") == near(idle));
        CHECK(r.reported("chat", "it_energy") == near(dynamic + idle));
        CHECK(r.o.total[ENERGY] == near(153.6));
        const double units = 8 * 24.0 / (4 * H_YEAR);     // count × period / lifetime
        CHECK(r.reported("gpu", "units_allocated") == near(units));
        CHECK(r.o.total[GWP] == near(G_GWP * 153.6 + 1000 * units));
        check_sums(r);
    }
    SECTION("token traffic counts requests by tokens per request") {
        const auto r = run(kHead + R"(
  api:
    type: inference
    site: dc
    period: 30 day
    traffic: {tokens_per_day: 1e8}
    tokens_per_request: 1000 token/request
    energy_per_request: 0.5 Wh/request
)");
        const double tokens = 1e8 * 30, requests = tokens / 1000;
        CHECK(r.reported("api", "tokens") == near(tokens));
        CHECK(r.reported("api", "requests") == near(requests));
        CHECK(r.reported("api", "it_energy") == near(requests * 0.5e-3));
    }
}

TEST_CASE("amortisation of training over two services by requests", "[analytical][amortisation]") {
    const auto r = run(kHead + R"(
  train:
    type: training
    site: dc
    energy: 1000 kWh
  small:
    type: inference
    site: dc
    period: 10 day
    traffic: {requests_per_day: 1000}
    energy_per_request: 1 Wh/request
    amortises: [train]
  large:
    type: inference
    site: dc
    period: 10 day
    traffic: {requests_per_day: 3000}
    energy_per_request: 2 Wh/request
    amortises: [train]
)");
    const double req_small = 1000.0 * 10, req_large = 3000.0 * 10;
    const double share_small = req_small / (req_small + req_large);  // 0.25
    const double share_large = req_large / (req_small + req_large);  // 0.75
    const double train_gwp = G_GWP * 1000;                            // 400
    const double own_small = G_GWP * req_small * 1e-3;                // 4
    const double own_large = G_GWP * req_large * 2e-3;                // 24
    REQUIRE(r.sys.amortisations.size() == 2);
    double shares = 0;
    for (const auto& a : r.sys.amortisations) shares += a.share.eval(r.sys.central_values());
    CHECK(shares == near(1.0));

    const auto pr = per_request(r.sys, r.o);
    const auto small = static_cast<int>(r.node("small")), large = static_cast<int>(r.node("large"));
    REQUIRE(pr.count(small));
    REQUIRE(pr.count(large));
    CHECK(pr.at(small)[GWP] == near((own_small + share_small * train_gwp) / req_small));  // 0.0104
    CHECK(pr.at(large)[GWP] == near((own_large + share_large * train_gwp) / req_large));  // 0.0108
    CHECK(pr.at(small)[ENERGY] == near((req_small * 1e-3 + share_small * 1000) / req_small));
    // Requests × per-request impacts add up to the system total: nothing counted twice.
    CHECK(pr.at(small)[GWP] * req_small + pr.at(large)[GWP] * req_large == near(train_gwp + own_small + own_large));
    CHECK(r.o.total[GWP] == near(train_gwp + own_small + own_large));
    // The report carries the same figures.
    const Report rep = run_scenario(r.sc);
    CHECK(rep.per_request.at(small)[GWP] == near(pr.at(small)[GWP]));
    CHECK(rep.per_request.at(large)[GWP] == near(pr.at(large)[GWP]));
    check_sums(r);
}

TEST_CASE("end of life: e-waste, treatment shares, credits apart", "[analytical][end_of_life]") {
    const auto* rec = db().find("recycling");
    const auto* land = db().find("landfill");
    REQUIRE(rec);
    REQUIRE(land);
    auto val = [](const InventoryRecord* r, const std::string& f) {
        auto it = r->values.find(f);
        return it == r->values.end() ? 0.0 : it->second.value;  // a missing value counts as 0
    };
    const std::string body = R"(
  gpu:
    type: hardware
    embodied: {gwp: 1000 kg CO2e}
    mass: 2.5 kg
    power: 700 W
    lifetime: 1000 h
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    duration: 500 h
  eol:
    type: end_of_life
    hardware: [gpu]
    treatment: {recycling: 0.4, landfill: 0.6}
)";
    const double units = 4 * 500.0 / 1000;  // 2 GPUs' worth of life
    const double kg = 2.5 * units;          // e-waste = mass × units = 5 kg
    auto burden = [&](const std::string& f) { return kg * (0.4 * val(rec, f) + 0.6 * val(land, f)); };
    const double kwh = 4 * 500 * 0.7;

    SECTION("credits off") {
        const auto r = run(kHead + body);
        CHECK(r.o.total[EWASTE] == near(kg));
        CHECK(r.flow("ewaste") == near(kg));
        CHECK(r.stage(Stage::end_of_life)[EWASTE] == near(kg));
        CHECK(r.stage(Stage::end_of_life)[GWP] == near(burden("gwp")));
        CHECK(r.stage(Stage::end_of_life)[ADP] == near(burden("adp")));
        CHECK(r.stage(Stage::end_of_life)[PE] == near(burden("pe")));
        CHECK(r.of("eol")[GWP] == near(burden("gwp")));
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 1000 * units + burden("gwp")));
        for (double c : r.o.credits) CHECK(c == 0.0);
        check_sums(r);
    }
    SECTION("credits on: negative, reported apart, total is net") {
        const auto r = run(kHead + body + "    credits: true\n");
        const double credit = -kg * 0.4 * val(rec, "credit_gwp") - kg * 0.6 * val(land, "credit_gwp");
        REQUIRE(val(rec, "credit_gwp") > 0);
        CHECK(r.o.credits[GWP] == near(credit));
        CHECK(r.o.credits[GWP] < 0);
        CHECK(r.o.embodied[GWP] == near(1000 * units + burden("gwp")));  // gross embodied, credit excluded
        CHECK(r.o.total[GWP] == near(G_GWP * kwh + 1000 * units + burden("gwp") + credit));
        CHECK(r.stage(Stage::end_of_life)[GWP] == near(burden("gwp") + credit));
        CHECK(r.o.total[EWASTE] == near(kg));  // credits do not change the e-waste generated
        check_sums(r);
    }
}

TEST_CASE("fleet: declared count with an unallocated remainder", "[analytical][fleet]") {
    const std::string gpu = R"(
  gpu:
    type: hardware
    embodied: {gwp: 1000 kg CO2e, pe: 5000 MJ}
    mass: 2 kg
    power: 700 W
    lifetime: 1000 h
    count: 10
  eol:
    type: end_of_life
    hardware: [gpu]
    treatment: {landfill: 1}
  run:
    type: training
    site: dc
    hardware: {item: gpu, count: 4}
    duration: 500 h
)";
    const auto r = run(kHead + gpu);
    const double drawn = 4 * 500.0 / 1000;  // 2 units
    const double rest = 10 - drawn;         // 8 units
    CHECK(r.reported("gpu", "units_allocated") == near(drawn));
    CHECK(r.reported("gpu", "units_unallocated") == near(rest));
    // The whole fleet's fabrication is in the total: 10 × 1000 kg CO2e.
    CHECK(r.stage(Stage::hardware_fabrication)[GWP] == near(10 * 1000));
    CHECK(r.stage(Stage::hardware_fabrication)[PE] == near(10 * 5000));
    CHECK(r.of("gpu")[GWP] == near(10 * 1000));
    CHECK(r.activity("run")[GWP] == near(G_GWP * 4 * 500 * 0.7 + drawn * (1000 + 2 * 0.022)));
    CHECK(r.activity("gpu", true)[GWP] == near(rest * (1000 + 2 * 0.022)));
    CHECK(r.o.total[EWASTE] == near(10 * 2));  // every unit of the fleet is disposed of
    bool flagged = false;
    for (const auto& d : r.sys.demands) flagged |= d.unallocated;
    CHECK(flagged);
    check_sums(r);

    // A fleet smaller than what the activities draw is an error.
    auto small = gpu;
    small.replace(small.find("count: 10"), 9, "count: 1");
    const auto sc = load_scenario_text(kHead + small, "test.yaml", db());
    CHECK_THROWS_WITH(compile(sc), Contains("hardware 'gpu'") && Contains("raise `count`"));
}

TEST_CASE("process loop: solved by LU, equals the geometric series", "[analytical][process]") {
    SECTION("two processes feeding each other") {
        const auto r = run(kHead + R"(
  a:
    type: process
    stage: hardware_fabrication
    unit: kg
    inputs: {b: 0.5}
    flows: {co2e: 1 kg CO2e}
    demand: 1
  b:
    type: process
    stage: hardware_fabrication
    unit: kg
    inputs: {a: 0.4}
    flows: {co2e: 2 kg CO2e}
)");
        CHECK_FALSE(r.sys.acyclic);
        // s_a = 1 + 0.4 s_b, s_b = 0.5 s_a: s_a = Σ_k (0.5 × 0.4)^k = 1 / (1 − 0.2).
        double series = 0, term = 1;
        for (int k = 0; k < 200; ++k, term *= 0.5 * 0.4) series += term;
        const double s_a = 1 / (1 - 0.2), s_b = 0.5 * s_a;
        CHECK(series == Approx(s_a));
        CHECK(r.of("a")[GWP] == near(1 * s_a));  // 1.25
        CHECK(r.of("b")[GWP] == near(2 * s_b));  // 1.25
        CHECK(r.o.total[GWP] == near(1 * series + 2 * 0.5 * series));
        CHECK(r.o.embodied[GWP] == near(r.o.total[GWP]));
        check_sums(r);
    }
    SECTION("a process consuming part of its own output, and electricity") {
        const auto r = run(kHead + R"(
  smelter:
    type: process
    stage: hardware_fabrication
    unit: kg
    inputs: {smelter: 0.1, grid: 2 kWh}
    flows: {co2: 3 kg, ch4_fossil: 0.01 kg}
    demand: 10
)");
        const double s = 10 * (1 / (1 - 0.1));  // 10 Σ 0.1^k
        const double per_unit_gwp = 3 * 1 + 0.01 * 29.8;  // characterised with GWP100 (CH4 fossil 29.8)
        CHECK(r.flow("co2") == near(3 * s));
        CHECK(r.o.total[ENERGY] == near(2 * s));
        CHECK(r.o.total[GWP] == near(s * (per_unit_gwp + 2 * G_GWP)));
    }
}

TEST_CASE("process loop: a singular loop names the processes", "[analytical][process][errors]") {
    const auto sc = load_scenario_text(kHead + R"(
  a:
    type: process
    stage: training
    inputs: {b: 1}
    flows: {co2e: 1 kg CO2e}
    demand: 1
  b:
    type: process
    stage: training
    inputs: {a: 1}
)", "test.yaml", db());
    const auto sys = compile(sc);
    CHECK_FALSE(sys.acyclic);
    CHECK_THROWS_AS(evaluate_central(sys), CalculationError);
    CHECK_THROWS_WITH(evaluate_central(sys), Contains("singular") && Contains("proc:a") && Contains("proc:b"));
}

TEST_CASE("functional unit: per FU × count = total", "[analytical][functional_unit]") {
    const std::string body = R"(
  train:
    type: training
    site: dc
    energy: 1000 kWh
  chat:
    type: inference
    site: dc
    period: 10 day
    traffic: {requests_per_day: 5000}
    energy_per_request: 3 Wh/request
    amortises: [train]
)";
    const double requests = 5000.0 * 10;
    const double total_gwp = G_GWP * (1000 + requests * 3e-3);  // 460
    SECTION("per 1000 requests of an inference node") {
        const auto r = run("functional_unit: {label: 1000 requests, per: chat, amount: 1000}\n" + kHead + body);
        const double count = requests / 1000;  // 50 functional units
        CHECK(r.o.functional_units == near(count));
        CHECK(r.o.total[GWP] == near(total_gwp));
        const double per_fu = r.o.total[GWP] / r.o.functional_units;
        CHECK(per_fu == near(total_gwp / count));  // 9.2 kg CO2e per 1000 requests
        CHECK(per_fu * count == near(r.o.total[GWP]));
        const Report rep = run_scenario(r.sc);
        CHECK(rep.info.fu_label == "1000 requests");
        CHECK(rep.info.fu_amount == 1000);
        const auto j = to_json(rep);
        CHECK(j["functional_unit"]["count"].get<double>() == near(count));
        CHECK(j["indicators"]["gwp"]["value"].get<double>() == near(total_gwp / count));
        CHECK(j["total"]["indicators"]["gwp"]["value"].get<double>() == near(total_gwp));
    }
    SECTION("per run of a training node") {
        const auto r = run("functional_unit: {label: run, per: train}\n" + kHead + body);
        CHECK(r.o.functional_units == near(1));
    }
    SECTION("without a functional unit: the whole system") {
        const auto r = run(kHead + body);
        CHECK(r.o.functional_units == near(1));
        bool assumed = false;
        for (const auto& a : r.sc.assumptions) assumed |= a.find("functional_unit") != std::string::npos;
        CHECK(assumed);
    }
}

TEST_CASE("breakdowns add up to the total in a full life cycle", "[analytical][sums]") {
    const auto r = run(R"(lca4ai: 1
name: full
functional_unit: {label: request, per: chat}
nodes:
  grid:
    type: grid
    factors: {gwp: 0.3 kg CO2e/kWh, water: 1.5 L/kWh, adp: 2e-8 kg Sb eq/kWh, pe: 8 MJ/kWh}
  dc:
    type: datacenter
    grid: grid
    pue: 1.25
    wue: 0.4 L/kWh
    construction: {gwp: 1e6 kg CO2e/MW, water: 500 m3/MW}
    building_lifetime: 15 year
    load_factor: 0.6
  gpu:
    type: hardware
    embodied: {gwp: 1500 kg CO2e, water: 1 m3, adp: 0.05 kg Sb eq, pe: 15000 MJ}
    mass: 3 kg
    power: 700 W
    lifetime: 5 year
    utilisation: 0.8
    count: 600
  host:
    type: hardware
    embodied: {gwp: 3000 kg CO2e}
    mass: 20 kg
    power: 1 kW
    lifetime: 5 year
  pretrain:
    type: training
    site: dc
    hardware:
      - {item: gpu, count: 512}
      - {item: host, count: 64}
    duration: 30 day
    experimentation: 1.2
  chat:
    type: inference
    site: dc
    hardware: {item: gpu, count: 16}
    period: 1 year
    traffic: {requests_per_day: 1e5, growth: 2 %/month}
    energy_per_request: 0.4 Wh/request
    idle_power: 50 W
    amortises: [pretrain]
  eol:
    type: end_of_life
    hardware: [gpu, host]
    treatment: {recycling: 0.3, landfill: 0.7}
    credits: true
)");
    check_sums(r);
    CHECK(r.o.total[GWP] > 0);
    CHECK(r.o.credits[GWP] < 0);
    // Stage by stage, in closed form.
    const double gpu_units = 512 * 30 * H_DAY * 1.2 / (5 * H_YEAR * 0.8) + 16 * H_YEAR / (5 * H_YEAR * 0.8);
    CHECK(r.reported("gpu", "units_allocated") == near(gpu_units));
    CHECK(r.stage(Stage::hardware_fabrication)[GWP] ==
          near(600 * 1500 + 64 * 30 * H_DAY * 1.2 / (5 * H_YEAR) * 3000));
    const double train_it = 512 * 30 * H_DAY * 0.7 * 1.2;
    const double q0 = 1e5 / 24, tau = H_MONTH;
    const double requests = q0 * tau * (std::pow(1.02, H_YEAR / tau) - 1) / std::log(1.02);
    const double chat_it = requests * 0.4e-3 + 0.05 * 16 * H_YEAR;
    CHECK(r.stage(Stage::training)[ENERGY] == near(1.25 * train_it));
    CHECK(r.stage(Stage::inference)[ENERGY] == near(1.25 * chat_it));
    const double mw = (train_it + chat_it) / (1000 * 15 * H_YEAR * 0.6);
    CHECK(r.stage(Stage::datacentre_construction)[GWP] == near(1e6 * mw));
    CHECK(r.o.total[EWASTE] == near(600 * 3 + 64 * 30 * H_DAY * 1.2 / (5 * H_YEAR) * 20));
    CHECK(r.o.functional_units == near(requests));
}
