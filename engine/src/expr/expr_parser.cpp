#include "lca4ai/expr_parser.hpp"

#include <cctype>
#include <cmath>
#include <charconv>

#include <fmt/format.h>

namespace lca4ai {
namespace {

class Parser {
public:
    Parser(std::string_view text, const SymbolResolver& resolve) : s_(text), resolve_(resolve) {}

    std::optional<TypedExpr> parse(std::string* error) {
        auto e = sum();
        skip();
        if (e && pos_ != s_.size()) fail(fmt::format("unexpected '{}'", s_.substr(pos_)));
        if (!error_.empty()) {
            if (error) *error = error_;
            return std::nullopt;
        }
        return e;
    }

private:
    std::string_view s_;
    const SymbolResolver& resolve_;
    std::size_t pos_ = 0;
    std::string error_;

    void fail(std::string msg) {
        // An empty message: the problem was reported where it arose (e.g. a broken parameter).
        if (error_.empty()) error_ = msg.empty() ? std::string("\x01") : fmt::format("in expression '{}': {}", s_, msg);
    }
    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    bool eat(char c) {
        skip();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    std::optional<TypedExpr> sum() {
        auto lhs = product();
        while (lhs) {
            skip();
            if (pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) break;
            const char op = s_[pos_++];
            auto rhs = product();
            if (!rhs) return std::nullopt;
            if (!(lhs->dim == rhs->dim)) {
                fail(fmt::format("cannot {} {} and {}", op == '+' ? "add" : "subtract", lhs->dim.describe(),
                                 rhs->dim.describe()));
                return std::nullopt;
            }
            lhs->expr = op == '+' ? lhs->expr + rhs->expr : lhs->expr - rhs->expr;
        }
        return lhs;
    }

    std::optional<TypedExpr> product() {
        auto lhs = power();
        while (lhs) {
            skip();
            if (pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) break;
            const char op = s_[pos_++];
            auto rhs = power();
            if (!rhs) return std::nullopt;
            if (op == '*') {
                lhs->expr = lhs->expr * rhs->expr;
                lhs->dim = lhs->dim * rhs->dim;
            } else {
                lhs->expr = lhs->expr / rhs->expr;
                lhs->dim = lhs->dim / rhs->dim;
            }
        }
        return lhs;
    }

    std::optional<TypedExpr> power() {
        auto base = unary();
        if (!base) return std::nullopt;
        if (eat('^')) {
            auto ex = unary();
            if (!ex) return std::nullopt;
            if (!ex->dim.dimensionless()) {
                fail("an exponent must be dimensionless");
                return std::nullopt;
            }
            if (!base->dim.dimensionless()) {
                if (!ex->expr.is_constant() || ex->expr.constant_value() != std::round(ex->expr.constant_value())) {
                    fail("a quantity with a unit can only be raised to a constant whole power");
                    return std::nullopt;
                }
                base->dim = base->dim.pow(static_cast<int>(ex->expr.constant_value()));
            }
            base->expr = lca4ai::pow(base->expr, ex->expr);
        }
        return base;
    }

    std::optional<TypedExpr> unary() {
        if (eat('-')) {
            auto e = unary();
            if (e) e->expr = -e->expr;
            return e;
        }
        if (eat('+')) return unary();
        return primary();
    }

    std::optional<TypedExpr> primary() {
        skip();
        if (pos_ >= s_.size()) {
            fail("unexpected end");
            return std::nullopt;
        }
        const char c = s_[pos_];
        if (c == '(') {
            ++pos_;
            auto e = sum();
            if (e && !eat(')')) {
                fail("missing ')'");
                return std::nullopt;
            }
            return e;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
        if (c == '$') {
            ++pos_;
            return symbol(true);
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return symbol(false);
        fail(fmt::format("unexpected '{}'", c));
        return std::nullopt;
    }

    std::string identifier() {
        const std::size_t b = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' ||
                                    s_[pos_] == '.' || s_[pos_] == '-'))
            ++pos_;
        return std::string(s_.substr(b, pos_ - b));
    }

    std::optional<TypedExpr> symbol(bool is_parameter) {
        const std::string name = identifier();
        if (name.empty()) {
            fail("a name must follow '$'");
            return std::nullopt;
        }
        if (!is_parameter) {
            static const char* functions[] = {"min", "max", "exp", "log", "sin", "cos"};
            for (const char* f : functions) {
                if (name == f) return call(name);
            }
            if (name.rfind("inventory.", 0) != 0) {
                fail(fmt::format("unknown name '{}' (parameters are written $name, inventory values inventory.<record>.<field>)", name));
                return std::nullopt;
            }
        }
        std::string err;
        auto v = resolve_(name, is_parameter, &err);
        if (!v) fail(err);
        return v;
    }

    std::optional<TypedExpr> call(const std::string& f) {
        if (!eat('(')) {
            fail(fmt::format("'{}' needs parentheses", f));
            return std::nullopt;
        }
        auto a = sum();
        if (!a) return std::nullopt;
        if (f == "exp" || f == "log" || f == "sin" || f == "cos") {
            if (!eat(')')) {
                fail("missing ')'");
                return std::nullopt;
            }
            if (!a->dim.dimensionless()) {
                fail(fmt::format("{}() takes a dimensionless argument, not {}", f, a->dim.describe()));
                return std::nullopt;
            }
            a->expr = f == "exp" ? lca4ai::exp(a->expr) : f == "log" ? lca4ai::log(a->expr)
                    : f == "sin" ? lca4ai::sin(a->expr) : lca4ai::cos(a->expr);
            return a;
        }
        if (!eat(',')) {
            fail(fmt::format("{}() takes two arguments", f));
            return std::nullopt;
        }
        auto b = sum();
        if (!b) return std::nullopt;
        if (!eat(')')) {
            fail("missing ')'");
            return std::nullopt;
        }
        if (!(a->dim == b->dim)) {
            fail(fmt::format("{}() of {} and {}", f, a->dim.describe(), b->dim.describe()));
            return std::nullopt;
        }
        a->expr = f == "min" ? lca4ai::min(a->expr, b->expr) : lca4ai::max(a->expr, b->expr);
        return a;
    }

    // A number and the unit words that follow it ("3 kg CO2e/kWh").
    std::optional<TypedExpr> number() {
        double v = 0;
        auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), v);
        if (ec != std::errc{}) {
            fail("bad number");
            return std::nullopt;
        }
        pos_ = static_cast<std::size_t>(p - s_.data());
        // Greedily extend the unit while the text still parses as a unit.
        std::size_t best_end = pos_;
        Unit best_unit;
        std::size_t first = pos_;
        while (first < s_.size() && s_[first] == ' ') ++first;
        const bool unit_follows = first < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[first])) || s_[first] == '%');
        if (!unit_follows) return TypedExpr{Expr(v), Dimension{}};
        for (std::size_t end = pos_ + 1; end <= s_.size(); ++end) {
            const char last = s_[end - 1];
            if (last == '*' || last == '+' || last == '(' || last == ')' || last == ',' || last == '$') break;
            // A word of a unit never starts with a digit: "/ 1 kWh" divides by a quantity.
            const char before = end >= 2 ? s_[end - 2] : ' ';
            if (std::isdigit(static_cast<unsigned char>(last)) && (before == ' ' || before == '/')) break;
            const auto candidate = s_.substr(pos_, end - pos_);
            if (std::isspace(static_cast<unsigned char>(candidate.back())) || candidate.back() == '/') continue;
            std::string ignored;
            if (auto u = parse_unit(candidate, &ignored); u && candidate.find_first_not_of(' ') != std::string_view::npos) {
                best_end = end;
                best_unit = *u;
            }
        }
        pos_ = best_end;
        return TypedExpr{Expr(v * best_unit.factor), best_unit.dim};
    }
};

}  // namespace

std::optional<TypedExpr> parse_expression(std::string_view text, const SymbolResolver& resolve, std::string* error) {
    return Parser(text, resolve).parse(error);
}

}  // namespace lca4ai
