// Monte Carlo: statistics against closed forms, determinism, thread invariance,
// the subsample percentile estimator's documented error, correlation of shared inputs.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "lca4ai/monte_carlo.hpp"
#include "lca4ai/scenario.hpp"
#include "lca4ai/sensitivity.hpp"
#include "lca4ai/statistics.hpp"

using namespace lca4ai;

namespace {

std::string data_dir() {
    if (const char* d = std::getenv("LCA4AI_DATA"); d && *d) return d;
    return LCA4AI_TEST_DATA_DIR;
}

const InventoryDb& db() {
    static const InventoryDb d = load_inventory_dir(data_dir());
    return d;
}

// One process whose GWP per unit is the expression; demand 1, so gwp = expression.
LcaSystem model(const std::string& parameters, const std::string& expression) {
    const std::string text = "lca4ai: 1\nname: mc\nparameters:\n" + parameters +
                             "nodes:\n  p:\n    type: process\n    stage: training\n    demand: 1\n    flows: {co2e: '= (" +
                             expression + ") * 1 kg CO2e'}\n";
    return compile(load_scenario_text(text, "mc.yaml", db()));
}

const SeriesStats& gwp_stats(const SampledStats& s) { return s.groups[0][BlockLayout::total][Indicator::gwp]; }

SampledStats sample(const LcaSystem& sys, std::uint64_t n, std::uint64_t seed = 1, int threads = 1,
                    std::size_t subsample = 100000) {
    SamplingOptions o;
    o.samples = n;
    o.seed = seed;
    o.threads = threads;
    o.subsample = subsample;
    return monte_carlo(sys, o);
}

constexpr double z975 = 1.959963984540054;

}  // namespace

TEST_CASE("sum of two normals: mean, sd and percentiles of the closed form", "[mc]") {
    const auto sys = model("  a: {value: 10, distribution: {type: normal, sd: 1}}\n  b: {value: 5, distribution: {type: normal, sd: 2}}\n",
                           "$a + $b");
    const auto s = gwp_stats(sample(sys, 200000));
    const double sd = std::sqrt(5.0);
    CHECK(s.mean == Approx(15).margin(4 * sd / std::sqrt(200000.0)));
    CHECK(s.sd == Approx(sd).epsilon(0.01));
    CHECK(s.se == Approx(s.sd / std::sqrt(200000.0)).epsilon(1e-12));
    CHECK(s.percentiles[0] == Approx(15 - z975 * sd).epsilon(0.01));
    CHECK(s.percentiles[3] == Approx(15).epsilon(0.005));
    CHECK(s.percentiles[6] == Approx(15 + z975 * sd).epsilon(0.01));
}

TEST_CASE("product of lognormals is lognormal: median and 97.5 % of the closed form", "[mc]") {
    const auto sys = model("  x: {value: 2, distribution: {type: lognormal, gsd: 1.5}}\n  y: {value: 3, distribution: {type: lognormal, gsd: 1.2}}\n",
                           "$x * $y");
    const auto s = gwp_stats(sample(sys, 200000));
    const double sigma = std::sqrt(std::pow(std::log(1.5), 2) + std::pow(std::log(1.2), 2));
    CHECK(s.percentiles[3] == Approx(6).epsilon(0.01));
    CHECK(s.percentiles[6] == Approx(6 * std::exp(z975 * sigma)).epsilon(0.02));
    CHECK(s.mean == Approx(6 * std::exp(sigma * sigma / 2)).epsilon(0.01));
}

TEST_CASE("uniform: mean and sd", "[mc]") {
    const auto sys = model("  u: {distribution: {type: uniform, min: 0, max: 10}}\n", "$u");
    const auto s = gwp_stats(sample(sys, 100000));
    CHECK(s.mean == Approx(5).margin(0.05));
    CHECK(s.sd == Approx(10 / std::sqrt(12.0)).epsilon(0.01));
    CHECK(s.percentiles[1] == Approx(0.5).margin(0.05));
}

TEST_CASE("a parameter used twice is one random variable", "[mc]") {
    const auto sys = model("  a: {value: 10, distribution: {type: normal, sd: 1}}\n", "$a - $a + 3");
    const auto s = gwp_stats(sample(sys, 10000));
    CHECK(s.sd == Approx(0).margin(1e-12));
    CHECK(s.mean == Approx(3));
}

