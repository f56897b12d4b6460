#include "lca4ai/block_evaluator.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <limits>

#include "block_program.hpp"
#include "lca4ai/calculator.hpp"

namespace lca4ai {

namespace {
constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

// c = cb·s added to the five results a contribution counts in (distinct rows: restrict lets
// the loop vectorise).
void add_contribution(std::size_t n, const double* __restrict cb, const double* __restrict s, double* __restrict total,
                      double* __restrict stage, double* __restrict node, double* __restrict split,
                      double* __restrict activity) {
    for (std::size_t k = 0; k < n; ++k) {
        const double c = cb[k] * s[k];
        total[k] += c;
        stage[k] += c;
        node[k] += c;
        split[k] += c;
        activity[k] += c;
    }
}
}  // namespace

BlockEvaluator::~BlockEvaluator() = default;

BlockEvaluator::BlockEvaluator(const LcaSystem& sys) : sys_(sys), program_(std::make_unique<detail::BlockProgram>()) {
    layout_.nodes = sys.node_names.size();
    for (std::size_t k = 0; k < sys.demands.size(); ++k) {
        const int node = sys.demands[k].node;
        if (!sys.demands[k].unallocated && sys.node_types[static_cast<std::size_t>(node)] == NodeType::inference) {
            layout_.service_nodes.push_back(node);
            service_demand_.push_back(k);
        }
    }
    for (std::size_t e = 0; e < sys.biosphere.size(); ++e) {
        const auto& b = sys.biosphere[e];
        for (int i = 0; i < indicator_count; ++i) {
            const double c = sys.characterisation(i, b.row);
            if (c != 0.0) cb_terms_.push_back({i, b.col, c, e});
        }
    }
    // One row of characterised values per (indicator, process) that has any.
    cb_slots_.resize(sys.processes.size());
    std::map<std::pair<int, int>, std::size_t> slot;
    for (const auto& t : cb_terms_) {
        auto [it, fresh] = slot.emplace(std::pair{t.indicator, t.process}, cb_rows_);
        if (fresh) {
            cb_slots_[static_cast<std::size_t>(t.process)].push_back({t.indicator, cb_rows_});
            ++cb_rows_;
        }
        cb_slot_of_term_.push_back(it->second);
    }
    suppliers_.resize(sys.processes.size());
    for (std::size_t e = 0; e < sys.technosphere.size(); ++e) {
        const auto& t = sys.technosphere[e];
        if (t.row != t.col) suppliers_[static_cast<std::size_t>(t.col)].push_back({t.row, e});
    }
    // Each demand only reaches its own supply chain: walk it once, keep the global order.
    if (sys.acyclic) {
        std::vector<std::size_t> rank(sys.processes.size());
        for (std::size_t r = 0; r < sys.topological_order.size(); ++r) rank[static_cast<std::size_t>(sys.topological_order[r])] = r;
        std::vector<std::size_t> seen_by(sys.processes.size(), npos);  // last demand that reached each process
        for (std::size_t k = 0; k < sys.demands.size(); ++k) {
            std::vector<int> reached{sys.demands[k].process};
            seen_by[static_cast<std::size_t>(reached[0])] = k;
            for (std::size_t q = 0; q < reached.size(); ++q)
                for (const auto& [row, e] : suppliers_[static_cast<std::size_t>(reached[q])])
                    if (seen_by[static_cast<std::size_t>(row)] != k) {
                        seen_by[static_cast<std::size_t>(row)] = k;
                        reached.push_back(row);
                    }
            std::sort(reached.begin(), reached.end(), [&](int a, int b) { return rank[static_cast<std::size_t>(a)] < rank[static_cast<std::size_t>(b)]; });
            demand_order_.push_back(std::move(reached));
        }
    }
    // Per service: its requests, and the (demand, amortisation) pairs of the trainings it carries.
    std::unordered_map<int, std::size_t> requests_of_node;
    for (std::size_t r = 0; r < sys.reported.size(); ++r)
        if (sys.reported[r].key == "requests") requests_of_node[sys.reported[r].node] = r;
    std::unordered_map<int, std::vector<std::size_t>> allocated_demands_of_node;
    for (std::size_t k = 0; k < sys.demands.size(); ++k)
        if (!sys.demands[k].unallocated) allocated_demands_of_node[sys.demands[k].node].push_back(k);
    std::unordered_map<int, std::vector<std::size_t>> amortisations_of_service;
    for (std::size_t a = 0; a < sys.amortisations.size(); ++a) amortisations_of_service[sys.amortisations[a].service].push_back(a);
    for (std::size_t s = 0; s < layout_.service_nodes.size(); ++s) {
        const int node = layout_.service_nodes[s];
        const auto req = requests_of_node.find(node);
        request_reported_.push_back(req == requests_of_node.end() ? npos : req->second);
        std::vector<std::pair<std::size_t, std::size_t>> am;
        if (const auto it = amortisations_of_service.find(node); it != amortisations_of_service.end())
            for (std::size_t a : it->second)
                if (const auto d = allocated_demands_of_node.find(sys.amortisations[a].training); d != allocated_demands_of_node.end())
                    for (std::size_t k : d->second) am.push_back({k, a});
        service_amortised_.push_back(std::move(am));
    }
    auto& prog = *program_;
    fu_slot_ = prog.add(sys.functional_units);
    if (sys.acyclic) {
        for (const auto& t : sys.technosphere) tech_slot_.push_back(prog.add(t.value));
        for (const auto& b : sys.biosphere) bio_slot_.push_back(prog.add(b.value));
        for (const auto& d : sys.demands) amount_slot_.push_back(prog.add(d.amount));
    }
    for (std::size_t r : request_reported_) request_slot_.push_back(r == npos ? 0 : prog.add(sys.reported[r].value));
    for (const auto& a : sys.amortisations) share_slot_.push_back(prog.add(a.share));
}

std::size_t BlockEvaluator::block_size(const LcaSystem& sys) {
    std::size_t program_rows = detail::BlockProgram::rows_bound(sys.functional_units);
    for (const auto& t : sys.technosphere) program_rows += detail::BlockProgram::rows_bound(t.value);
    for (const auto& b : sys.biosphere) program_rows += detail::BlockProgram::rows_bound(b.value);
    for (const auto& d : sys.demands) program_rows += detail::BlockProgram::rows_bound(d.amount);
    for (const auto& a : sys.amortisations) program_rows += detail::BlockProgram::rows_bound(a.share);
    for (const auto& r : sys.reported)
        if (r.key == "requests") program_rows += detail::BlockProgram::rows_bound(r.value);
    const std::size_t per_sample = program_rows + sys.biosphere.size() + sys.processes.size() +
                                   (BlockLayout::node0 + sys.node_names.size()) * indicator_count +
                                   (sys.demands.size() + 1) * indicator_count + sys.parameters.size();
    const std::size_t budget = std::size_t{1} << 21;  // doubles (16 MB)
    return std::clamp<std::size_t>(budget / std::max<std::size_t>(per_sample, 1), 8, 256);
}

void BlockEvaluator::evaluate(const double* params, std::size_t n, Block& out) {
    out.n = n;
    out.groups = layout_.groups();
    out.values.assign(out.groups * indicator_count * n, 0.0);
    program_->run(params, n);
    const double* fu = program_->row(fu_slot_);
    out.fu.assign(fu, fu + n);
    act_.assign(sys_.demands.size() * indicator_count * n, 0.0);
    if (sys_.acyclic) evaluate_acyclic(n, out);
    else evaluate_by_sample(params, n, out);
    services(n, out);
}

void BlockEvaluator::evaluate_acyclic(std::size_t n, Block& out) {
    const std::size_t np = sys_.processes.size();
    const auto& prog = *program_;
    // CB = C B, only where non-zero: one row per (indicator, process) slot.
    cb_.assign(cb_rows_ * n, 0.0);
    for (std::size_t t = 0; t < cb_terms_.size(); ++t) {
        double* dst = cb_.data() + cb_slot_of_term_[t] * n;
        const double* src = prog.row(bio_slot_[cb_terms_[t].entry]);
        const double f = cb_terms_[t].factor;
        for (std::size_t k = 0; k < n; ++k) dst[k] += f * src[k];
    }

    rhs_.resize(np * n);
    for (std::size_t d = 0; d < sys_.demands.size(); ++d) {
        const auto& dem = sys_.demands[d];
        for (int p : demand_order_[d]) std::fill_n(rhs_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(p) * n), n, 0.0);
        const double* amount = prog.row(amount_slot_[d]);
        std::copy_n(amount, n, rhs_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(dem.process) * n));
        // Consumers before suppliers: when p is reached, every consumer has passed its demand on.
        for (int p : demand_order_[d]) {
            const double* s = rhs_.data() + static_cast<std::size_t>(p) * n;  // diagonal is 1
            bool zero = true;
            for (std::size_t k = 0; k < n && zero; ++k) zero = s[k] == 0.0;
            if (zero) continue;
            for (const auto& [row, e] : suppliers_[static_cast<std::size_t>(p)]) {
                double* r = rhs_.data() + static_cast<std::size_t>(row) * n;
                const double* a = prog.row(tech_slot_[e]);
                for (std::size_t k = 0; k < n; ++k) r[k] -= a[k] * s[k];
            }
            if (cb_slots_[static_cast<std::size_t>(p)].empty()) continue;
            const auto& proc = sys_.processes[static_cast<std::size_t>(p)];
            const auto node = static_cast<std::size_t>(proc.supply_chain ? dem.node : proc.node);
            const auto stage = static_cast<std::size_t>(proc.supply_chain ? dem.stage : proc.stage);
            const std::size_t split = proc.credit ? BlockLayout::credits : proc.embodied ? BlockLayout::embodied : BlockLayout::operational;
            for (const auto& [i, row] : cb_slots_[static_cast<std::size_t>(p)])
                add_contribution(n, cb_.data() + row * n, s, out.at(BlockLayout::total, i), out.at(BlockLayout::stage0 + stage, i),
                                 out.at(BlockLayout::node0 + node, i), out.at(split, i),
                                 act_.data() + (d * indicator_count + static_cast<std::size_t>(i)) * n);
        }
    }
}

