// Distributions: central values and inverse CDFs against closed forms.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "lca4ai/distribution.hpp"

using namespace lca4ai;
using T = Distribution::Type;

namespace {

Distribution make(T type, double a, double b, double c = 0) {
    Distribution d;
    d.type = type;
    d.a = a;
    d.b = b;
    d.c = c;
    return d;
}

// ∫0^1 Q(u) du by the midpoint rule: the mean of the distribution.
double mean_by_quantile(const Distribution& d, int n = 20000) {
    double s = 0;
    for (int i = 0; i < n; ++i) s += d.quantile((i + 0.5) / n);
    return s / n;
}

}  // namespace

TEST_CASE("none: the value itself", "[distribution]") {
    Distribution d;
    d.a = 3.5;
    CHECK_FALSE(d.uncertain());
    CHECK(d.central() == 3.5);
    CHECK(d.quantile(0.1) == 3.5);
    CHECK(d.quantile(0.9) == 3.5);
}

TEST_CASE("normal: mean and quantiles", "[distribution]") {
    const double mean = 10, sd = 2;
    const auto d = make(T::normal, mean, sd);
    CHECK(d.uncertain());
    CHECK(d.central() == Approx(mean));
    CHECK(d.quantile(0.5) == Approx(mean));
    CHECK(d.quantile(0.975) == Approx(mean + 1.959964 * sd).epsilon(1e-6));
    CHECK(d.quantile(0.025) == Approx(mean - 1.959964 * sd).epsilon(1e-6));
    CHECK(d.quantile(0.8413447460685429) == Approx(mean + sd).epsilon(1e-9));  // Φ(1)
    CHECK(mean_by_quantile(d) == Approx(mean).epsilon(1e-4));
}

TEST_CASE("lognormal: median and geometric sd", "[distribution]") {
    const double median = 280.6, gsd = 1.5;
    const auto d = make(T::lognormal, median, gsd);
    CHECK(d.central() == Approx(median));
    CHECK(d.quantile(0.5) == Approx(median));
    // The 97.5 % quantile is median × gsd^1.959964, the 2.5 % one median / gsd^1.959964.
    CHECK(d.quantile(0.975) == Approx(median * std::pow(gsd, 1.959964)).epsilon(1e-6));
    CHECK(d.quantile(0.025) == Approx(median / std::pow(gsd, 1.959964)).epsilon(1e-6));
    // One sigma: median × gsd.
    CHECK(d.quantile(0.8413447460685429) == Approx(median * gsd).epsilon(1e-9));
    // Mean = median × exp(σ²/2), σ = ln gsd.
    const double sigma = std::log(gsd);
    CHECK(mean_by_quantile(d, 200000) == Approx(median * std::exp(sigma * sigma / 2)).epsilon(2e-3));
}

TEST_CASE("uniform: mean and linear quantile", "[distribution]") {
    const auto d = make(T::uniform, 4, 6);
    CHECK(d.central() == Approx(5.0));
    CHECK(d.quantile(0.0) == Approx(4.0));
    CHECK(d.quantile(0.25) == Approx(4.5));
    CHECK(d.quantile(0.5) == Approx(5.0));
    CHECK(d.quantile(1.0) == Approx(6.0));
}

TEST_CASE("triangular: mode and inverse CDF at known points", "[distribution]") {
    const double a = 1.0, b = 1.5, c = 1.2;  // min, max, mode
    const auto d = make(T::triangular, a, b, c);
    CHECK(d.central() == Approx(c));
    // F(c) = (c-a)/(b-a): the quantile there is the mode.
    const double fc = (c - a) / (b - a);
    CHECK(d.quantile(fc) == Approx(c));
    // Left branch: F(x) = (x-a)²/((b-a)(c-a)); at x = 1.1: 0.01/(0.5*0.2) = 0.1.
    CHECK(d.quantile(0.1) == Approx(1.1));
    // Right branch: 1-F(x) = (b-x)²/((b-a)(b-c)); at x = 1.4: 0.01/(0.5*0.3) = 1/15.
    CHECK(d.quantile(1.0 - 1.0 / 15.0) == Approx(1.4));
    CHECK(d.quantile(0.0) == Approx(a));
    CHECK(d.quantile(1.0) == Approx(b));
    // Mean (a+b+c)/3.
    CHECK(mean_by_quantile(d) == Approx((a + b + c) / 3).epsilon(1e-6));
}

TEST_CASE("PERT: mode and mean (a+4c+b)/6", "[distribution]") {
    const double a = 1.0, b = 1.5, c = 1.2;
    const auto d = make(T::pert, a, b, c);
    CHECK(d.central() == Approx(c));
    CHECK(d.quantile(0.0) == Approx(a).margin(1e-12));
    CHECK(d.quantile(1.0) == Approx(b).margin(1e-12));
    CHECK(mean_by_quantile(d) == Approx((a + 4 * c + b) / 6).epsilon(1e-5));
    // Skewed the other way.
    const auto e = make(T::pert, 0.0, 10.0, 8.0);
    CHECK(mean_by_quantile(e) == Approx((0 + 4 * 8.0 + 10) / 6).epsilon(1e-5));
    // Symmetric: the median is the mode.
    const auto s = make(T::pert, 2.0, 4.0, 3.0);
    CHECK(s.quantile(0.5) == Approx(3.0));
}

