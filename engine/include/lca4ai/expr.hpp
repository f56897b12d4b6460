//! Expressions over parameters: every matrix entry is one, so that Monte Carlo
//! and projections re-evaluate the same compiled system with new parameter values.
//! Stored as a small postfix program (no pointers, cheap to copy and to evaluate).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace lca4ai {

class Expr {
public:
    enum class Op : std::uint8_t { constant, parameter, add, sub, mul, div, pow, neg, min, max, exp, log, sin, cos };
    struct Instr {
        Op op;
        std::int32_t index = 0;  //!< parameter index for Op::parameter
        double value = 0.0;      //!< constant for Op::constant
    };

    Expr() : Expr(0.0) {}
    Expr(double constant);  // NOLINT: implicit from a number on purpose
    static Expr parameter(int index);

    bool is_constant() const { return code_.size() == 1 && code_[0].op == Op::constant; }
    double constant_value() const { return code_[0].value; }
    const std::vector<Instr>& code() const { return code_; }
    //! Parameters this expression reads.
    std::vector<int> parameters() const;

    //! Evaluates with one value per parameter.
    double eval(std::span<const double> params) const;
    //! Evaluates for `n` samples at once: params[p * stride + i] is parameter p in sample i.
    void eval_block(const double* params, std::size_t stride, std::size_t n, double* out, std::vector<double>& stack) const;

    friend Expr operator+(const Expr& a, const Expr& b);
    friend Expr operator-(const Expr& a, const Expr& b);
    friend Expr operator*(const Expr& a, const Expr& b);
    friend Expr operator/(const Expr& a, const Expr& b);
    friend Expr operator-(const Expr& a);
    static Expr binary(Op op, const Expr& a, const Expr& b);
    static Expr unary(Op op, const Expr& a);
    //! One operation on scalars (the arithmetic of every evaluator).
    static double apply(Op op, double a, double b);
    static double apply(Op op, double a);
    static bool is_unary(Op op);

private:
    std::vector<Instr> code_;
};

Expr pow(const Expr& a, const Expr& b);
Expr min(const Expr& a, const Expr& b);
Expr max(const Expr& a, const Expr& b);
Expr exp(const Expr& a);
Expr log(const Expr& a);
Expr sin(const Expr& a);
Expr cos(const Expr& a);

}  // namespace lca4ai
