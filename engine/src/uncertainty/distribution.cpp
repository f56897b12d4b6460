#include "lca4ai/distribution.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

namespace lca4ai {

const std::vector<std::string>& Distribution::type_names() {
    static const std::vector<std::string> names = {"none", "normal", "lognormal", "uniform", "triangular", "pert",
                                                   "discrete"};
    return names;
}

double Distribution::central() const {
    switch (type) {
        case Type::none: return a;
        case Type::normal: return a;
        case Type::lognormal: return a;
        case Type::uniform: return 0.5 * (a + b);
        case Type::triangular:
        case Type::pert: return c;
        case Type::discrete: return values.empty() ? 0.0 : values.front();
    }
    return a;
}

static double untruncated_quantile(const Distribution& d, double u) {
    using T = Distribution::Type;
    switch (d.type) {
        case T::none: return d.a;
        case T::normal: return d.a + d.b * boost::math::quantile(boost::math::normal(), u);
        case T::lognormal: return d.a * std::exp(std::log(d.b) * boost::math::quantile(boost::math::normal(), u));
        case T::uniform: return d.a + (d.b - d.a) * u;
        case T::triangular: {
            const double fc = (d.c - d.a) / (d.b - d.a);
            return u < fc ? d.a + std::sqrt(u * (d.b - d.a) * (d.c - d.a))
                          : d.b - std::sqrt((1 - u) * (d.b - d.a) * (d.b - d.c));
        }
        case T::pert: {
            // Beta-PERT with lambda = 4: alpha = 1 + 4 (mode-min)/(max-min).
            const double alpha = 1 + 4 * (d.c - d.a) / (d.b - d.a);
            const double beta = 1 + 4 * (d.b - d.c) / (d.b - d.a);
            return d.a + (d.b - d.a) * boost::math::quantile(boost::math::beta_distribution<>(alpha, beta), u);
        }
        case T::discrete: {
            double acc = 0;
            for (std::size_t i = 0; i < d.values.size(); ++i) {
                acc += d.weights[i];
                if (u < acc) return d.values[i];
            }
            return d.values.back();
        }
    }
    return d.a;
}

static double cdf(const Distribution& d, double x) {
    // Only needed for truncation; found by bisection on the quantile (monotone).
    double lo = 0.0, hi = 1.0;
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (untruncated_quantile(d, mid) < x ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double Distribution::quantile(double u) const {
    if (lower <= -1e300 && upper >= 1e300) return untruncated_quantile(*this, u);
    const double ulo = lower <= -1e300 ? 0.0 : cdf(*this, lower);
    const double uhi = upper >= 1e300 ? 1.0 : cdf(*this, upper);
    const double x = untruncated_quantile(*this, ulo + u * (uhi - ulo));
    return std::clamp(x, lower, upper);
}

void Distribution::scale(double f) {
    switch (type) {
        case Type::lognormal: a *= f; break;
        case Type::discrete:
            for (auto& v : values) v *= f;
            break;
        default:
            a *= f;
            b *= f;
            c *= f;
    }
    if (lower > -1e300) lower *= f;
    if (upper < 1e300) upper *= f;
}

std::string Distribution::describe() const {
    switch (type) {
        case Type::none: return "fixed";
        case Type::normal: return fmt::format("normal(mean={:g}, sd={:g})", a, b);
        case Type::lognormal: return fmt::format("lognormal(median={:g}, gsd={:g})", a, b);
        case Type::uniform: return fmt::format("uniform({:g}, {:g})", a, b);
        case Type::triangular: return fmt::format("triangular({:g}, {:g}, {:g})", a, c, b);
        case Type::pert: return fmt::format("pert({:g}, {:g}, {:g})", a, c, b);
        case Type::discrete: return fmt::format("discrete({} values)", values.size());
    }
    return "";
}

}  // namespace lca4ai