TEST_CASE("discrete: weights", "[distribution]") {
    Distribution d;
    d.type = T::discrete;
    d.values = {10, 20, 30};
    d.weights = {0.2, 0.5, 0.3};
    CHECK(d.central() == 10);  // first choice
    CHECK(d.quantile(0.1) == 10);
    CHECK(d.quantile(0.19) == 10);
    CHECK(d.quantile(0.21) == 20);
    CHECK(d.quantile(0.69) == 20);
    CHECK(d.quantile(0.71) == 30);
    CHECK(d.quantile(0.999) == 30);
    // The share of a fine grid of u that lands on each value is its weight; the mean is Σ w v.
    const int n = 10000;
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < n; ++i) {
        const double x = d.quantile((i + 0.5) / n);
        counts[static_cast<int>(x / 10) - 1]++;
    }
    CHECK(counts[0] / double(n) == Approx(0.2).margin(1e-3));
    CHECK(counts[1] / double(n) == Approx(0.5).margin(1e-3));
    CHECK(counts[2] / double(n) == Approx(0.3).margin(1e-3));
    CHECK(mean_by_quantile(d) == Approx(0.2 * 10 + 0.5 * 20 + 0.3 * 30).epsilon(1e-3));
}

TEST_CASE("truncation keeps samples within bounds", "[distribution]") {
    auto d = make(T::normal, 0.0, 1.0);
    d.lower = -1.0;
    d.upper = 2.0;
    for (int i = 0; i <= 1000; ++i) {
        const double x = d.quantile(std::clamp(i / 1000.0, 1e-12, 1 - 1e-12));
        CHECK(x >= -1.0);
        CHECK(x <= 2.0);
    }
    // The truncated quantile spans the bounds: u→0 gives the lower bound, u→1 the upper.
    CHECK(d.quantile(1e-12) == Approx(-1.0).margin(1e-6));
    CHECK(d.quantile(1 - 1e-12) == Approx(2.0).margin(1e-6));
    // Q_trunc(u) = Q(Φ(lo) + u (Φ(hi) − Φ(lo))); Φ(-1) = 0.158655, Φ(2) = 0.977250.
    const double plo = 0.15865525393145707, phi = 0.9772498680518208;
    const auto un = make(T::normal, 0.0, 1.0);
    CHECK(d.quantile(0.5) == Approx(un.quantile(plo + 0.5 * (phi - plo))).margin(1e-6));

    // One-sided truncation of a lognormal.
    auto ln = make(T::lognormal, 1.0, 2.0);
    ln.upper = 3.0;
    for (int i = 1; i < 100; ++i) CHECK(ln.quantile(i / 100.0) <= 3.0);
    CHECK(ln.quantile(0.01) > 0.0);
}

TEST_CASE("quantile_block gives quantile's numbers bit for bit", "[distribution]") {
    std::vector<Distribution> ds = {make(T::normal, 3.0, 0.5),    make(T::lognormal, 2.0, 1.6), make(T::uniform, 1.0, 5.0),
                                    make(T::triangular, 1.0, 1.5, 1.2), make(T::pert, 0.0, 10.0, 2.0)};
    auto cut = make(T::lognormal, 1.0, 2.0);
    cut.lower = 0.5;
    cut.upper = 3.0;
    ds.push_back(cut);
    Distribution disc;
    disc.type = T::discrete;
    disc.values = {1.0, 2.0, 4.0};
    disc.weights = {0.2, 0.5, 0.3};
    ds.push_back(disc);
    std::vector<double> u;
    for (int i = 0; i < 1000; ++i) u.push_back((i + 0.5) / 1000.0);
    u.push_back(1e-12);  // both tails of the normal quantile
    u.push_back(1 - 1e-12);
    for (const auto& d : ds) {
        auto x = u;
        d.quantile_block(x.data(), x.size());
        for (std::size_t k = 0; k < u.size(); ++k) {
            INFO(d.describe() << " at u = " << u[k]);
            CHECK(x[k] == d.quantile(u[k]));
        }
    }
}

TEST_CASE("scale converts location parameters only", "[distribution]") {
    auto n = make(T::normal, 700, 50);
    n.scale(1e-3);
    CHECK(n.a == Approx(0.7));
    CHECK(n.b == Approx(0.05));
    auto ln = make(T::lognormal, 280.6, 1.5);
    ln.scale(2.0);
    CHECK(ln.a == Approx(561.2));
    CHECK(ln.b == Approx(1.5));  // the gsd is a ratio
    Distribution d;
    d.type = T::discrete;
    d.values = {1, 2};
    d.weights = {0.5, 0.5};
    d.scale(10);
    CHECK(d.values[1] == Approx(20));
    CHECK(d.weights[1] == Approx(0.5));
    auto t = make(T::uniform, 4, 6);
    t.lower = 4.5;
    t.scale(8760);
    CHECK(t.lower == Approx(4.5 * 8760));
}
