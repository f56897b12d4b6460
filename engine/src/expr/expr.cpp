#include "lca4ai/expr.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lca4ai {

Expr::Expr(double constant) : code_{{Op::constant, 0, constant}} {}

Expr Expr::parameter(int index) {
    Expr e;
    e.code_ = {{Op::parameter, index, 0.0}};
    return e;
}

std::vector<int> Expr::parameters() const {
    std::vector<int> out;
    for (const auto& i : code_)
        if (i.op == Op::parameter) out.push_back(i.index);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double Expr::apply(Op op, double a, double b) {
    switch (op) {
        case Expr::Op::add: return a + b;
        case Expr::Op::sub: return a - b;
        case Expr::Op::mul: return a * b;
        case Expr::Op::div: return a / b;
        case Expr::Op::pow: return std::pow(a, b);
        case Expr::Op::min: return std::min(a, b);
        case Expr::Op::max: return std::max(a, b);
        default: throw std::logic_error("not a binary operator");
    }
}

double Expr::apply(Op op, double a) {
    switch (op) {
        case Expr::Op::neg: return -a;
        case Expr::Op::exp: return std::exp(a);
        case Expr::Op::log: return std::log(a);
        case Expr::Op::sin: return std::sin(a);
        case Expr::Op::cos: return std::cos(a);
        default: throw std::logic_error("not a unary operator");
    }
}

bool Expr::is_unary(Op op) {
    return op == Expr::Op::neg || op == Expr::Op::exp || op == Expr::Op::log || op == Expr::Op::sin || op == Expr::Op::cos;
}

Expr Expr::binary(Op op, const Expr& a, const Expr& b) {
    if (a.is_constant() && b.is_constant()) return Expr(apply(op, a.constant_value(), b.constant_value()));
    // Identities that keep programs short: x*1, 1*x, x/1, x+0, 0+x.
    if (op == Op::mul && b.is_constant() && b.constant_value() == 1.0) return a;
    if (op == Op::mul && a.is_constant() && a.constant_value() == 1.0) return b;
    if (op == Op::div && b.is_constant() && b.constant_value() == 1.0) return a;
    if (op == Op::add && b.is_constant() && b.constant_value() == 0.0) return a;
    if (op == Op::add && a.is_constant() && a.constant_value() == 0.0) return b;
    Expr r;
    r.code_ = a.code_;
    r.code_.insert(r.code_.end(), b.code_.begin(), b.code_.end());
    r.code_.push_back({op, 0, 0.0});
    return r;
}

Expr Expr::unary(Op op, const Expr& a) {
    if (a.is_constant()) return Expr(apply(op, a.constant_value()));
    Expr r = a;
    r.code_.push_back({op, 0, 0.0});
    return r;
}

Expr operator+(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::add, a, b); }
Expr operator-(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::sub, a, b); }
Expr operator*(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::mul, a, b); }
Expr operator/(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::div, a, b); }
Expr operator-(const Expr& a) { return Expr::unary(Expr::Op::neg, a); }
Expr pow(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::pow, a, b); }
Expr min(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::min, a, b); }
Expr max(const Expr& a, const Expr& b) { return Expr::binary(Expr::Op::max, a, b); }
Expr exp(const Expr& a) { return Expr::unary(Expr::Op::exp, a); }
Expr log(const Expr& a) { return Expr::unary(Expr::Op::log, a); }
Expr sin(const Expr& a) { return Expr::unary(Expr::Op::sin, a); }
Expr cos(const Expr& a) { return Expr::unary(Expr::Op::cos, a); }

double Expr::eval(std::span<const double> params) const {
    if (is_constant()) return code_[0].value;
    double small[64] = {};
    std::vector<double> large;
    double* stack = small;
    if (code_.size() > 64) {
        large.resize(code_.size());
        stack = large.data();
    }
    int top = -1;
    for (const auto& i : code_) {
        switch (i.op) {
            case Op::constant: stack[++top] = i.value; break;
            case Op::parameter: stack[++top] = params[static_cast<std::size_t>(i.index)]; break;
            default:
                if (is_unary(i.op)) {
                    stack[top] = apply(i.op, stack[top]);
                } else {
                    stack[top - 1] = apply(i.op, stack[top - 1], stack[top]);
                    --top;
                }
        }
    }
    return stack[0];
}

void Expr::eval_block(const double* params, std::size_t stride, std::size_t n, double* out,
                      std::vector<double>& stack) const {
    if (is_constant()) {
        std::fill(out, out + n, code_[0].value);
        return;
    }
    if (code_.size() == 1) {  // a lone parameter
        std::copy_n(params + static_cast<std::size_t>(code_[0].index) * stride, n, out);
        return;
    }
    stack.resize(code_.size() * n);
    std::size_t top = 0;  // number of rows on the stack
    for (const auto& ins : code_) {
        double* dst;
        switch (ins.op) {
            case Op::constant:
                dst = stack.data() + top++ * n;
                std::fill(dst, dst + n, ins.value);
                break;
            case Op::parameter:
                dst = stack.data() + top++ * n;
                std::copy_n(params + static_cast<std::size_t>(ins.index) * stride, n, dst);
                break;
            default:
                if (is_unary(ins.op)) {
                    dst = stack.data() + (top - 1) * n;
                    for (std::size_t k = 0; k < n; ++k) dst[k] = apply(ins.op, dst[k]);
                } else {
                    double* a = stack.data() + (top - 2) * n;
                    const double* b = stack.data() + (top - 1) * n;
                    switch (ins.op) {
                        case Op::add: for (std::size_t k = 0; k < n; ++k) a[k] += b[k]; break;
                        case Op::sub: for (std::size_t k = 0; k < n; ++k) a[k] -= b[k]; break;
                        case Op::mul: for (std::size_t k = 0; k < n; ++k) a[k] *= b[k]; break;
                        case Op::div: for (std::size_t k = 0; k < n; ++k) a[k] /= b[k]; break;
                        default: for (std::size_t k = 0; k < n; ++k) a[k] = apply(ins.op, a[k], b[k]);
                    }
                    --top;
                }
        }
    }
    std::copy_n(stack.data(), n, out);
}

}  // namespace lca4ai
