#pragma once
// Internal: every expression of a compiled system as one straight-line program over a block of
// samples. Equal subexpressions are computed once (a service's requests over its period, with
// their exp, enter a dozen matrix entries), constant subtrees are folded, and a lone parameter
// is read where it lies. Values are those of Expr::eval: the same operations in the same order.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "lca4ai/expr.hpp"

namespace lca4ai::detail {

class BlockProgram {
public:
    using Slot = std::uint32_t;
    //! Adds an expression; its values are row(slot) after run().
    Slot add(const Expr& e);
    //! Evaluates every expression for `n` samples: params[p * n + k] is parameter p in sample k.
    void run(const double* params, std::size_t n);
    //! Values of an expression over the samples of the last run (valid until the next one).
    const double* row(Slot s) const { return rows_[s]; }
    bool is_constant(Slot s) const { return nodes_[s].op == Expr::Op::constant; }
    //! Distinct operations, parameters and constants of the program.
    std::size_t size() const { return nodes_.size(); }
    //! Upper bound on the rows a program of these expressions needs per sample.
    static std::size_t rows_bound(const Expr& e) { return e.code().size(); }

private:
    struct Node {
        Expr::Op op;
        std::int32_t a = -1, b = -1;  //!< operand slots (b: binary only), or the parameter index in a
        double value = 0.0;           //!< constant
        bool operator==(const Node& o) const;
    };
    struct NodeHash {
        std::size_t operator()(const Node& n) const;
    };
    Slot intern(const Node& n);

    std::vector<Node> nodes_;
    std::unordered_map<Node, Slot, NodeHash> index_;
    std::vector<std::size_t> work_row_;  //!< node -> row in work_ (parameters have none)
    std::size_t work_rows_ = 0;
    std::vector<double> work_;
    std::vector<const double*> rows_;
    std::size_t constants_n_ = 0;  //!< block length the constant rows were filled for
};

}  // namespace lca4ai::detail
