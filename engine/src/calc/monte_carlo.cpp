#include "lca4ai/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "lca4ai/atomic_write.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/pathway.hpp"
#include "lca4ai/random.hpp"
#include "parallel.hpp"

namespace lca4ai {
namespace {


using detail::thread_count;

// Which groups get percentiles, and where their per-sample values go in a subsample row.
struct PercentileColumns {
    std::vector<std::pair<std::size_t, std::size_t>> series;  // (basis, group)
    std::size_t width() const { return series.size() * indicator_count; }
};

std::string npy_header(std::uint64_t rows, std::size_t cols) {
    std::string dict = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}", rows, cols);
    const std::size_t unpadded = 10 + dict.size() + 1;
    dict += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
    std::string h = "\x93NUMPY";
    h += static_cast<char>(1);
    h += static_cast<char>(0);
    h += static_cast<char>(dict.size() & 0xFF);
    h += static_cast<char>((dict.size() >> 8) & 0xFF);
    return h + dict;
}

void write_samples(const std::string& path, const std::vector<double>& rows, std::uint64_t n) {
    std::string out;
    if (path.size() >= 4 && path.substr(path.size() - 4) == ".npy") {
        out = npy_header(n, indicator_count);
        out.append(reinterpret_cast<const char*>(rows.data()), n * indicator_count * sizeof(double));
    } else {
        for (int i = 0; i < indicator_count; ++i) out += fmt::format("{}{}", i ? "," : "", indicator_info(i).key);
        out += "\n";
        for (std::uint64_t k = 0; k < n; ++k) {
            for (std::size_t i = 0; i < indicator_count; ++i)
                out += fmt::format("{}{:.17g}", i ? "," : "", rows[k * indicator_count + i]);
            out += "\n";
        }
    }
    atomic_write(path, out);
}

}  // namespace

namespace {
constexpr int kNoYear = -1000000;

// A parameter's value in `year` at variate u (NaN: central). Pathway rules: docs/methodology.md, "Projections".
double value_in_year(const Parameter& p, int year, double u) {
    const Distribution& d = p.distribution;
    const bool draw = !std::isnan(u);
    if (year == kNoYear || !p.pathway) return draw && d.uncertain() ? d.quantile(u) : p.value;
    const Pathway& pw = *p.pathway;
    if (pw.uncertain()) return pw.at(year, draw ? u : std::numeric_limits<double>::quiet_NaN());
    const double v = pw.at(year);
    if (!draw || !d.uncertain()) return v;
    // A certain pathway keeps the parameter's own relative uncertainty.
    const double c = d.central();
    return c != 0.0 ? v * d.quantile(u) / c : v + d.quantile(u) - c;
}

bool sampled(const Parameter& p) { return p.distribution.uncertain() || (p.pathway && p.pathway->uncertain()); }

}  // namespace

ParameterSampler::ParameterSampler(const LcaSystem& sys, std::uint64_t seed) : ParameterSampler(sys, seed, kNoYear) {}

ParameterSampler::ParameterSampler(const LcaSystem& sys, std::uint64_t seed, int year, std::vector<std::uint64_t> keys)
    : sys_(sys), seed_(seed), year_(year), keys_(std::move(keys)) {
    const std::size_t np = sys.parameters.size();
    if (!keys_.empty() && keys_.size() != np) throw CalculationError("sample_parameters: one variate key per parameter is needed");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // Variates: first the parameters with a distribution (as without pathways, so that adding a
    // pathway leaves `run` unchanged), then those whose only uncertainty is their pathway's.
    for (std::size_t p = 0; p < np; ++p)
        if (sys.parameters[p].distribution.uncertain()) uncertain_.push_back(p);
    for (std::size_t p = 0; p < np; ++p) {
        const Parameter& par = sys.parameters[p];
        if (!sampled(par)) {
            fixed_.push_back(p);
            fixed_values_.push_back(value_in_year(par, year, nan));
        } else if (!par.distribution.uncertain()) {
            uncertain_.push_back(p);
        }
    }
}

