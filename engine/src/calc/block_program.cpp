#include "block_program.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace lca4ai::detail {

namespace {
constexpr std::size_t no_row = std::numeric_limits<std::size_t>::max();
}

bool BlockProgram::Node::operator==(const Node& o) const {
    return op == o.op && a == o.a && b == o.b && std::bit_cast<std::uint64_t>(value) == std::bit_cast<std::uint64_t>(o.value);
}

std::size_t BlockProgram::NodeHash::operator()(const Node& n) const {
    std::uint64_t h = static_cast<std::uint64_t>(n.op);
    for (std::uint64_t v : {static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.a)),
                            static_cast<std::uint64_t>(static_cast<std::uint32_t>(n.b)), std::bit_cast<std::uint64_t>(n.value)})
        h = (h ^ v) * 0x100000001B3ULL + (h >> 29);
    return static_cast<std::size_t>(h);
}

BlockProgram::Slot BlockProgram::intern(const Node& n) {
    auto [it, fresh] = index_.emplace(n, static_cast<Slot>(nodes_.size()));
    if (fresh) {
        nodes_.push_back(n);
        work_row_.push_back(n.op == Expr::Op::parameter ? no_row : work_rows_++);
        rows_.push_back(nullptr);
        constants_n_ = 0;
    }
    return it->second;
}

BlockProgram::Slot BlockProgram::add(const Expr& e) {
    std::vector<Slot> stack;
    for (const auto& ins : e.code()) {
        switch (ins.op) {
            case Expr::Op::constant: stack.push_back(intern({Expr::Op::constant, -1, -1, ins.value})); break;
            case Expr::Op::parameter: stack.push_back(intern({Expr::Op::parameter, ins.index, -1, 0.0})); break;
            default: {
                Node n{ins.op};
                if (Expr::is_unary(ins.op)) {
                    n.a = static_cast<std::int32_t>(stack.back());
                    stack.pop_back();
                } else {
                    n.b = static_cast<std::int32_t>(stack.back());
                    stack.pop_back();
                    n.a = static_cast<std::int32_t>(stack.back());
                    stack.pop_back();
                }
                const bool folds = is_constant(static_cast<Slot>(n.a)) && (n.b < 0 || is_constant(static_cast<Slot>(n.b)));
                if (folds) {
                    const double x = nodes_[static_cast<std::size_t>(n.a)].value;
                    n = {Expr::Op::constant, -1, -1,
                         n.b < 0 ? Expr::apply(ins.op, x) : Expr::apply(ins.op, x, nodes_[static_cast<std::size_t>(n.b)].value)};
                }
                stack.push_back(intern(n));
            }
        }
    }
    return stack.back();
}

void BlockProgram::run(const double* params, std::size_t n) {
    if (work_.size() < work_rows_ * n) work_.resize(work_rows_ * n);
    const bool fill_constants = constants_n_ != n;
    constants_n_ = n;
    for (std::size_t s = 0; s < nodes_.size(); ++s) {
        const Node& nd = nodes_[s];
        if (nd.op == Expr::Op::parameter) {
            rows_[s] = params + static_cast<std::size_t>(nd.a) * n;
            continue;
        }
        double* out = work_.data() + work_row_[s] * n;
        rows_[s] = out;
        if (nd.op == Expr::Op::constant) {
            if (fill_constants) std::fill_n(out, n, nd.value);
            continue;
        }
        const double* x = rows_[static_cast<std::size_t>(nd.a)];
        const double* y = nd.b >= 0 ? rows_[static_cast<std::size_t>(nd.b)] : nullptr;
        switch (nd.op) {
            case Expr::Op::add: for (std::size_t k = 0; k < n; ++k) out[k] = x[k] + y[k]; break;
            case Expr::Op::sub: for (std::size_t k = 0; k < n; ++k) out[k] = x[k] - y[k]; break;
            case Expr::Op::mul: for (std::size_t k = 0; k < n; ++k) out[k] = x[k] * y[k]; break;
            case Expr::Op::div: for (std::size_t k = 0; k < n; ++k) out[k] = x[k] / y[k]; break;
            case Expr::Op::min: for (std::size_t k = 0; k < n; ++k) out[k] = std::min(x[k], y[k]); break;
            case Expr::Op::max: for (std::size_t k = 0; k < n; ++k) out[k] = std::max(x[k], y[k]); break;
            case Expr::Op::pow: for (std::size_t k = 0; k < n; ++k) out[k] = std::pow(x[k], y[k]); break;
            case Expr::Op::neg: for (std::size_t k = 0; k < n; ++k) out[k] = -x[k]; break;
            case Expr::Op::exp: for (std::size_t k = 0; k < n; ++k) out[k] = std::exp(x[k]); break;
            case Expr::Op::log: for (std::size_t k = 0; k < n; ++k) out[k] = std::log(x[k]); break;
            case Expr::Op::sin: for (std::size_t k = 0; k < n; ++k) out[k] = std::sin(x[k]); break;
            case Expr::Op::cos: for (std::size_t k = 0; k < n; ++k) out[k] = std::cos(x[k]); break;
            case Expr::Op::constant:
            case Expr::Op::parameter: break;
        }
    }
}

}  // namespace lca4ai::detail
