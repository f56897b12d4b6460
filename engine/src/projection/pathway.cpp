//! Pathway interpolation (docs/methodology.md, "Projections: pathways").
#include "lca4ai/pathway.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lca4ai {

namespace {
double point(const Pathway& p, std::size_t i, double u) {
    const auto& d = p.uncertainty.size() > i ? p.uncertainty[i] : Distribution{};
    return (std::isnan(u) || !d.uncertain()) ? p.values[i] : d.quantile(u);
}
}  // namespace

bool Pathway::uncertain() const {
    if (has_rate && rate_uncertainty.uncertain()) return true;
    return std::any_of(uncertainty.begin(), uncertainty.end(), [](const Distribution& d) { return d.uncertain(); });
}

int Pathway::base_year() const {
    if (interpolation == Interpolation::logistic) return years.empty() ? static_cast<int>(std::floor(midpoint)) : years[0];
    return years.empty() ? 0 : years[0];
}

double Pathway::at(double year, double u) const {
    if (interpolation == Interpolation::logistic)
        return floor + (ceiling - floor) / (1.0 + std::exp(-steepness * (year - midpoint)));
    if (years.empty()) return 0.0;
    if (has_rate) {
        const double r = (std::isnan(u) || !rate_uncertainty.uncertain()) ? rate : rate_uncertainty.quantile(u);
        const double v0 = point(*this, 0, u);
        return year <= years[0] ? v0 : v0 * std::pow(1.0 + r, year - years[0]);
    }
    // Before the first point and after the last, the pathway holds its end values.
    if (year <= years.front()) return point(*this, 0, u);
    if (year >= years.back()) return point(*this, years.size() - 1, u);
    const std::size_t j = static_cast<std::size_t>(std::upper_bound(years.begin(), years.end(), year) - years.begin());
    const std::size_t i = j - 1;
    const double a = point(*this, i, u), b = point(*this, j, u);
    const double w = (year - years[i]) / static_cast<double>(years[j] - years[i]);
    switch (interpolation) {
        case Interpolation::step: return a;
        case Interpolation::growth:
            // Constant compound rate between the points: a · (b/a)^w (linear when a sign changes or is zero).
            if (a > 0 && b > 0) return a * std::pow(b / a, w);
            return a + (b - a) * w;
        default: return a + (b - a) * w;
    }
}

Pathway Pathway::scaled(double f) const {
    Pathway p = *this;
    for (auto& v : p.values) v *= f;
    for (auto& d : p.uncertainty)
        if (d.uncertain()) d.scale(f);
    p.floor *= f;
    p.ceiling *= f;
    return p;
}

std::string Pathway::describe(double f) const {
    if (interpolation == Interpolation::logistic)
        return fmt::format("logistic {:.4g} → {:.4g}, midpoint {:g}, steepness {:g}/year", floor / f, ceiling / f, midpoint,
                           steepness);
    if (has_rate) return fmt::format("{}: {:.4g}, growth {:.4g} %/year", years[0], values[0] / f, rate * 100);
    std::string out = interpolation == Interpolation::step ? "step" : interpolation == Interpolation::growth ? "growth" : "linear";
    for (std::size_t i = 0; i < years.size(); ++i) out += fmt::format("{} {}: {:.4g}", i ? "," : "", years[i], values[i] / f);
    return out;
}

}  // namespace lca4ai
