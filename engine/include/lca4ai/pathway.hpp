//! Pathways: a parameter's value by calendar year (projections). Points by year
//! joined by linear, step or compound-growth (log-linear) interpolation; a
//! compound growth rate from a start year; or a logistic S-curve. Each point,
//! and the growth rate, may be uncertain. Values are in canonical (SI) units.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "lca4ai/distribution.hpp"

namespace lca4ai {

struct Pathway {
    enum class Interpolation { linear, step, growth, logistic };
    Interpolation interpolation = Interpolation::linear;
    //! Points (linear, step, growth between points), sorted by year.
    std::vector<int> years;
    std::vector<double> values;              //!< central value at each year [SI]
    std::vector<Distribution> uncertainty;   //!< per point (type none: certain); same size as values
    //! Compound growth from one point: value(t) = values[0] · (1 + rate)^(t − years[0]) for t ≥ years[0].
    bool has_rate = false;
    double rate = 0.0;          //!< growth per year [1/year] (central)
    Distribution rate_uncertainty;
    //! Logistic: floor + (ceiling − floor) / (1 + exp(−steepness · (t − midpoint))).
    double floor = 0, ceiling = 0, midpoint = 0, steepness = 0;
    std::string record;  //!< inventory pathway record it came from ("" when written in the scenario)

    //! Value in `year`. `u` in (0, 1) draws the uncertain inputs at that quantile (the same u
    //! in every year: a pathway's uncertainty is fully correlated across years); NaN: central.
    double at(double year, double u = std::numeric_limits<double>::quiet_NaN()) const;
    bool uncertain() const;
    //! First year of the pathway (its base year; the value `lca4ai run` uses when no `value` is given).
    int base_year() const;
    //! The same pathway with every value multiplied by `f` (a change of unit).
    Pathway scaled(double f) const;
    //! One-line description for tables ("linear 2024: 0.38 → 2030: 0.25").
    std::string describe(double display_factor = 1.0) const;
};

}  // namespace lca4ai
