// Portfolio accounting: scopes add up, location- vs market-based differ exactly by the
// re-priced electricity (hand computation), ownership moves scope but not the total, and
// malformed portfolio files give file:line:column errors.
#include <cmath>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

const InventoryDb& shipped() {
    static const InventoryDb d = [] {
        const char* env = std::getenv("LCA4AI_DATA");
        return load_inventory_dir(env && *env ? env : LCA4AI_TEST_DATA_DIR);
    }();
    return d;
}

// One inline use case: 1 kWh IT per request, 100 requests/day for 10 days (1000 kWh IT),
// PUE 1.2 (1200 kWh facility), grid 0.5 kg CO2e/kWh; a 25 % PPA at 0 and a residual of 0.8.
std::string hand_portfolio(const std::string& ownership) {
    return R"(lca4ai_portfolio: 1
company: Hand Computation Ltd
year: 2025
use_cases:
  svc:
    ownership: )" + ownership + R"(
    electricity:
      instruments:
        - {type: ppa, share: 0.25, gwp: 0 kg CO2e/kWh, source: test contract}
      residual: 0.8 kg CO2e/kWh
      residual_source: test supplier
    onsite_fuel: {amount: 10 L, factor: 2.5 kg CO2e/L, source: test}
    scenario:
      lca4ai: 1
      name: hand
      nodes:
        grid: {type: grid, factors: {gwp: 0.5 kg CO2e/kWh, water: 0 L/kWh, adp: 0 kg Sb eq/kWh, pe: 0 MJ/kWh}}
        dc: {type: datacenter, grid: grid, pue: 1.2, wue: 0 L/kWh}
        hw: {type: hardware, embodied: {gwp: 1000 kg CO2e, adp: 0 kg Sb eq, pe: 0 MJ, water: 0 m3}, lifetime: 10 day, utilisation: 1}
        svc:
          type: inference
          site: dc
          hardware: {item: hw, count: 1}
          period: 10 day
          traffic: {requests_per_day: 100}
          energy_per_request: 1 kWh/request
)";
}

PortfolioResult run_text(const std::string& text) {
    return evaluate_portfolio(load_portfolio_text(text, "hand.yaml", shipped()));
}

std::vector<InputError> errors_of(const std::string& text) {
    try {
        load_portfolio_text(text, "bad.yaml", shipped());
    } catch (const ScenarioError& e) {
        return e.errors();
    }
    FAIL("the portfolio loaded without error");
    return {};
}

}  // namespace

TEST_CASE("hand computation: location- vs market-based differ by the re-priced electricity") {
    const auto r = run_text(hand_portfolio("owned"));
    REQUIRE(r.use_cases.size() == 1);
    const auto& u = r.use_cases[0];
    CHECK(u.electricity_kwh == Approx(1200.0));
    CHECK(u.contracted_kwh == Approx(300.0));
    CHECK(u.gwp_location_electricity == Approx(600.0));
    CHECK(u.gwp_market_electricity == Approx(1200.0 * (0.25 * 0.0 + 0.75 * 0.8)));  // 720
    // Hardware: 1 unit × 10 days over a 10-day life → 1000 kg; scope 1: 10 L × 2.5 = 25 kg.
    CHECK(r.total[gwp] == Approx(600.0 + 1000.0 + 25.0));
    CHECK(r.gwp_market - r.total[gwp] == Approx(120.0));
    CHECK(r.scopes[scope1][gwp] == Approx(25.0));
    CHECK(r.scopes[scope2][gwp] == Approx(600.0));
    CHECK(r.scopes_market_gwp[scope2] == Approx(720.0));
    CHECK(r.scopes[scope3_cat2][gwp] == Approx(1000.0));
}

TEST_CASE("scope totals add up to the portfolio total, location- and market-based") {
    for (const char* own : {"owned", "colocation", "cloud", "third_party"}) {
        const auto r = run_text(hand_portfolio(own));
        for (int i = 0; i < indicator_count; ++i) {
            double sum = 0;
            for (int s = 0; s < scope_count; ++s) sum += r.scopes[static_cast<std::size_t>(s)][static_cast<std::size_t>(i)];
            CHECK(sum == Approx(r.total[static_cast<std::size_t>(i)]));
        }
        double market = 0;
        for (double v : r.scopes_market_gwp) market += v;
        CHECK(market == Approx(r.gwp_market));
    }
}

