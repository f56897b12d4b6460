//! Evaluates a compiled system for many parameter sets at once. An acyclic
//! technosphere is solved by substitution in topological order, vectorised
//! across samples; a cyclic one falls back to one sparse LU per sample.
#pragma once

#include <memory>
#include <vector>

#include "lca4ai/system.hpp"

namespace lca4ai {

namespace detail {
class BlockProgram;
}

//! Results of `n` samples, group-major: value(g, i, k) for group g, indicator i, sample k.
struct Block {
    std::size_t n = 0;
    std::size_t groups = 0;
    std::vector<double> values;  //!< totals over the system (not per FU)
    std::vector<double> fu;      //!< functional units in the system, per sample
    double* at(std::size_t g, int i) { return values.data() + (g * indicator_count + static_cast<std::size_t>(i)) * n; }
    const double* at(std::size_t g, int i) const { return values.data() + (g * indicator_count + static_cast<std::size_t>(i)) * n; }
};

//! Group indices of a Block.
struct BlockLayout {
    static constexpr std::size_t total = 0;
    static constexpr std::size_t stage0 = 1;  //!< + stage index
    static constexpr std::size_t embodied = 6, operational = 7, credits = 8;
    static constexpr std::size_t node0 = 9;   //!< + node index
    std::size_t nodes = 0;
    std::vector<int> service_nodes;           //!< inference nodes; their groups hold impacts per request
    std::size_t service0() const { return node0 + nodes; }
    std::size_t groups() const { return service0() + service_nodes.size(); }
};

class BlockEvaluator {
public:
    explicit BlockEvaluator(const LcaSystem& sys);
    ~BlockEvaluator();
    const BlockLayout& layout() const { return layout_; }
    //! Samples per block: 256, fewer for large systems so that the workspace stays near 16 MB.
    static std::size_t block_size(const LcaSystem& sys);
    //! params[p * n + k]: parameter p in sample k (every parameter, uncertain or not).
    void evaluate(const double* params, std::size_t n, Block& out);

private:
    const LcaSystem& sys_;
    BlockLayout layout_;
    struct Characterised {
        int indicator, process;
        double factor;
        std::size_t entry;  // biosphere entry
    };
    std::vector<Characterised> cb_terms_;
    std::vector<std::size_t> cb_slot_of_term_;                         // term -> row of cb_ (one per (indicator, process))
    std::vector<std::vector<std::pair<int, std::size_t>>> cb_slots_;   // process -> (indicator, row of cb_)
    std::size_t cb_rows_ = 0;
    std::vector<std::vector<int>> demand_order_;  // per demand: processes it reaches, consumers first
    std::vector<std::vector<std::pair<int, std::size_t>>> suppliers_;  // process -> (supplier row, entry)
    std::vector<std::size_t> request_reported_;  // per service: index in sys.reported (or npos)
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> service_amortised_;  // per service: (demand, amortisation)
    std::vector<std::size_t> service_demand_;
    // Every expression the evaluation reads, as one program with shared subexpressions.
    std::unique_ptr<detail::BlockProgram> program_;
    std::vector<std::uint32_t> tech_slot_, bio_slot_, amount_slot_, request_slot_, share_slot_;
    std::uint32_t fu_slot_ = 0;
    // Workspace (reused between calls).
    std::vector<double> cb_, rhs_, act_;
    void evaluate_acyclic(std::size_t n, Block& out);
    void evaluate_by_sample(const double* params, std::size_t n, Block& out);
    void services(std::size_t n, Block& out);
};

}  // namespace lca4ai
