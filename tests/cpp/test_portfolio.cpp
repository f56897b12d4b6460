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

// --- joint sampling, market-based bands, outlook ----------------------------------------------

namespace {

// One inline use case `id`: a service of `count` H100s (shipped record: uncertain embodied GWP and
// lifetime) over `days`, on a grid whose factor is `grid_gwp` (a quantity, or an uncertain mapping).
std::string use_case(const std::string& id, int count, int days, const std::string& grid_gwp, const std::string& extra = "") {
    return "  " + id + R"(:
    ownership: owned)" + extra + R"(
    scenario:
      lca4ai: 1
      name: )" + id + R"(
      nodes:
        grid: {type: grid, factors: {gwp: )" + grid_gwp + R"(, water: 0 L/kWh, adp: 0 kg Sb eq/kWh, pe: 0 MJ/kWh}}
        dc: {type: datacenter, grid: grid, pue: 1.2, wue: 0 L/kWh}
        h100: {type: hardware, item: nvidia-h100-sxm, utilisation: 1}
        svc:
          type: inference
          site: dc
          hardware: {item: h100, count: )" + std::to_string(count) + R"(}
          period: )" + std::to_string(days) + R"( day
          traffic: {requests_per_day: 100}
          energy_per_request: 1 kWh/request
)";
}

std::string portfolio_of(const std::string& use_cases, const std::string& tail = "") {
    return "lca4ai_portfolio: 1\ncompany: Joint Sampling Ltd\nyear: 2025\nuse_cases:\n" + use_cases + tail;
}

PortfolioResult sampled(const std::string& text, std::uint64_t n = 4000, int threads = 0, const std::string& base_dir = ".") {
    SamplingOptions mc;
    mc.samples = n;
    mc.seed = 7;
    mc.threads = threads;
    return evaluate_portfolio(load_portfolio_text(text, "joint.yaml", shipped(), base_dir), &mc);
}

void check_same_band(const Band& a, const Band& b) {
    CHECK(a.mean == Approx(b.mean).epsilon(1e-12));
    CHECK(a.sd == Approx(b.sd).epsilon(1e-9));
    CHECK(a.p2_5 == Approx(b.p2_5).epsilon(1e-12));
    CHECK(a.p50 == Approx(b.p50).epsilon(1e-12));
    CHECK(a.p97_5 == Approx(b.p97_5).epsilon(1e-12));
}

}  // namespace

TEST_CASE("use cases sharing an uncertain inventory record are sampled with the same draws") {
    // Both use cases are a·G + c with G the H100's embodied GWP ÷ lifetime, one shared random input:
    // perfectly correlated, so SD(total) = SD₁ + SD₂, not √(SD₁² + SD₂²) as independent draws give.
    const auto r = sampled(portfolio_of(use_case("a", 8, 30, "0.5 kg CO2e/kWh") + use_case("b", 8, 60, "0.2 kg CO2e/kWh")));
    REQUIRE(r.bands);
    const double sd1 = (*r.use_cases[0].bands)[gwp].sd, sd2 = (*r.use_cases[1].bands)[gwp].sd;
    const double sd = (*r.bands)[gwp].sd;
    REQUIRE(sd1 > 0);
    REQUIRE(sd2 > 0);
    CHECK(sd == Approx(sd1 + sd2).epsilon(1e-9));
    CHECK(sd > 1.3 * std::sqrt(sd1 * sd1 + sd2 * sd2));  // independent sampling: ≈ 1.0 ×
}

TEST_CASE("scenario-local uncertain inputs: independent between scenarios, shared by use cases of one file") {
    const std::string local = R"(
    volume: {requests: 1000})";
    // Two inline scenarios with a parameter of the same name: two random variables.
    auto inline_uc = [&](const std::string& id) {
        return "  " + id + R"(:
    scenario:
      lca4ai: 1
      name: )" + id + R"(
      functional_unit: {label: 1 request, per: svc, amount: 1}
      parameters:
        e: {value: 1 kWh, distribution: {type: lognormal, gsd: 1.5}}
      nodes:
        grid: {type: grid, factors: {gwp: 0.5 kg CO2e/kWh, water: 0 L/kWh, adp: 0 kg Sb eq/kWh, pe: 0 MJ/kWh}}
        dc: {type: datacenter, grid: grid, pue: 1.0, wue: 0 L/kWh}
        svc: {type: inference, site: dc, period: 10 day, traffic: {requests_per_day: 100}, energy_per_request: = $e / 1 request}
)" + local + "\n";
    };
    const auto ind = sampled(portfolio_of(inline_uc("a") + inline_uc("b")));
    const double a = (*ind.use_cases[0].bands)[gwp].sd, b = (*ind.use_cases[1].bands)[gwp].sd;
    const double rss = std::sqrt(a * a + b * b);
    CHECK((*ind.bands)[gwp].sd > 0.9 * rss);
    CHECK((*ind.bands)[gwp].sd < 1.1 * rss);
    // One scenario file used by two use cases: its own inputs are one random variable.
    const std::string dir = std::string(LCA4AI_TEST_DATA_DIR) + "/../scenarios/portfolios";
    const auto same = sampled(portfolio_of(R"(  eu:
    scenario: use-cases/chat-assistant.yaml
    volume: {requests: 1e6}
  us:
    scenario: ./use-cases/../use-cases/chat-assistant.yaml
    volume: {requests: 3e6}
)"), 2000, 0, dir);
    const double s1 = (*same.use_cases[0].bands)[gwp].sd, s2 = (*same.use_cases[1].bands)[gwp].sd;
    CHECK((*same.bands)[gwp].sd == Approx(s1 + s2).epsilon(1e-9));
}

