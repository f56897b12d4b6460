// Expressions: arithmetic, constant folding, evaluation (scalar and by block)
// and the parser (precedence, units on numbers, dimension checks).
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "block_program.hpp"
#include "lca4ai/expr.hpp"
#include "lca4ai/expr_parser.hpp"
#include "lca4ai/units.hpp"

using namespace lca4ai;
using Catch::Matchers::Contains;

namespace {

// Resolver with a few parameters: $a = 2 (index 0), $b = 3 (index 1), $p = 700 W (index 2, SI).
std::optional<TypedExpr> resolver(const std::string& name, bool is_parameter, std::string* error) {
    static const std::map<std::string, std::pair<int, Dimension>> params = {
        {"a", {0, Dimension{}}}, {"b", {1, Dimension{}}}, {"p", {2, canonical_unit("W").dim}}};
    if (is_parameter) {
        if (auto it = params.find(name); it != params.end()) return TypedExpr{Expr::parameter(it->second.first), it->second.second};
        if (error) *error = "unknown parameter '$" + name + "'";
        return std::nullopt;
    }
    if (name == "inventory.FR.gwp") return TypedExpr{Expr(0.05), canonical_unit("kg CO2e/kWh").dim};
    if (error) *error = "no inventory record for '" + name + "'";
    return std::nullopt;
}

const std::vector<double> kParams = {2.0, 3.0, 700.0};

TypedExpr parse(const std::string& text) {
    std::string err;
    auto e = parse_expression(text, resolver, &err);
    INFO("expression '" << text << "': " << err);
    REQUIRE(e.has_value());
    return *e;
}

std::string parse_error(const std::string& text) {
    std::string err;
    auto e = parse_expression(text, resolver, &err);
    INFO("expression '" << text << "' should not parse");
    CHECK_FALSE(e.has_value());
    return err;
}

double value(const std::string& text) { return parse(text).expr.eval(kParams); }

}  // namespace

TEST_CASE("Expr arithmetic on constants folds to a constant", "[expr]") {
    const Expr e = (Expr(2.0) + Expr(3.0)) * Expr(4.0) - Expr(6.0) / Expr(3.0);
    REQUIRE(e.is_constant());
    CHECK(e.constant_value() == Approx(18.0));
    CHECK((-Expr(5.0)).is_constant());
    CHECK((-Expr(5.0)).constant_value() == Approx(-5.0));
    CHECK(pow(Expr(2.0), Expr(10.0)).constant_value() == Approx(1024.0));
    CHECK(min(Expr(2.0), Expr(-1.0)).constant_value() == Approx(-1.0));
    CHECK(max(Expr(2.0), Expr(-1.0)).constant_value() == Approx(2.0));
    CHECK(exp(Expr(1.0)).constant_value() == Approx(std::exp(1.0)));
    CHECK(log(Expr(10.0)).constant_value() == Approx(std::log(10.0)));
    CHECK(Expr().is_constant());
    CHECK(Expr().constant_value() == 0.0);
}

TEST_CASE("Expr identities do not grow the program", "[expr]") {
    const Expr a = Expr::parameter(0);
    CHECK((a * Expr(1.0)).code().size() == a.code().size());
    CHECK((Expr(1.0) * a).code().size() == a.code().size());
    CHECK((a / Expr(1.0)).code().size() == a.code().size());
    CHECK((a + Expr(0.0)).code().size() == a.code().size());
    CHECK((Expr(0.0) + a).code().size() == a.code().size());
    CHECK_FALSE(a.is_constant());
}

TEST_CASE("Expr evaluates with parameters", "[expr]") {
    const Expr a = Expr::parameter(0), b = Expr::parameter(1), c = Expr::parameter(2);
    const Expr e = (a + b) * c / Expr(7.0) - a;  // (2+3)*700/7 - 2 = 498
    CHECK(e.eval(kParams) == Approx(498.0));
    CHECK(pow(b, a).eval(kParams) == Approx(9.0));
    CHECK(min(a, b).eval(kParams) == Approx(2.0));
    CHECK(max(a, b).eval(kParams) == Approx(3.0));
    CHECK(exp(a).eval(kParams) == Approx(std::exp(2.0)));
    CHECK(log(c).eval(kParams) == Approx(std::log(700.0)));
    CHECK((-b).eval(kParams) == Approx(-3.0));
    const auto used = e.parameters();
    CHECK(std::find(used.begin(), used.end(), 0) != used.end());
    CHECK(std::find(used.begin(), used.end(), 1) != used.end());
    CHECK(std::find(used.begin(), used.end(), 2) != used.end());
    CHECK(Expr(3.0).parameters().empty());
}

