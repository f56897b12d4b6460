//! Runtime units: strings such as "kg CO2e/kWh" become a factor to SI and a
//! dimension vector. Impact units (CO2e, Sb eq) are dimensions of their own.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace lca4ai {

//! Exponents of the base dimensions.
struct Dimension {
    enum Base { mass, length, time, co2e, sb_eq, flop, request, token, count_ };
    std::array<int, count_> exp{};

    bool operator==(const Dimension&) const = default;
    Dimension operator*(const Dimension& o) const;
    Dimension operator/(const Dimension& o) const;
    Dimension pow(int n) const;
    bool dimensionless() const { return *this == Dimension{}; }
    //! Human-readable, e.g. "mass·length²·time⁻²" written as "kg*m^2/s^2".
    std::string to_string() const;
    //! A familiar name when there is one ("energy", "power", "time", ...).
    std::string describe() const;
};

//! A parsed unit: value_in_SI = value × factor.
struct Unit {
    double factor = 1.0;
    Dimension dim;
};

//! Parses a unit expression ("kg CO2e/kWh", "FLOP/s", "%/month", "L/kWh").
//! Returns std::nullopt and sets `error` when the unit is unknown.
std::optional<Unit> parse_unit(std::string_view text, std::string* error = nullptr);

//! A number with its unit, in SI.
struct Quantity {
    double si = 0.0;
    Dimension dim;
    std::string unit_text;  //!< the unit as written (for messages and growth periods)
};

//! Parses "700 W", "3.14e23 FLOP", "1.12" (dimensionless). nullopt + error on failure.
std::optional<Quantity> parse_quantity(std::string_view text, std::string* error = nullptr);

//! SI factor of a canonical unit string (throws std::logic_error if the engine's own unit is wrong).
Unit canonical_unit(std::string_view text);

}  // namespace lca4ai
