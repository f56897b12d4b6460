//! Probability distributions of uncertain parameters, by their inverse CDF so
//! that any uniform variate (Philox, Sobol') maps to a sample.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace lca4ai {

struct Distribution {
    enum class Type { none, normal, lognormal, uniform, triangular, pert, discrete };
    Type type = Type::none;
    // normal: mean=a, sd=b; lognormal: median=a, gsd=b (so mu=log a, sigma=log b);
    // uniform: min=a, max=b; triangular/pert: min=a, max=b, mode=c.
    double a = 0, b = 0, c = 0;
    std::vector<double> values, weights;  //!< discrete choices (weights normalised)
    double lower = -1e300, upper = 1e300;  //!< truncation bounds (inclusive)
    bool is_default = false;  //!< a documented default (pedigree), not a published uncertainty

    bool uncertain() const { return type != Type::none; }
    //! Central value: mean (normal, uniform), median (lognormal), mode (triangular, PERT), first choice (discrete).
    double central() const;
    //! Inverse CDF at u in (0,1), with truncation applied.
    double quantile(double u) const;
    //! The same for `n` variates at once, in place (x[k] = quantile(x[k]), bit for bit).
    void quantile_block(double* x, std::size_t n) const;
    //! Scales every location parameter by `f` (unit conversion); lognormal gsd and weights are unchanged.
    void scale(double f);
    static const std::vector<std::string>& type_names();
    std::string describe() const;
};

//! Inverse CDF of the standard normal distribution (relative error < 1.2e-9; used for sampling).
double standard_normal_quantile(double p);
//! The same to machine precision.
double standard_normal_quantile_exact(double p);

struct Pathway;

//! A named scalar of the model, in canonical (SI-based) units.
struct Parameter {
    std::string name;          //!< `pue`, `nodes.dc.pue`, `inventory.FR.gwp`
    double value = 0.0;        //!< central value [SI]
    Distribution distribution;
    std::string unit;          //!< unit as written, for display
    double display_factor = 1;  //!< SI value ÷ display_factor = value in `unit`
    std::string origin;        //!< where it was defined (file:line)
    std::shared_ptr<const Pathway> pathway;  //!< value by year (projections); null: the same every year
};

}  // namespace lca4ai