TEST_CASE("moving a use case from cloud to owned changes scope category, not the total") {
    const auto cloud = run_text(hand_portfolio("cloud"));
    const auto owned = run_text(hand_portfolio("owned"));
    for (int i = 0; i < indicator_count; ++i) CHECK(cloud.total[static_cast<std::size_t>(i)] == Approx(owned.total[static_cast<std::size_t>(i)]));
    CHECK(cloud.gwp_market == Approx(owned.gwp_market));
    CHECK(cloud.scopes[scope2][gwp] == 0.0);
    CHECK(cloud.scopes[scope3_cat1][gwp] == Approx(1600.0));  // electricity + hardware bought as a service
    CHECK(owned.scopes[scope3_cat1][gwp] == 0.0);
}

TEST_CASE("the example portfolio: eight use cases, scopes add up, the report renders") {
    const std::string file = std::string(LCA4AI_TEST_DATA_DIR) + "/../scenarios/portfolios/example-company.yaml";
    const auto p = load_portfolio(file, shipped());
    CHECK(p.use_cases.size() >= 8);
    SamplingOptions mc;
    mc.samples = 200;
    const auto r = evaluate_portfolio(p, &mc);
    double sum = 0, market = 0, delta = 0;
    for (int s = 0; s < scope_count; ++s) {
        sum += r.scopes[static_cast<std::size_t>(s)][gwp];
        market += r.scopes_market_gwp[static_cast<std::size_t>(s)];
    }
    for (const auto& u : r.use_cases) delta += u.gwp_market_electricity - u.gwp_location_electricity;
    CHECK(sum == Approx(r.total[gwp]));
    CHECK(market == Approx(r.gwp_market));
    CHECK(r.gwp_market - r.total[gwp] == Approx(delta));
    REQUIRE(r.bands);
    CHECK((*r.bands)[gwp].p2_5 < (*r.bands)[gwp].p97_5);
    const auto html = portfolio_html(r);
    CHECK_THAT(html, Contains("<svg"));
    CHECK_THAT(html, Contains(p.company.substr(0, 10)));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("{{") == std::string::npos);
}

TEST_CASE("malformed portfolios: file:line:column and key path") {
    SECTION("unknown use-case key") {
        const auto e = errors_of("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n    volumes: {requests: 1}\n");
        bool found = false;
        for (const auto& x : e)
            if (x.key_path == "use_cases.a.volumes") {
                found = true;
                CHECK(x.where.line == 7);
                CHECK(x.where.column == 5);
                CHECK_THAT(x.message, Contains("did you mean 'volume'"));
            }
        CHECK(found);
    }
    SECTION("bad ownership and shares above one") {
        const auto e = errors_of(R"(lca4ai_portfolio: 1
company: X
year: 2025
use_cases:
  a:
    scenario: nope.yaml
    ownership: clowd
    electricity:
      instruments:
        - {type: ppa, share: 0.7, gwp: 0 kg CO2e/kWh, source: s}
        - {type: certificates, share: 0.6, gwp: 0 kg CO2e/kWh, source: s}
)");
        REQUIRE(e.size() == 3);  // sorted by position
        CHECK(e[0].key_path == "use_cases.a.scenario");
        CHECK_THAT(e[0].message, Contains("no such scenario file"));
        CHECK(e[1].key_path == "use_cases.a.ownership");
        CHECK(e[1].where.line == 7);
        CHECK(e[1].where.column == 16);
        CHECK_THAT(e[1].message, Contains("did you mean 'cloud'"));
        CHECK(e[2].key_path == "use_cases.a.electricity.instruments");
        CHECK(e[2].where.line == 10);
        CHECK_THAT(e[2].message, Contains("more than 1"));
    }
    SECTION("a factor in the wrong unit") {
        const auto e = errors_of("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n    onsite_fuel: {amount: 3 kWh, factor: 2 kg CO2e/L, source: s}\n");
        REQUIRE(e.size() == 2);
        CHECK(e[1].key_path == "use_cases.a.onsite_fuel.amount");
        CHECK(e[1].where.line == 7);
        CHECK(e[1].where.column == 27);
        CHECK_THAT(e[1].message, Contains("expected"));
    }
}
