// Units: parse_unit / parse_quantity, conversions to SI and dimension checks.
#include <string>

#include <catch2/catch.hpp>

#include "lca4ai/units.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

Unit unit(const std::string& text) {
    std::string err;
    auto u = parse_unit(text, &err);
    INFO("unit '" << text << "': " << err);
    REQUIRE(u.has_value());
    return *u;
}

Quantity quantity(const std::string& text) {
    std::string err;
    auto q = parse_quantity(text, &err);
    INFO("quantity '" << text << "': " << err);
    REQUIRE(q.has_value());
    return *q;
}

Dimension dim(std::initializer_list<std::pair<Dimension::Base, int>> parts) {
    Dimension d;
    for (auto [b, e] : parts) d.exp[static_cast<std::size_t>(b)] = e;
    return d;
}

const Dimension kEnergy = dim({{Dimension::mass, 1}, {Dimension::length, 2}, {Dimension::time, -2}});
const Dimension kPower = dim({{Dimension::mass, 1}, {Dimension::length, 2}, {Dimension::time, -3}});

}  // namespace

TEST_CASE("energy units convert to joules", "[units]") {
    CHECK(unit("J").factor == Approx(1.0));
    CHECK(unit("Wh").factor == Approx(3600.0));
    CHECK(unit("kWh").factor == Approx(3.6e6));
    CHECK(unit("MWh").factor == Approx(3.6e9));
    CHECK(unit("MJ").factor == Approx(1e6));
    CHECK(unit("kWh").dim == kEnergy);
    CHECK(unit("J").dim == unit("kWh").dim);
    // 1 kWh = 3.6 MJ, both ways.
    CHECK(quantity("1 kWh").si / unit("MJ").factor == Approx(3.6));
    CHECK(quantity("3.6 MJ").si / unit("kWh").factor == Approx(1.0));
    CHECK(quantity("7200 J").si / unit("Wh").factor == Approx(2.0));
}

TEST_CASE("power times time is energy", "[units]") {
    const Unit kw = unit("kW"), h = unit("h");
    CHECK(kw.dim == kPower);
    CHECK(kw.dim * h.dim == kEnergy);
    CHECK(kw.factor * h.factor == Approx(unit("kWh").factor));
    CHECK(unit("kW*h").factor == Approx(3.6e6));
    CHECK(unit("kW*h").dim == kEnergy);
}

TEST_CASE("time units: day, week, month, year = 8760 h", "[units]") {
    const double hour = 3600.0;
    CHECK(unit("h").factor == Approx(hour));
    CHECK(unit("min").factor == Approx(60.0));
    CHECK(unit("day").factor == Approx(24 * hour));
    CHECK(unit("week").factor == Approx(7 * 24 * hour));
    CHECK(unit("year").factor == Approx(8760 * hour));
    CHECK(unit("year").factor / unit("h").factor == Approx(8760.0));
    CHECK(unit("month").factor == Approx(8760 * hour / 12));
    CHECK(quantity("4 year").si / unit("h").factor == Approx(35040.0));
    CHECK(quantity("14.8 day").si / unit("h").factor == Approx(355.2));
    CHECK(unit("day").dim == dim({{Dimension::time, 1}}));
}

TEST_CASE("volume: L and mL to m3", "[units]") {
    CHECK(unit("L").factor == Approx(1e-3));
    CHECK(unit("mL").factor == Approx(1e-6));
    CHECK(unit("m3").factor == Approx(1.0));
    CHECK(unit("L").dim == dim({{Dimension::length, 3}}));
    CHECK(unit("L").dim == unit("m3").dim);
    CHECK(quantity("1800 L").si == Approx(1.8));
    // A water-use effectiveness: 0.3 L/kWh in m3/kWh.
    CHECK(quantity("0.3 L/kWh").si / unit("m3/kWh").factor == Approx(3e-4));
}

TEST_CASE("impact units: CO2e and Sb eq", "[units]") {
    CHECK(unit("kg CO2e").factor == Approx(1.0));
    CHECK(unit("g CO2e").factor == Approx(1e-3));
    CHECK(unit("t CO2e").factor == Approx(1e3));
    CHECK(unit("kg CO2e").dim == dim({{Dimension::co2e, 1}}));
    CHECK(unit("g CO2e").dim == unit("kg CO2e").dim);
    CHECK(unit("t CO2e").dim == unit("kg CO2e").dim);
    CHECK(quantity("429 g CO2e/kWh").si / unit("kg CO2e/kWh").factor == Approx(0.429));
    CHECK(quantity("2.5 t CO2e").si == Approx(2500.0));
    CHECK(unit("kg Sb eq").factor == Approx(1.0));
    CHECK(unit("kg Sb eq").dim == dim({{Dimension::sb_eq, 1}}));
    CHECK(quantity("3 g Sb eq").si == Approx(3e-3));
    CHECK(unit("kg CO2e/kWh").dim == dim({{Dimension::co2e, 1}}) / kEnergy);
}