TEST_CASE("same seed, same numbers at any thread count; another seed differs", "[mc]") {
    const auto sys = model("  a: {value: 10, distribution: {type: triangular, min: 8, max: 15}}\n  b: {value: 2, distribution: {type: lognormal, gsd: 1.3}}\n",
                           "$a * $b");
    const auto one = sample(sys, 50000, 42, 1);
    for (int threads : {2, 3, 8}) {
        const auto many = sample(sys, 50000, 42, threads);
        CHECK(gwp_stats(many).mean == gwp_stats(one).mean);
        CHECK(gwp_stats(many).sd == gwp_stats(one).sd);
        CHECK(gwp_stats(many).percentiles == gwp_stats(one).percentiles);
    }
    CHECK(gwp_stats(sample(sys, 50000, 43, 1)).mean != gwp_stats(one).mean);
}

TEST_CASE("subsample percentiles stay within their documented error", "[mc]") {
    // With R kept samples, the 2.5 % estimate is an order statistic whose rank has
    // standard error sqrt(p(1-p)/R) in probability: check 4 such errors.
    const auto sys = model("  u: {distribution: {type: uniform, min: 0, max: 1}}\n", "$u");
    const std::size_t R = 20000;
    const auto st = sample(sys, 400000, 1, 2, R);
    const auto& s = gwp_stats(st);
    CHECK_FALSE(st.exact_percentiles);
    CHECK(st.subsample == R);
    for (int q = 0; q < percentile_count; ++q) {
        const double p = percentile_levels[q] / 100.0;
        CHECK(s.percentiles[static_cast<std::size_t>(q)] == Approx(p).margin(4 * std::sqrt(p * (1 - p) / R)));
    }
    // Exact when everything fits.
    CHECK(sample(sys, 5000, 1, 2, R).exact_percentiles);
}

TEST_CASE("subsample keeps exactly the samples of smallest key, whatever the order and split", "[mc]") {
    const std::size_t N = 5000, k = 300;
    std::vector<std::uint64_t> keys(N);
    std::uint64_t z = 12345;
    for (auto& key : keys) {  // SplitMix64: distinct pseudo-random keys
        z += 0x9E3779B97F4A7C15ULL;
        std::uint64_t x = z;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        key = x ^ (x >> 31);
    }
    std::vector<std::size_t> order(N);
    for (std::size_t i = 0; i < N; ++i) order[i] = i;
    std::vector<std::size_t> by_key = order;
    std::sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    std::vector<double> expected;
    for (std::size_t i = 0; i < k; ++i) expected.push_back(static_cast<double>(by_key[i]));
    std::sort(expected.begin(), expected.end());

    auto kept = [&](Subsample s) {
        s.finish();
        auto cols = s.columns();
        REQUIRE(cols.size() == 2);
        for (std::size_t i = 0; i < cols[0].size(); ++i) CHECK(cols[1][i] == 2 * cols[0][i]);
        std::sort(cols[0].begin(), cols[0].end());
        return cols[0];
    };
    auto offer = [&](Subsample& s, std::size_t i) {
        const double row[2] = {static_cast<double>(i), 2.0 * static_cast<double>(i)};
        if (s.wants(keys[i], i)) s.offer(keys[i], i, row);
    };
    Subsample in_order(k, 2);
    for (std::size_t i : order) offer(in_order, i);
    CHECK(kept(in_order) == expected);
    // Reversed, and split over three "threads" merged afterwards.
    Subsample parts[3] = {Subsample(k, 2), Subsample(k, 2), Subsample(k, 2)};
    for (std::size_t j = 0; j < N; ++j) offer(parts[j % 3], N - 1 - j);
    Subsample all = parts[2];
    all.merge(parts[0]);
    all.merge(parts[1]);
    CHECK(kept(all) == expected);
    // Fewer samples than the capacity: all of them.
    Subsample roomy(N + 1, 2);
    for (std::size_t i : order) offer(roomy, i);
    roomy.finish();
    CHECK(roomy.size() == N);
}