void BlockEvaluator::evaluate_by_sample(const double* params, std::size_t n, Block& out) {
    std::vector<double> p(sys_.parameters.size());
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t j = 0; j < p.size(); ++j) p[j] = params[j * n + k];
        const Outcome o = lca4ai::evaluate(sys_, p);
        for (int i = 0; i < indicator_count; ++i) {
            const auto ii = static_cast<std::size_t>(i);
            out.at(BlockLayout::total, i)[k] = o.total[ii];
            for (std::size_t s = 0; s < static_cast<std::size_t>(stage_count); ++s) out.at(BlockLayout::stage0 + s, i)[k] = o.stages[s][ii];
            out.at(BlockLayout::embodied, i)[k] = o.embodied[ii];
            out.at(BlockLayout::operational, i)[k] = o.operational[ii];
            out.at(BlockLayout::credits, i)[k] = o.credits[ii];
            for (std::size_t nd = 0; nd < layout_.nodes; ++nd) out.at(BlockLayout::node0 + nd, i)[k] = o.nodes[nd][ii];
            for (std::size_t d = 0; d < sys_.demands.size(); ++d) act_[(d * indicator_count + ii) * n + k] = o.activities[d][ii];
        }
    }
}

// Per-request impacts of each service: its own chain plus its share of the trainings it amortises.
void BlockEvaluator::services(std::size_t n, Block& out) {
    const auto& prog = *program_;
    for (std::size_t s = 0; s < layout_.service_nodes.size(); ++s) {
        const std::size_t g = layout_.service0() + s;
        if (request_reported_[s] == npos) continue;
        const double* requests = prog.row(request_slot_[s]);
        for (int i = 0; i < indicator_count; ++i) {
            double* dst = out.at(g, i);
            const double* own = act_.data() + (service_demand_[s] * indicator_count + static_cast<std::size_t>(i)) * n;
            std::copy_n(own, n, dst);
        }
        for (const auto& [d, a] : service_amortised_[s]) {
            const double* share = prog.row(share_slot_[a]);
            for (int i = 0; i < indicator_count; ++i) {
                double* dst = out.at(g, i);
                const double* t = act_.data() + (d * indicator_count + static_cast<std::size_t>(i)) * n;
                for (std::size_t k = 0; k < n; ++k) dst[k] += share[k] * t[k];
            }
        }
        for (int i = 0; i < indicator_count; ++i) {
            double* dst = out.at(g, i);
            for (std::size_t k = 0; k < n; ++k) dst[k] = requests[k] > 0 ? dst[k] / requests[k] : 0.0;
        }
    }
}

}  // namespace lca4ai
