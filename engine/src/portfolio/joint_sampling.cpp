//! Joint Monte Carlo of a portfolio's use cases: keyed variates (one seed, one draw per random
//! input shared by every use case), location- and market-based systems evaluated on the same draws.
#include "joint_sampling.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "../calc/parallel.hpp"
#include "lca4ai/block_evaluator.hpp"
#include "lca4ai/random.hpp"
#include "lca4ai/statistics.hpp"

namespace lca4ai::detail {

bool shared_input(const std::string& name) {
    return name.starts_with("inventory.") || name.starts_with("pathway.") || name.starts_with("portfolio.");
}

std::vector<std::uint64_t> variate_keys(const LcaSystem& sys, const std::string& scenario_identity) {
    std::vector<std::uint64_t> keys;
    keys.reserve(sys.parameters.size());
    for (const auto& p : sys.parameters)
        keys.push_back(variate_key(shared_input(p.name) ? p.name : scenario_identity + "\n" + p.name));
    return keys;
}

PairSamples sample_pair(const LcaSystem& location, const LcaSystem& market, const std::vector<std::uint64_t>& keys,
                        std::uint64_t n, std::uint64_t seed, int threads, std::optional<int> year,
                        const std::vector<int>& indices, int base_year) {
    PairSamples out;
    out.location.assign(n * indicator_count, 0.0);
    out.market.assign(n, 0.0);
    out.fu.assign(n, 0.0);
    out.index.assign(n * indices.size(), 1.0);
    const std::size_t block = BlockEvaluator::block_size(location);
    const std::size_t blocks = static_cast<std::size_t>((n + block - 1) / block);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    // Each block writes only its own samples' slots: the result does not depend on the thread count.
    run_workers(thread_count(threads), stop, [&](int) {
        BlockEvaluator loc_ev(location), mkt_ev(market);
        Block loc_blk, mkt_blk;
        std::vector<double> params, base;
        for (std::size_t b = next++; b < blocks && !stop; b = next++) {
            const std::size_t first = b * block, m = static_cast<std::size_t>(std::min<std::uint64_t>(block, n - first));
            sample_parameters(location, seed, first, m, params, year, keys);
            if (!indices.empty()) {
                sample_parameters(location, seed, first, m, base, base_year, keys);
                for (std::size_t j = 0; j < indices.size(); ++j) {
                    const auto row = static_cast<std::size_t>(indices[j]) * m;
                    for (std::size_t k = 0; k < m; ++k) {
                        params[row + k] = base[row + k] != 0.0 ? params[row + k] / base[row + k] : 1.0;
                        out.index[(first + k) * indices.size() + j] = params[row + k];
                    }
                }
            }
            loc_ev.evaluate(params.data(), m, loc_blk);
            mkt_ev.evaluate(params.data(), m, mkt_blk);
            for (std::size_t k = 0; k < m; ++k) {
                for (int i = 0; i < indicator_count; ++i)
                    out.location[(first + k) * indicator_count + static_cast<std::size_t>(i)] = loc_blk.at(BlockLayout::total, i)[k];
                out.market[first + k] = mkt_blk.at(BlockLayout::total, gwp)[k];
                out.fu[first + k] = loc_blk.fu[k];
            }
        }
    });
    return out;
}

Band band_of(std::vector<double> x) {
    Band b;
    if (x.empty()) return b;
    Moments m;
    m.add_block(x.data(), x.size());
    b.mean = m.mean;
    b.sd = std::sqrt(m.variance());
    std::sort(x.begin(), x.end());
    b.p2_5 = percentile_sorted(x, 2.5);
    b.p50 = percentile_sorted(x, 50);
    b.p97_5 = percentile_sorted(x, 97.5);
    return b;
}

std::array<Band, indicator_count> bands_of(const std::vector<double>& rows, std::size_t n) {
    std::array<Band, indicator_count> out;
    std::vector<double> col(n);
    for (int i = 0; i < indicator_count; ++i) {
        for (std::size_t s = 0; s < n; ++s) col[s] = rows[s * indicator_count + static_cast<std::size_t>(i)];
        out[static_cast<std::size_t>(i)] = band_of(col);
    }
    return out;
}

}  // namespace lca4ai::detail