TEST_CASE("eval_block equals eval sample by sample", "[expr]") {
    const Expr a = Expr::parameter(0), b = Expr::parameter(1), c = Expr::parameter(2);
    const std::vector<Expr> exprs = {
        (a + b) * c / Expr(7.0) - a,
        pow(a, b) + min(a, c) * max(b, c),
        exp(-a) + log(b + Expr(1.0)) - c / (a * b),
        Expr(4.25),  // a constant broadcasts to every sample
        -(a - b),
    };
    const std::size_t n = 37, stride = 40;
    std::vector<double> block(3 * stride, 0.0);
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0.5, 5.0);
    for (int p = 0; p < 3; ++p)
        for (std::size_t i = 0; i < n; ++i) block[static_cast<std::size_t>(p) * stride + i] = u(rng);
    std::vector<double> stack;
    for (const auto& e : exprs) {
        std::vector<double> out(n, -1.0);
        e.eval_block(block.data(), stride, n, out.data(), stack);
        for (std::size_t i = 0; i < n; ++i) {
            const std::vector<double> one = {block[i], block[stride + i], block[2 * stride + i]};
            INFO("sample " << i);
            CHECK(out[i] == Approx(e.eval(one)).epsilon(1e-14));
        }
    }
}

TEST_CASE("block program: shared subexpressions computed once, values of eval bit for bit", "[expr]") {
    const Expr a = Expr::parameter(0), b = Expr::parameter(1), g = Expr::parameter(2);
    // The requests of a growing service, as the compiler writes them, enter several entries.
    const Expr volume = a * (exp(g * Expr(8760.0)) - Expr(1.0)) / g;
    const std::vector<Expr> exprs = {
        volume * b,
        volume / Expr(3.0),
        volume * b,  // the same entry twice
        pow(a, b) + min(a, g) * max(b, g),
        log(b + Expr(1.0)) - g / (a * b),
        Expr(4.25),
        -(a - b),
        Expr::parameter(1),
    };
    detail::BlockProgram prog;
    std::vector<detail::BlockProgram::Slot> slots;
    for (const auto& e : exprs) slots.push_back(prog.add(e));
    CHECK(slots[0] == slots[2]);
    CHECK(prog.is_constant(slots[5]));
    CHECK_FALSE(prog.is_constant(slots[7]));
    // volume: a, g, 8760, ×, exp, 1, −, ×, ÷ = 9 nodes; × b adds b and one ×; ÷ 3 adds two.
    detail::BlockProgram volume_only;
    volume_only.add(exprs[0]);
    volume_only.add(exprs[1]);
    CHECK(volume_only.size() == 9 + 2 + 2);

    const std::size_t n = 37;
    std::vector<double> params(3 * n);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(1e-4, 3.0);
    for (auto& x : params) x = u(rng) * 1e-3;
    for (int run = 0; run < 2; ++run) {  // a second run reuses the workspace and the constants
        const std::size_t m = run == 0 ? n : n - 5;
        std::vector<double> p(3 * m);
        for (std::size_t q = 0; q < 3; ++q)
            for (std::size_t k = 0; k < m; ++k) p[q * m + k] = params[q * n + k];
        prog.run(p.data(), m);
        for (std::size_t e = 0; e < exprs.size(); ++e)
            for (std::size_t k = 0; k < m; ++k) {
                const std::vector<double> one = {p[k], p[m + k], p[2 * m + k]};
                INFO("expression " << e << ", sample " << k << ", block of " << m);
                CHECK(prog.row(slots[e])[k] == exprs[e].eval(one));
            }
    }
}

TEST_CASE("parser: precedence and parentheses", "[expr][parser]") {
    CHECK(value("1 + 2 * 3") == Approx(7.0));
    CHECK(value("(1 + 2) * 3") == Approx(9.0));
    CHECK(value("10 - 4 - 3") == Approx(3.0));    // left-associative
    CHECK(value("24 / 4 / 2") == Approx(3.0));     // left-associative
    CHECK(value("2 * 3 ^ 2") == Approx(18.0));     // ^ binds tighter than *
    CHECK(value("-2 + 5") == Approx(3.0));
    CHECK(value("-(2 + 5) * 2") == Approx(-14.0));
    CHECK(value("((($a)))") == Approx(2.0));
    CHECK(value("$a * $b + 1") == Approx(7.0));
    CHECK(value("$a * ($b + 1)") == Approx(8.0));
    CHECK(value("$b ^ $a") == Approx(9.0));
}

TEST_CASE("parser: units attached to numbers", "[expr][parser]") {
    const auto e = parse("2 * 700 W");
    CHECK(e.dim == canonical_unit("W").dim);
    CHECK(e.expr.eval(kParams) == Approx(1400.0));  // SI: watts

    const auto energy = parse("2 * 700 W * 3 h");
    CHECK(energy.dim == canonical_unit("kWh").dim);
    CHECK(energy.expr.eval(kParams) / canonical_unit("kWh").factor == Approx(4.2));

    const auto sum = parse("1 kWh + 500 Wh");
    CHECK(sum.expr.eval(kParams) / canonical_unit("kWh").factor == Approx(1.5));

    const auto intensity = parse("429 g CO2e/kWh");
    CHECK(intensity.dim == canonical_unit("kg CO2e/kWh").dim);
    CHECK(intensity.expr.eval(kParams) / canonical_unit("kg CO2e/kWh").factor == Approx(0.429));

    const auto gpu = parse("$a * $p * 1.1");
    CHECK(gpu.dim == canonical_unit("W").dim);
    CHECK(gpu.expr.eval(kParams) == Approx(2 * 700 * 1.1));

    const auto inv = parse("inventory.FR.gwp * 10 kWh");
    CHECK(inv.dim == canonical_unit("kg CO2e").dim);
    CHECK(inv.expr.eval(kParams) == Approx(0.05 * 10 * 3.6e6));  // factor in SI (per J) times J

    const auto ratio = parse("6.4e6 h / (1 year)");
    CHECK(ratio.dim.dimensionless());
    CHECK(ratio.expr.eval(kParams) == Approx(6.4e6 / 8760));
}

