#include <algorithm>
#include <map>
#include <set>

#include <Eigen/SparseLU>
#include <fmt/format.h>

#include "lca4ai/calculator.hpp"
#include "lca4ai/error.hpp"

namespace lca4ai {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;

SparseMatrix build(const std::vector<MatrixEntry>& entries, Eigen::Index rows, Eigen::Index cols,
                   std::span<const double> params) {
    std::vector<Eigen::Triplet<double>> t;
    t.reserve(entries.size());
    for (const auto& e : entries) t.emplace_back(e.row, e.col, e.value.eval(params));
    SparseMatrix m(rows, cols);
    m.setFromTriplets(t.begin(), t.end());  // duplicates are summed
    return m;
}

// Processes on a cycle of the technosphere graph (Tarjan): the likely culprits of a singular system.
std::vector<std::string> cyclic_processes(const LcaSystem& sys) {
    const int n = static_cast<int>(sys.processes.size());
    std::vector<std::vector<int>> adj(static_cast<std::size_t>(n));
    for (const auto& e : sys.technosphere)
        if (e.row != e.col) adj[static_cast<std::size_t>(e.col)].push_back(e.row);
    std::vector<int> index(static_cast<std::size_t>(n), -1), low(static_cast<std::size_t>(n), 0), stack;
    std::vector<bool> on(static_cast<std::size_t>(n), false);
    std::vector<std::string> out;
    int counter = 0;
    std::function<void(int)> visit = [&](int v) {
        const auto uv = static_cast<std::size_t>(v);
        index[uv] = low[uv] = counter++;
        stack.push_back(v);
        on[uv] = true;
        for (int w : adj[uv]) {
            const auto uw = static_cast<std::size_t>(w);
            if (index[uw] < 0) {
                visit(w);
                low[uv] = std::min(low[uv], low[uw]);
            } else if (on[uw]) {
                low[uv] = std::min(low[uv], index[uw]);
            }
        }
        if (low[uv] == index[uv]) {
            std::vector<int> comp;
            int w;
            do {
                w = stack.back();
                stack.pop_back();
                on[static_cast<std::size_t>(w)] = false;
                comp.push_back(w);
            } while (w != v);
            if (comp.size() > 1)
                for (int c : comp) out.push_back(sys.processes[static_cast<std::size_t>(c)].name);
        }
    };
    for (int v = 0; v < n; ++v)
        if (index[static_cast<std::size_t>(v)] < 0) visit(v);
    return out;
}

}  // namespace