TEST_CASE("moments of x and x·w in one pass equal two passes", "[mc]") {
    std::vector<double> x, w, xw;
    for (int i = 0; i < 259; ++i) {
        x.push_back(1e6 + std::sin(i) * 1e3);
        w.push_back(1.0 / (1.0 + i % 7));
        xw.push_back(x.back() * w.back());
    }
    Moments a, b, one_x, one_xw;
    a.add_block(x.data(), x.size());
    b.add_block(xw.data(), xw.size());
    Moments::add_block_pair(x.data(), w.data(), x.size(), one_x, one_xw);
    CHECK(one_x.mean == a.mean);
    CHECK(one_x.m2 == a.m2);
    CHECK(one_xw.mean == b.mean);
    CHECK(one_xw.m2 == b.m2);
    const std::vector<double> zeros(100, 0.0);
    Moments z, zw;
    Moments::add_block_pair(zeros.data(), w.data(), zeros.size(), z, zw);
    CHECK(z.n == 100);
    CHECK(z.mean == 0.0);
    CHECK(zw.variance() == 0.0);
}

TEST_CASE("until_rse stops once the relative standard error is met", "[mc]") {
    const auto sys = model("  a: {value: 10, distribution: {type: normal, sd: 3}}\n", "$a");
    SamplingOptions o;
    o.samples = 10000000;
    o.until_rse = 0.001;
    o.threads = 2;
    const auto s = monte_carlo(sys, o);
    const auto& g = gwp_stats(s);
    CHECK(g.se / g.mean <= 0.001);
    CHECK(s.samples < o.samples);
}

TEST_CASE("Ishigami: Sobol' indices match the analytical values", "[sensitivity]") {
    const auto sys = model(
        "  x1: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}\n"
        "  x2: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}\n"
        "  x3: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}\n",
        "sin($x1) + 7 * sin($x2)^2 + 0.1 * $x3^4 * sin($x1)");
    SensitivityOptions o;
    o.method = "sobol";
    o.samples = 8192;
    o.bootstrap = 200;
    const auto r = sensitivity(sys, o);
    REQUIRE(r.runs == 8192 * 5);
    std::map<std::string, SensitivityInput> by;
    for (const auto& in : r.inputs) by[in.name] = in;
    // Analytical (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
    CHECK(by["x1"].s1 == Approx(0.3139).margin(0.03));
    CHECK(by["x2"].s1 == Approx(0.4424).margin(0.03));
    CHECK(by["x3"].s1 == Approx(0.0).margin(0.03));
    CHECK(by["x1"].st == Approx(0.5576).margin(0.03));
    CHECK(by["x2"].st == Approx(0.4424).margin(0.03));
    CHECK(by["x3"].st == Approx(0.2437).margin(0.03));
    CHECK(r.inputs.front().name == "x1");  // ranked by total effect
}

TEST_CASE("OAT swings rank a linear model by coefficient × spread", "[sensitivity]") {
    const auto sys = model("  a: {value: 1, distribution: {type: uniform, min: 0, max: 2}}\n"
                           "  b: {value: 1, distribution: {type: uniform, min: 0.5, max: 1.5}}\n",
                           "3 * $a + 10 * $b");
    SensitivityOptions o;
    o.method = "oat";
    const auto r = sensitivity(sys, o);
    REQUIRE(r.inputs.size() == 2);
    CHECK(r.inputs[0].name == "b");
    CHECK(r.inputs[0].swing == Approx(10 * 0.95));  // 2.5 % → 97.5 % of a width-1 uniform
    CHECK(r.inputs[1].swing == Approx(3 * 2 * 0.95));
    CHECK(r.base == Approx(13));
}

TEST_CASE("Morris on a linear model: mu* equals |coefficient| × range, sigma 0", "[sensitivity]") {
    const auto sys = model("  a: {value: 1, distribution: {type: uniform, min: 0, max: 2}}\n"
                           "  b: {value: 1, distribution: {type: uniform, min: 0, max: 1}}\n",
                           "3 * $a - 10 * $b");
    SensitivityOptions o;
    o.method = "morris";
    o.samples = 50;
    const auto r = sensitivity(sys, o);
    std::map<std::string, SensitivityInput> by;
    for (const auto& in : r.inputs) by[in.name] = in;
    // Elementary effects are taken on the unit scale: a moves 2 units per unit of u.
    CHECK(by["a"].mu_star == Approx(6));
    CHECK(by["b"].mu_star == Approx(10));
    CHECK(by["b"].mu == Approx(-10));
    CHECK(by["a"].sigma == Approx(0).margin(1e-9));
    CHECK(r.runs == 50 * 3);
}