TEST_CASE("parser: functions", "[expr][parser]") {
    CHECK(value("min(2, 3)") == Approx(2.0));
    CHECK(value("max(2, 3)") == Approx(3.0));
    CHECK(value("min($a, $b) + max($a, $b)") == Approx(5.0));
    CHECK(value("exp(0)") == Approx(1.0));
    CHECK(value("log(exp(2))") == Approx(2.0));
    CHECK(value("exp(log($b))") == Approx(3.0));
    const auto m = parse("max(1 kW, $p)");
    CHECK(m.dim == canonical_unit("W").dim);
    CHECK(m.expr.eval(kParams) == Approx(1000.0));
    // log of a dimensionless ratio of quantities
    CHECK(value("log(2 kWh / (1 kWh))") == Approx(std::log(2.0)));
    CHECK(value("log(2 kWh / 4 kWh)") == Approx(std::log(0.5)));
}

TEST_CASE("parser: constant parts fold", "[expr][parser]") {
    const auto e = parse("2 * 700 W + 100 W");
    CHECK(e.expr.is_constant());
    CHECK(e.expr.constant_value() == Approx(1500.0));
    CHECK_FALSE(parse("$a * 2").expr.is_constant());
}

TEST_CASE("parser: dimension errors", "[expr][parser][errors]") {
    CHECK_THAT(parse_error("1 W + 1 h"), Contains("cannot add"));
    CHECK_THAT(parse_error("$p - 3 h"), Contains("cannot subtract"));
    CHECK_THAT(parse_error("1 kWh + 2"), Contains("cannot add"));
    CHECK_THAT(parse_error("exp(2 kWh)"), Contains("dimensionless"));
    CHECK_THAT(parse_error("log(1 h)"), Contains("dimensionless"));
    CHECK_THAT(parse_error("min(1 W, 1 h)"), Contains("min()"));
    CHECK_THAT(parse_error("2 ^ (1 h)"), Contains("exponent must be dimensionless"));
    CHECK_THAT(parse_error("(1 W) ^ $a"), Contains("constant whole power"));
    // A unit raised to a whole power is fine.
    CHECK(parse("(2 m) ^ 2").dim == canonical_unit("m^2").dim);
    CHECK(parse("(2 m) ^ 2").expr.eval(kParams) == Approx(4.0));
}

TEST_CASE("parser: unknown names and syntax errors", "[expr][parser][errors]") {
    CHECK_THAT(parse_error("$nope * 2"), Contains("unknown parameter '$nope'"));
    CHECK_THAT(parse_error("foo + 1"), Contains("unknown name 'foo'"));
    CHECK_THAT(parse_error("inventory.XX.gwp"), Contains("no inventory record"));
    CHECK_THAT(parse_error("(1 + 2"), Contains("missing ')'"));
    CHECK_THAT(parse_error("1 +"), Contains("unexpected end"));
    CHECK_THAT(parse_error("1 2"), Contains("unexpected"));
    CHECK_THAT(parse_error("min(1)"), Contains("two arguments"));
    CHECK_THAT(parse_error("exp 1"), Contains("parentheses"));
    CHECK_THAT(parse_error("$"), Contains("name must follow"));
    // Messages quote the expression.
    CHECK_THAT(parse_error("1 W + 1 h"), Contains("in expression '1 W + 1 h'"));
}

// Engine bug (reported): after a number, the parser extends the unit greedily
// while the text still parses as a unit, and "1" is a unit of the table, so in
// "2 kWh / 1 kWh" the unit becomes "kWh / 1 kWh" = kWh·kWh (the unit parser
// divides by the next factor only). "2 kWh / 4 kWh" is right; only a divisor
// written as exactly "1 <unit>" once went wrong.
TEST_CASE("parser: a quantity divided by '1 <unit>'", "[expr][parser]") {
    std::string err;
    auto e = parse_expression("2 kWh / 1 kWh", resolver, &err);
    INFO(err);
    REQUIRE(e.has_value());
    CHECK(e->dim.dimensionless());
    CHECK(e->expr.eval(kParams) == Approx(2.0));
    auto r = parse_expression("280.6 J / 1 request", resolver, &err);
    REQUIRE(r.has_value());
    CHECK(r->dim == canonical_unit("J/request").dim);
}