TEST_CASE("portfolio Monte Carlo gives the same numbers at any thread count") {
    const std::string file = std::string(LCA4AI_TEST_DATA_DIR) + "/../scenarios/portfolios/example-company.yaml";
    const auto p = load_portfolio(file, shipped());
    REQUIRE(p.outlook);
    SamplingOptions one, two;
    one.samples = two.samples = 600;
    one.threads = 1;
    two.threads = 2;
    const auto a = evaluate_portfolio(p, &one), b = evaluate_portfolio(p, &two);
    for (int i = 0; i < indicator_count; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        CHECK((*a.bands)[ii].sd == (*b.bands)[ii].sd);
        CHECK((*a.bands)[ii].p2_5 == (*b.bands)[ii].p2_5);
        CHECK((*a.bands)[ii].p97_5 == (*b.bands)[ii].p97_5);
    }
    CHECK(a.market_band->p97_5 == b.market_band->p97_5);
    REQUIRE(a.outlook->years.size() == b.outlook->years.size());
    for (std::size_t j = 0; j < a.outlook->years.size(); ++j) {
        CHECK((*a.outlook->years[j].bands)[gwp].p97_5 == (*b.outlook->years[j].bands)[gwp].p97_5);
        CHECK(a.outlook->years[j].market_band->sd == b.outlook->years[j].market_band->sd);
    }
}

TEST_CASE("market-based bands are sampled, not shifted") {
    const std::string uncertain_grid = "{value: 0.5 kg CO2e/kWh, distribution: {type: lognormal, gsd: 1.6}}";
    SECTION("no contract and no residual mix: the market-based total is the location-based one, sample by sample") {
        const auto r = sampled(portfolio_of(use_case("svc", 8, 30, uncertain_grid)));
        REQUIRE(r.market_band);
        CHECK(r.gwp_market == Approx(r.total[gwp]));
        check_same_band(*r.market_band, (*r.bands)[gwp]);
    }
    SECTION("100 % zero-carbon PPA: no grid variance left in the market-based band") {
        const std::string ppa = R"(
    electricity:
      instruments:
        - {type: ppa, share: 1.0, gwp: 0 kg CO2e/kWh, source: test contract})";
        const auto r = sampled(portfolio_of(use_case("svc", 8, 30, uncertain_grid, ppa)));
        // The same service on a carbon-free grid draws the same H100 values: its location-based
        // band is what the market-based band must be.
        const auto clean = sampled(portfolio_of(use_case("svc", 8, 30, "0 kg CO2e/kWh")));
        REQUIRE(r.market_band);
        check_same_band(*r.market_band, (*clean.bands)[gwp]);
        CHECK(r.market_band->sd < 0.5 * (*r.bands)[gwp].sd);
        CHECK(r.gwp_market == Approx(clean.total[gwp]));
    }
    SECTION("a contract at a certain factor on an uncertain grid narrows the band by the covered share") {
        const std::string half = R"(
    electricity:
      instruments:
        - {type: supplier, share: 0.5, gwp: 0.3 kg CO2e/kWh, source: test bill}
      residual: 0.4 kg CO2e/kWh
      residual_source: test disclosure)";
        const auto r = sampled(portfolio_of(use_case("svc", 1, 30, uncertain_grid, half)));
        // 3600 kWh facility electricity: 0.5 × 0.3 + 0.5 × 0.4 = 0.35 instead of 0.5 kg CO2e/kWh.
        CHECK(r.gwp_market == Approx(r.total[gwp] + 3600 * (0.35 - 0.5)));
        CHECK(r.market_band->sd < (*r.bands)[gwp].sd);
        CHECK(r.market_band->mean == Approx(r.gwp_market).epsilon(0.02));
    }
}