void ParameterSampler::draw(std::uint64_t first, std::size_t n, std::vector<double>& out) {
    const std::size_t np = sys_.parameters.size();
    if (out.size() != np * n || out.data() != filled_for_) {
        out.resize(np * n);
        for (std::size_t f = 0; f < fixed_.size(); ++f)
            std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(fixed_[f] * n), n, fixed_values_[f]);
        filled_for_ = out.data();
    }
    // Column by column: the uniform variates of a pair of inputs, then each input's inverse CDF
    // over its whole column (the same numbers as one sample at a time).
    const CounterRng rng(seed_);
    if (!keys_.empty()) {  // keyed variates (portfolios): parameter p draws at (sample, keys[p]), not by position
        for (std::size_t p : uncertain_) {
            double* col = out.data() + p * n;
            for (std::size_t k = 0; k < n; ++k) col[k] = rng.keyed_uniform(first + k, keys_[p]);
        }
    } else {
        spare_.resize(n);
        for (std::size_t q = 0; q < uncertain_.size(); q += 2) {
            double* u0 = out.data() + uncertain_[q] * n;
            double* u1 = q + 1 < uncertain_.size() ? out.data() + uncertain_[q + 1] * n : spare_.data();
            const auto pair = static_cast<std::uint32_t>(q / 2);
            for (std::size_t k = 0; k < n; ++k) rng.uniform_pair(first + k, pair, stream_parameters, u0[k], u1[k]);
        }
    }
    for (std::size_t p : uncertain_) {
        const Parameter& par = sys_.parameters[p];
        double* col = out.data() + p * n;
        if (year_ == kNoYear || !par.pathway) {
            par.distribution.quantile_block(col, n);
        } else {
            for (std::size_t k = 0; k < n; ++k) col[k] = value_in_year(par, year_, col[k]);
        }
    }
}

void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n,
                       std::vector<double>& out) {
    out.clear();
    ParameterSampler(sys, seed).draw(first, n, out);
}

void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n,
                       std::vector<double>& out, int year) {
    out.clear();
    ParameterSampler(sys, seed, year).draw(first, n, out);
}

void sample_parameters(const LcaSystem& sys, std::uint64_t seed, std::uint64_t first, std::size_t n, std::vector<double>& out,
                       std::optional<int> year, const std::vector<std::uint64_t>& keys) {
    if (keys.size() != sys.parameters.size()) throw CalculationError("sample_parameters: one variate key per parameter is needed");
    out.clear();
    ParameterSampler(sys, seed, year.value_or(kNoYear), keys).draw(first, n, out);
}

std::vector<double> central_values(const LcaSystem& sys, int year) {
    std::vector<double> v;
    v.reserve(sys.parameters.size());
    for (const auto& p : sys.parameters) v.push_back(value_in_year(p, year, std::numeric_limits<double>::quiet_NaN()));
    return v;
}