Outcome evaluate(const LcaSystem& sys, std::span<const double> params) {
    const auto np = static_cast<Eigen::Index>(sys.processes.size());
    const auto nf = static_cast<Eigen::Index>(sys.flow_names.size());
    const SparseMatrix A = build(sys.technosphere, np, np, params);
    const SparseMatrix B = build(sys.biosphere, nf, np, params);
    const Eigen::MatrixXd CB = sys.characterisation * B;  // indicators × processes

    // Each demand reaches only its own supply chain: its processes, in the global order.
    std::vector<std::vector<int>> reached(sys.demands.size());
    {
        std::vector<std::vector<int>> suppliers(static_cast<std::size_t>(np));
        for (const auto& e : sys.technosphere)
            if (e.row != e.col) suppliers[static_cast<std::size_t>(e.col)].push_back(e.row);
        std::vector<char> seen(static_cast<std::size_t>(np), 0);
        for (std::size_t k = 0; k < sys.demands.size(); ++k) {
            auto& r = reached[k];
            r.push_back(sys.demands[k].process);
            seen[static_cast<std::size_t>(r[0])] = 1;
            for (std::size_t q = 0; q < r.size(); ++q)
                for (int s : suppliers[static_cast<std::size_t>(r[q])])
                    if (!seen[static_cast<std::size_t>(s)]) {
                        seen[static_cast<std::size_t>(s)] = 1;
                        r.push_back(s);
                    }
            for (int p : r) seen[static_cast<std::size_t>(p)] = 0;
        }
    }

    Eigen::SparseLU<SparseMatrix> lu;
    if (!sys.acyclic) lu.compute(A);
    if (!sys.acyclic && lu.info() != Eigen::Success) {
        auto culprits = cyclic_processes(sys);
        throw CalculationError(fmt::format("the technosphere matrix is singular{}: {}",
                                           culprits.empty() ? "" : " (a loop consumes as much as it makes)",
                                           culprits.empty() ? lu.lastErrorMessage() : fmt::format("{}", fmt::join(culprits, ", "))));
    }

    Outcome o;
    const std::size_t nodes = sys.node_names.size();
    o.nodes.assign(nodes, Impacts{});
    o.processes.assign(static_cast<std::size_t>(np), Impacts{});
    o.flows.assign(static_cast<std::size_t>(nf), 0.0);
    o.activities.assign(sys.demands.size(), Impacts{});
    o.activity_stages.assign(sys.demands.size(), {});
    std::vector<std::size_t> rank(static_cast<std::size_t>(np), 0);
    for (std::size_t r = 0; r < sys.topological_order.size(); ++r) rank[static_cast<std::size_t>(sys.topological_order[r])] = r;
    Eigen::VectorXd f(np), s = Eigen::VectorXd::Zero(np);
    for (std::size_t k = 0; k < sys.demands.size(); ++k) {
        const auto& d = sys.demands[k];
        auto& chain = reached[k];
        if (sys.acyclic) {
            // Substitution, consumers before suppliers (A has a unit diagonal when acyclic).
            std::sort(chain.begin(), chain.end(), [&](int a, int b) { return rank[static_cast<std::size_t>(a)] < rank[static_cast<std::size_t>(b)]; });
            for (int p : chain) s(p) = 0.0;
            s(d.process) = d.amount.eval(params);
            for (int p : chain)
                for (SparseMatrix::InnerIterator it(A, p); it; ++it)
                    if (it.row() != p) s(it.row()) -= it.value() * s(p);
        } else {
            f.setZero();
            f(d.process) = d.amount.eval(params);
            s = lu.solve(f);
        }
        for (int p : chain) {
            if (s(p) == 0.0) continue;
            for (SparseMatrix::InnerIterator it(B, p); it; ++it) o.flows[static_cast<std::size_t>(it.row())] += it.value() * s(p);
            const auto& proc = sys.processes[static_cast<std::size_t>(p)];
            const int node = proc.supply_chain ? d.node : proc.node;
            const Stage stage = proc.supply_chain ? d.stage : proc.stage;
            Impacts c{};
            for (int i = 0; i < indicator_count; ++i) c[static_cast<std::size_t>(i)] = CB(i, p) * s(p);
            o.total += c;
            o.stages[static_cast<std::size_t>(stage)] += c;
            o.nodes[static_cast<std::size_t>(node)] += c;
            o.processes[static_cast<std::size_t>(p)] += c;
            (proc.credit ? o.credits : proc.embodied ? o.embodied : o.operational) += c;
            o.activities[k] += c;
            o.activity_stages[k][static_cast<std::size_t>(stage)] += c;
        }
    }
    o.reported.reserve(sys.reported.size());
    for (const auto& r : sys.reported) o.reported.push_back(r.value.eval(params));
    o.functional_units = sys.functional_units.eval(params);
    return o;
}

Outcome evaluate_central(const LcaSystem& sys) {
    const auto v = sys.central_values();
    return evaluate(sys, v);
}

std::map<int, Impacts> per_request(const LcaSystem& sys, const Outcome& o) {
    std::map<int, Impacts> out;
    const auto params = sys.central_values();
    std::map<int, std::size_t> demand_of;  // activity node -> demand index
    for (std::size_t k = 0; k < sys.demands.size(); ++k)
        if (!sys.demands[k].unallocated) demand_of[sys.demands[k].node] = k;
    std::map<int, double> requests;  // service node -> requests
    for (std::size_t r = 0; r < sys.reported.size(); ++r)
        if (sys.reported[r].key == "requests") requests[sys.reported[r].node] = o.reported[r];
    std::map<int, std::vector<const Amortisation*>> carried;  // service node -> trainings it carries
    for (const auto& a : sys.amortisations) carried[a.service].push_back(&a);
    for (std::size_t k = 0; k < sys.demands.size(); ++k) {
        const int node = sys.demands[k].node;
        if (sys.demands[k].unallocated || sys.node_types[static_cast<std::size_t>(node)] != NodeType::inference) continue;
        Impacts total = o.activities[k];
        for (const auto* a : carried[node]) {
            const double share = a->share.eval(params);
            const auto& t = o.activities[demand_of.at(a->training)];
            for (int i = 0; i < indicator_count; ++i) total[static_cast<std::size_t>(i)] += share * t[static_cast<std::size_t>(i)];
        }
        const double n = requests.count(node) ? requests.at(node) : 0.0;
        for (auto& v : total) v = n > 0 ? v / n : 0.0;
        out[node] = total;
    }
    return out;
}

}  // namespace lca4ai