TEST_CASE("impact units are not masses", "[units]") {
    const Dimension mass = dim({{Dimension::mass, 1}});
    CHECK(unit("kg").dim == mass);
    CHECK_FALSE(unit("kg CO2e").dim == mass);
    CHECK_FALSE(unit("kg Sb eq").dim == mass);
    CHECK_FALSE(unit("kg CO2e").dim == unit("kg Sb eq").dim);
    CHECK_FALSE(unit("kg CO2e/kg").dim.dimensionless());
}

TEST_CASE("compute and service units", "[units]") {
    const Unit flops = unit("FLOP/s");
    CHECK(flops.dim == dim({{Dimension::flop, 1}, {Dimension::time, -1}}));
    CHECK(flops.factor == Approx(1.0));
    CHECK(unit("TFLOP").factor == Approx(1e12));
    CHECK(unit("EFLOP").factor == Approx(1e18));
    // 989 TFLOP/s in FLOP/h.
    CHECK(quantity("989 TFLOP/s").si / unit("FLOP/h").factor == Approx(989e12 * 3600));
    CHECK(unit("request").dim == dim({{Dimension::request, 1}}));
    CHECK(unit("requests").dim == unit("query").dim);
    CHECK(unit("token").dim == dim({{Dimension::token, 1}}));
    CHECK(quantity("2e6 request/day").si * 86400 == Approx(2e6));
}

TEST_CASE("percent and growth rates", "[units]") {
    CHECK(unit("%").factor == Approx(0.01));
    CHECK(unit("%").dim.dimensionless());
    const Quantity g = quantity("5 %/month");
    CHECK(g.dim == dim({{Dimension::time, -1}}));
    // 5 % per month = 0.05 per (8760/12) h.
    CHECK(g.si * unit("month").factor == Approx(0.05));
    CHECK(g.si * unit("h").factor == Approx(0.05 / 730.0));
    CHECK(g.unit_text == "%/month");
}

TEST_CASE("exponents", "[units]") {
    CHECK(unit("m^2").dim == dim({{Dimension::length, 2}}));
    CHECK(unit("m^2").factor == Approx(1.0));
    CHECK(unit("m^3").dim == unit("m3").dim);
    CHECK(unit("cm^2").factor == Approx(1e-4));
    CHECK(unit("s^-1").dim == dim({{Dimension::time, -1}}));
    CHECK(unit("kg*m^2/s^2").dim == kEnergy);
    CHECK(unit("kg*m^2/s^3").dim == kPower);
    std::string err;
    CHECK_FALSE(parse_unit("m^x", &err).has_value());
    CHECK_THAT(err, Contains("exponent"));
}

TEST_CASE("numbers without a unit are dimensionless", "[units]") {
    const Quantity q = quantity("1.12");
    CHECK(q.si == Approx(1.12));
    CHECK(q.dim.dimensionless());
    CHECK(q.unit_text.empty());
    CHECK(quantity("3.14e23").si == Approx(3.14e23));
    CHECK(quantity("  42  ").si == Approx(42.0));
    CHECK(quantity("-0.5").si == Approx(-0.5));
    const Quantity f = quantity("3.14e23 FLOP");
    CHECK(f.si == Approx(3.14e23));
    CHECK(f.unit_text == "FLOP");
}

TEST_CASE("unknown units are errors with a suggestion", "[units][errors]") {
    std::string err;
    CHECK_FALSE(parse_unit("kWhh", &err).has_value());
    CHECK_THAT(err, Contains("unknown unit 'kWhh'"));
    CHECK_THAT(err, Contains("did you mean 'kWh'"));

    err.clear();
    CHECK_FALSE(parse_quantity("700 Wats", &err).has_value());
    CHECK_THAT(err, Contains("unknown unit 'Wats'"));
    CHECK_THAT(err, Contains("did you mean"));

    err.clear();
    CHECK_FALSE(parse_quantity("seven W", &err).has_value());
    CHECK_THAT(err, Contains("not a number"));

    CHECK_FALSE(parse_unit("furlong").has_value());  // no error string requested: no crash
    CHECK_THROWS_AS(canonical_unit("bogus"), std::logic_error);
}

TEST_CASE("dimension descriptions", "[units]") {
    CHECK_THAT(unit("kWh").dim.describe(), Contains("energy"));
    CHECK_THAT(unit("kW").dim.describe(), Contains("power"));
    CHECK(Dimension{}.to_string() == "1");
    CHECK(unit("kg CO2e/kWh").dim.describe().find("GWP per energy") != std::string::npos);
}