SampledStats monte_carlo(const LcaSystem& sys, const SamplingOptions& opt) {
    if (opt.samples == 0) throw CalculationError("Monte Carlo needs at least one sample");
    const std::size_t kBlock = BlockEvaluator::block_size(sys);  // depends on the system only: same blocks at any thread count
    const BlockLayout layout = BlockEvaluator(sys).layout();
    const std::size_t groups = layout.groups();
    const std::size_t services = layout.service_nodes.size();
    // Moment series: per basis, every group (service groups only once: per request).
    auto series_of = [&](std::size_t basis, std::size_t g) { return (basis * groups + g) * indicator_count; };
    const std::size_t nseries = 2 * groups * indicator_count;

    // Percentiles (the costly statistic): per FU for the indicators, stages and services,
    // and for the system totals; nodes only when asked. Everything else gets mean and SD.
    PercentileColumns pc;
    pc.series.push_back({0, BlockLayout::total});
    for (std::size_t s = 0; s < static_cast<std::size_t>(stage_count); ++s) pc.series.push_back({0, BlockLayout::stage0 + s});
    if (opt.node_percentiles)
        for (std::size_t nd = 0; nd < layout.nodes; ++nd) pc.series.push_back({0, BlockLayout::node0 + nd});
    pc.series.push_back({1, BlockLayout::total});
    for (std::size_t s = 0; s < services; ++s) pc.series.push_back({0, layout.service0() + s});

    const int threads = thread_count(opt.threads);
    // Moments are merged in block order whatever order blocks finish in (same numbers at any
    // thread count); a finished block waits in `pending` until every earlier one is merged.
    std::vector<Moments> moments(nseries);
    std::map<std::size_t, std::vector<Moments>> pending;
    std::size_t next_to_merge = 0;
    std::mutex merge_mutex;
    std::vector<Subsample> subsamples(static_cast<std::size_t>(threads), Subsample(opt.subsample, pc.width()));
    std::vector<double> kept;
    const bool keep = !opt.keep_samples.empty();
    std::atomic<bool> stop{false};

    auto run_blocks = [&](std::size_t first_block, std::size_t last_block, std::uint64_t total_samples) {
        std::atomic<std::size_t> next{first_block};
        std::atomic<std::size_t> finished{first_block};  // blocks done, for progress (any thread)
        detail::run_workers(threads, stop, [&](int t) {
            BlockEvaluator ev(sys);
            Block blk;
            std::vector<double> params, row(pc.width()), inv_fu;
            std::vector<Moments> mom;
            ParameterSampler sampler(sys, opt.seed);
            const CounterRng rng(opt.seed);
            {
                for (std::size_t b = next++; b < last_block && !stop; b = next++) {
                    const std::uint64_t first = b * kBlock;
                    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, total_samples - first));
                    sampler.draw(first, n, params);
                    ev.evaluate(params.data(), n, blk);
                    mom.assign(nseries, Moments{});
                    inv_fu.resize(n);
                    for (std::size_t k = 0; k < n; ++k) inv_fu[k] = blk.fu[k] > 0 ? 1.0 / blk.fu[k] : 0.0;
                    for (std::size_t g = 0; g < groups; ++g) {
                        const bool service = g >= layout.service0();  // per request in both bases
                        for (int i = 0; i < indicator_count; ++i) {
                            const double* v = blk.at(g, i);
                            auto& total = mom[series_of(1, g) + static_cast<std::size_t>(i)];
                            auto& per_fu = mom[series_of(0, g) + static_cast<std::size_t>(i)];
                            if (service) {
                                total.add_block(v, n);
                                per_fu = total;
                            } else {
                                Moments::add_block_pair(v, inv_fu.data(), n, total, per_fu);
                            }
                        }
                    }
                    auto& sub = subsamples[static_cast<std::size_t>(t)];
                    if (sub.size() == 0) sub.reserve(static_cast<std::size_t>(total_samples));  // capped at the buffer's size
                    for (std::size_t k = 0; k < n; ++k) {
                        if (keep)
                            for (int i = 0; i < indicator_count; ++i)
                                kept[(first + k) * indicator_count + static_cast<std::size_t>(i)] = blk.at(BlockLayout::total, i)[k] * inv_fu[k];
                        const std::uint64_t key = rng.bits(first + k, stream_subsample);
                        if (!sub.wants(key, first + k)) continue;
                        std::size_t c = 0;
                        for (const auto& [basis, g] : pc.series) {
                            const bool per_fu = basis == 0 && g < layout.service0();
                            for (int i = 0; i < indicator_count; ++i) row[c++] = blk.at(g, i)[k] * (per_fu ? inv_fu[k] : 1.0);
                        }
                        sub.offer(key, first + k, row.data());
                    }
                    {
                        std::lock_guard<std::mutex> lock(merge_mutex);
                        pending.emplace(b, std::move(mom));
                        for (auto it = pending.find(next_to_merge); it != pending.end(); it = pending.find(next_to_merge)) {
                            for (std::size_t s = 0; s < nseries; ++s) moments[s].merge(it->second[s]);
                            pending.erase(it);
                            ++next_to_merge;
                        }
                    }
                    const std::size_t done = ++finished;
                    if (t == 0) {
                        if (opt.cancelled && opt.cancelled()) stop = true;
                        if (opt.progress) opt.progress(static_cast<double>(done) / static_cast<double>(last_block));
                    }
                }
            }
        });
        if (stop) throw CalculationError("interrupted");
    };

    // Rounds: a fixed number of samples, or doubling until the relative standard errors are met.
    std::uint64_t target = opt.samples;
    if (opt.until_rse > 0) target = std::min<std::uint64_t>(opt.samples, 16384);
    std::size_t done_blocks = 0;
    while (true) {
        const std::size_t blocks = static_cast<std::size_t>((target + kBlock - 1) / kBlock);
        if (keep) kept.resize(target * indicator_count);
        run_blocks(done_blocks, blocks, target);
        if (opt.progress) opt.progress(static_cast<double>(blocks) / static_cast<double>(blocks));
        done_blocks = blocks;
        if (opt.until_rse <= 0 || target >= opt.samples) break;
        bool met = true;
        for (int i = 0; i < indicator_count; ++i) {
            const auto& m = moments[series_of(0, BlockLayout::total) + static_cast<std::size_t>(i)];
            const double se = std::sqrt(m.variance() / m.n);
            if (m.mean != 0.0 && se / std::abs(m.mean) > opt.until_rse) met = false;
        }
        if (met) break;
        target = std::min<std::uint64_t>(opt.samples, target * 2);
    }

    Subsample all = std::move(subsamples[0]);
    for (std::size_t s = 1; s < subsamples.size(); ++s) all.merge(subsamples[s]);
    all.finish();
    subsamples.clear();

    SampledStats out;
    out.samples = target;
    out.seed = opt.seed;
    out.layout = layout;
    out.subsample = all.size();
    out.exact_percentiles = all.size() == target;
    for (std::size_t basis = 0; basis < 2; ++basis) {
        out.groups[basis].assign(groups, IndicatorStats{});
        for (std::size_t g = 0; g < groups; ++g)
            for (int i = 0; i < indicator_count; ++i) {
                const auto& m = moments[series_of(basis, g) + static_cast<std::size_t>(i)];
                auto& s = out.groups[basis][g][static_cast<std::size_t>(i)];
                s.mean = m.mean;
                s.sd = std::sqrt(m.variance());
                s.se = s.sd / std::sqrt(m.n);
            }
    }
    // Percentiles over the threads, a few columns per task, each task reading the rows once.
    constexpr std::size_t kColumnsPerTask = 8;
    std::atomic<std::size_t> next_task{0};
    auto percentile_worker = [&] {
        for (std::size_t c0 = kColumnsPerTask * next_task++; c0 < pc.width(); c0 = kColumnsPerTask * next_task++) {
            auto cols = all.columns(c0, kColumnsPerTask);
            for (std::size_t j = 0; j < cols.size(); ++j) {
                const std::size_t c = c0 + j;
                const auto& [basis, g] = pc.series[c / indicator_count];
                auto& s = out.groups[basis][g][c % indicator_count];
                s.has_percentiles = true;
                s.percentiles = percentiles_of(cols[j]);
            }
        }
    };
    {
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(percentile_worker);
        percentile_worker();
        for (auto& th : pool) th.join();
    }
    for (std::size_t s = 0; s < services; ++s)  // per request in both bases
        out.groups[1][layout.service0() + s] = out.groups[0][layout.service0() + s];
    if (keep) write_samples(opt.keep_samples, kept, target);
    return out;
}

std::vector<double> sample_indicators(const LcaSystem& sys, std::uint64_t samples, std::uint64_t seed, int threads) {
    std::vector<double> out(samples * indicator_count);
    detail::evaluate_in_blocks(
        sys, static_cast<std::size_t>(samples), threads,
        [&](std::size_t first, std::size_t n, std::vector<double>& params) { sample_parameters(sys, seed, first, n, params); },
        [&](std::size_t first, std::size_t n, const Block& blk) {
            for (std::size_t k = 0; k < n; ++k) {
                const double inv = blk.fu[k] > 0 ? 1.0 / blk.fu[k] : 0.0;
                for (int i = 0; i < indicator_count; ++i)
                    out[(first + k) * indicator_count + static_cast<std::size_t>(i)] = blk.at(BlockLayout::total, i)[k] * inv;
            }
        });
    return out;
}

}  // namespace lca4ai
