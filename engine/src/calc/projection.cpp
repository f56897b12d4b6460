//! Projection: per year, the same compiled system with that year's parameters
//! (docs/methodology.md, "Projections"). Fleets carry purchases from year to year,
//! so each sample runs through all years in order; samples are split in blocks
//! whose statistics are merged in block order (same numbers at any thread count).
#include "lca4ai/projection.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

#include <fmt/format.h>

#include "lca4ai/calculator.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/random.hpp"
#include "parallel.hpp"

namespace lca4ai {
namespace {

// Purchases by year of every fleet for `n` samples: bought[f][k] holds years −L … now.
struct FleetState {
    std::vector<std::vector<std::vector<double>>> bought;  // [fleet][sample] -> purchases, oldest first
    std::vector<std::vector<int>> lifetime;                // [fleet][sample] whole years
};

// Sets the fleet parameters of year index `j` in params[p * n + k] (methodology "Fleet"):
// stock S = units bought in the last L years; purchases = max(0, D − S); retirements = units bought L years ago.
void fleet_step(const LcaSystem& sys, std::vector<double>& params, std::size_t n, FleetState& st, std::size_t j,
                std::vector<double>& stack, std::vector<FleetYear>* report) {
    if (sys.fleets.empty()) return;
    if (j == 0) {
        st.bought.assign(sys.fleets.size(), std::vector<std::vector<double>>(n));
        st.lifetime.assign(sys.fleets.size(), std::vector<int>(n, 1));
    }
    std::vector<double> devices(n), life(n);
    for (std::size_t f = 0; f < sys.fleets.size(); ++f) {
        const auto& fl = sys.fleets[f];
        fl.devices.eval_block(params.data(), n, n, devices.data(), stack);
        fl.lifetime.eval_block(params.data(), n, n, life.data(), stack);
        for (std::size_t k = 0; k < n; ++k) {
            auto& hist = st.bought[f][k];
            const double need = std::max(0.0, devices[k]);
            if (j == 0) {
                const int L = std::max(1, static_cast<int>(std::lround(life[k])));
                st.lifetime[f][k] = L;
                // Steady start: the first year's stock was bought evenly over the previous L years.
                hist.assign(static_cast<std::size_t>(L), fl.steady_start ? need / L : 0.0);
            }
            const std::size_t L = static_cast<std::size_t>(st.lifetime[f][k]);
            const std::size_t now = hist.size();  // index of this year's purchases
            double alive = 0.0, retired = 0.0;
            if (fl.replace) {
                for (std::size_t y = now - L + 1; y < now; ++y) alive += hist[y];
                retired = hist[now - L];
            } else {
                for (std::size_t y = 0; y < now; ++y) alive += hist[y];
                if (j == 0 && fl.steady_start) alive = need;  // nothing retires: the starting stock stays
            }
            const double bought = std::max(0.0, need - alive);
            hist.push_back(bought);
            params[static_cast<std::size_t>(fl.mode) * n + k] = 1.0;
            params[static_cast<std::size_t>(fl.purchased) * n + k] = bought;
            params[static_cast<std::size_t>(fl.retired) * n + k] = retired;
            if (report) report->push_back({fl.node, need, bought, retired});
        }
    }
}

SeriesStats finish(const Moments& m, std::vector<double> kept) {
    SeriesStats s;
    s.mean = m.mean;
    s.sd = std::sqrt(m.variance());
    s.se = m.n > 0 ? s.sd / std::sqrt(m.n) : 0.0;
    if (!kept.empty()) {
        s.percentiles = percentiles_of(kept);
        s.has_percentiles = true;
    }
    return s;
}

}  // namespace

Projection project(const LcaSystem& sys, const ProjectionOptions& opt) {
    if (opt.to < opt.from) throw CalculationError(fmt::format("--to {} is before --from {}", opt.to, opt.from));
    if (opt.to - opt.from > 200) throw CalculationError("a projection covers at most 200 years");
    Projection out;
    out.options = opt;
    const std::size_t ny = static_cast<std::size_t>(opt.to - opt.from + 1);
    // Deterministic: central values of every year.
    {
        FleetState st;
        std::vector<double> stack;
        Impacts cum{};
        for (std::size_t j = 0; j < ny; ++j) {
            ProjectionYear y;
            y.year = opt.from + static_cast<int>(j);
            auto params = central_values(sys, y.year);
            fleet_step(sys, params, 1, st, j, stack, &y.fleets);
            y.outcome = evaluate(sys, params);
            cum += y.outcome.total;
            y.cumulative = cum;
            out.years.push_back(std::move(y));
        }
    }
    if (opt.samples == 0) return out;
    out.sampled = true;
    const std::size_t kBlock = BlockEvaluator::block_size(sys);
    const std::size_t blocks = static_cast<std::size_t>((opt.samples + kBlock - 1) / kBlock);
    const std::size_t width = ny * 2 * indicator_count;  // per sample: [year][annual|cumulative][indicator]
    std::vector<std::vector<Moments>> block_moments(blocks);
    const int threads = detail::thread_count(opt.threads);
    std::vector<Subsample> subs(static_cast<std::size_t>(threads), Subsample(opt.subsample, width));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    detail::run_workers(threads, stop, [&](int t) {
        {
            BlockEvaluator ev(sys);
            Block blk;
            FleetState st;
            std::vector<double> params, stack, rows, cum;
            const CounterRng rng(opt.seed);
            for (std::size_t b = next++; b < blocks && !stop; b = next++) {
                const std::uint64_t first = b * kBlock;
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, opt.samples - first));
                auto& mom = block_moments[b];
                mom.assign(width, Moments{});
                rows.assign(n * width, 0.0);
                cum.assign(n * indicator_count, 0.0);
                for (std::size_t j = 0; j < ny; ++j) {
                    sample_parameters(sys, opt.seed, first, n, params, opt.from + static_cast<int>(j));
                    fleet_step(sys, params, n, st, j, stack, nullptr);
                    ev.evaluate(params.data(), n, blk);
                    for (int i = 0; i < indicator_count; ++i) {
                        const double* v = blk.at(BlockLayout::total, i);
                        const std::size_t ca = (j * 2) * indicator_count + static_cast<std::size_t>(i);
                        const std::size_t cc = ca + indicator_count;
                        mom[ca].add_block(v, n);
                        std::vector<double> c(n);
                        for (std::size_t k = 0; k < n; ++k) {
                            cum[k * indicator_count + static_cast<std::size_t>(i)] += v[k];
                            c[k] = cum[k * indicator_count + static_cast<std::size_t>(i)];
                            rows[k * width + ca] = v[k];
                            rows[k * width + cc] = c[k];
                        }
                        mom[cc].add_block(c.data(), n);
                    }
                }
                auto& sub = subs[static_cast<std::size_t>(t)];
                for (std::size_t k = 0; k < n; ++k) {
                    const std::uint64_t key = rng.bits(first + k, stream_subsample);
                    if (sub.wants(key, first + k)) sub.offer(key, first + k, rows.data() + k * width);
                }
                if (t == 0 && opt.progress) opt.progress(static_cast<double>(b + 1) / static_cast<double>(blocks));
            }
        }
    });
    std::vector<Moments> m(width);
    for (std::size_t b = 0; b < blocks; ++b)
        for (std::size_t c = 0; c < width; ++c) m[c].merge(block_moments[b][c]);
    Subsample all(opt.subsample, width);
    for (const auto& s : subs) all.merge(s);
    all.finish();
    auto columns = all.columns();
    out.exact_percentiles = opt.samples <= opt.subsample;
    for (std::size_t j = 0; j < ny; ++j)
        for (std::size_t i = 0; i < static_cast<std::size_t>(indicator_count); ++i) {
            const std::size_t ca = (j * 2) * indicator_count + i, cc = ca + indicator_count;
            out.years[j].annual[i] = finish(m[ca], std::move(columns[ca]));
            out.years[j].cumulative_stats[i] = finish(m[cc], std::move(columns[cc]));
        }
    return out;
}

}  // namespace lca4ai