TEST_CASE("outlook: adoption and efficiency pathways, rebased to the reporting year (hand computation)") {
    auto text = hand_portfolio("owned") + R"(outlook:
  until: 2027
  adoption: {from: 2025, value: 1, growth: 20 %/year}
  efficiency: {pathway: {2024: 1, 2025: 1.1, 2026: 1.21, 2027: 1.331}, interpolation: growth}
)";
    const auto r = evaluate_portfolio(load_portfolio_text(text, "hand.yaml", shipped()));
    REQUIRE(r.outlook);
    const auto& y = r.outlook->years;
    REQUIRE(y.size() == 3);
    CHECK(y[0].year == 2025);
    CHECK(y[0].total[gwp] == Approx(r.total[gwp]));  // inline grid: no pathway, so the first year is the headline
    CHECK(y[0].gwp_market == Approx(r.gwp_market));
    // 2027: volume × 1.2², inference energy ÷ 1.1² (efficiency 1.331 / 1.1 in 2025), hardware with the volume,
    // on-site fuel held.
    const double a = 1.44, e = 1.21;
    CHECK(y[2].electricity_kwh == Approx(1200 * a / e));
    CHECK(y[2].total[gwp] == Approx(600 * a / e + 1000 * a + 25));
    CHECK(y[2].gwp_market == Approx(720 * a / e + 1000 * a + 25));
    CHECK(y[2].use_case_gwp[0] == Approx(y[2].total[gwp]));
    CHECK(r.outlook->use_cases[0].grid.find("held") != std::string::npos);
}

TEST_CASE("outlook: grids follow their region's shipped pathway, by default, by region or not at all") {
    const std::string uc = R"(  svc:
    ownership: owned
    scenario:
      lca4ai: 1
      name: French service
      nodes:
        grid: {type: grid, region: FR}
        dc: {type: datacenter, grid: grid, pue: 1.0, wue: 0 L/kWh}
        svc: {type: inference, site: dc, period: 10 day, traffic: {requests_per_day: 100}, energy_per_request: 1 kWh/request}
)";
    auto ratio = [&](const std::string& outlook) {
        const auto text = "lca4ai_portfolio: 1\ncompany: X\nyear: 2024\nuse_cases:\n" + uc + outlook;
        const auto r = evaluate_portfolio(load_portfolio_text(text, "grid.yaml", shipped()));
        REQUIRE(r.outlook);
        return r.outlook->years.back().total[gwp] / r.outlook->years.front().total[gwp];
    };
    auto expected = [&](const std::string& record) {
        const auto& pw = shipped().find(record)->series.at("gwp");
        return pw.at(2030) / pw.at(2024);
    };
    CHECK(ratio("outlook: {until: 2030}\n") == Approx(expected("grid-FR-stated-policies")));
    CHECK(ratio("outlook: {until: 2030, grids: {FR: net-zero}}\n") == Approx(expected("grid-FR-net-zero")));
    CHECK(ratio("outlook: {until: 2030, grid: none}\n") == Approx(1.0));
    CHECK(expected("grid-FR-net-zero") < expected("grid-FR-stated-policies"));
    CHECK(expected("grid-FR-stated-policies") < 0.9);
}

TEST_CASE("malformed outlook: every problem at once, with file:line:column and key path") {
    const auto e = errors_of(R"(lca4ai_portfolio: 1
company: X
year: 2025
use_cases:
  a:
    scenario: nope.yaml
outlook:
  until: 2024
  grid: stated-policy
  grids: {ZZ: net-zero}
  adoption: adoption-hgh
  efficiency: {2025: 1 kWh}
  horizon: 2030
  use_cases:
    b: {adoption: none}
    a: {adoption: adoption-low, grid: none, rebound: 0.5}
)");
    auto find = [&](const std::string& key) -> const InputError* {
        for (const auto& x : e)
            if (x.key_path == key) return &x;
        return nullptr;
    };
    const auto* horizon = find("outlook.horizon");
    REQUIRE(horizon);
    CHECK(horizon->where.line == 13);
    CHECK(horizon->where.column == 3);
    const auto* until = find("outlook.until");
    REQUIRE(until);
    CHECK(until->where.line == 8);
    CHECK(until->where.column == 10);
    CHECK_THAT(until->message, Contains("after the reporting year 2025"));
    const auto* grid = find("outlook.grid");
    REQUIRE(grid);
    CHECK(grid->where.line == 9);
    CHECK_THAT(grid->message, Contains("did you mean 'stated-policies'"));
    CHECK_THAT(grid->message, Contains("net-zero"));
    const auto* region = find("outlook.grids.ZZ");
    REQUIRE(region);
    CHECK(region->where.line == 10);
    CHECK_THAT(region->message, Contains("no grid record 'ZZ'"));
    const auto* adoption = find("outlook.adoption");
    REQUIRE(adoption);
    CHECK(adoption->where.line == 11);
    CHECK(adoption->where.column == 13);
    CHECK_THAT(adoption->message, Contains("did you mean 'adoption-high'"));
    const auto* eff = find("outlook.efficiency.2025");
    REQUIRE(eff);
    CHECK(eff->where.line == 12);
    CHECK_THAT(eff->message, Contains("the pathway is in 1"));
    const auto* b = find("outlook.use_cases.b");
    REQUIRE(b);
    CHECK(b->where.line == 15);
    CHECK_THAT(b->message, Contains("no use case 'b'"));
    const auto* rebound = find("outlook.use_cases.a.rebound");
    REQUIRE(rebound);
    CHECK(rebound->where.line == 16);
    CHECK(e.size() == 9);  // the above and the missing scenario file
}
