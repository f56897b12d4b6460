#include "lca4ai/sensitivity.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <numeric>
#include <thread>

#include <boost/random/sobol.hpp>
#include <fmt/format.h>

#include "lca4ai/block_evaluator.hpp"
#include "lca4ai/calculator.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/random.hpp"
#include "parallel.hpp"

namespace lca4ai {
namespace {


std::vector<std::size_t> uncertain_inputs(const LcaSystem& sys) {
    std::vector<std::size_t> out;
    for (std::size_t p = 0; p < sys.parameters.size(); ++p)
        if (sys.parameters[p].distribution.uncertain()) out.push_back(p);
    if (out.empty()) throw CalculationError("sensitivity needs at least one uncertain input (a parameter or inventory value with a distribution)");
    return out;
}

// Unbounded distributions are read at u in [0.001, 0.999] on the Morris grid, whose ends are 0 and 1.
double grid_quantile(const Distribution& d, double u) {
    const bool unbounded = d.type == Distribution::Type::normal || d.type == Distribution::Type::lognormal;
    if (unbounded) u = 0.001 + 0.998 * u;
    return d.quantile(std::clamp(u, 0.0, 1.0));
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

double sd(const std::vector<double>& v, int ddof) {
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - static_cast<std::size_t>(ddof)));
}

// z of a two-sided normal interval (0.95 -> 1.959964).
double z_of(double confidence) { return standard_normal_quantile_exact(0.5 + confidence / 2); }

SensitivityResult oat(const LcaSystem& sys, const SensitivityOptions& o, const std::vector<std::size_t>& inputs) {
    SensitivityResult r;
    const auto central = sys.central_values();
    const std::size_t np = central.size();
    std::vector<double> points(central);
    for (std::size_t j : inputs) {
        for (double u : {0.025, 0.975}) {
            auto p = central;
            p[j] = sys.parameters[j].distribution.quantile(u);
            points.insert(points.end(), p.begin(), p.end());
        }
    }
    const auto y = evaluate_points(sys, points, o.indicator, o.threads);
    r.base = y[0];
    r.runs = y.size();
    for (std::size_t a = 0; a < inputs.size(); ++a) {
        const auto& prm = sys.parameters[inputs[a]];
        SensitivityInput in;
        in.name = prm.name;
        in.unit = prm.unit;
        in.low_value = points[(1 + 2 * a) * np + inputs[a]] / prm.display_factor;
        in.high_value = points[(2 + 2 * a) * np + inputs[a]] / prm.display_factor;
        in.low = y[1 + 2 * a];
        in.high = y[2 + 2 * a];
        in.swing = std::abs(in.high - in.low);
        r.inputs.push_back(in);
    }
    std::stable_sort(r.inputs.begin(), r.inputs.end(), [](auto& a, auto& b) { return a.swing > b.swing; });
    return r;
}

SensitivityResult morris(const LcaSystem& sys, const SensitivityOptions& o, const std::vector<std::size_t>& inputs) {
    const std::size_t k = inputs.size();
    const std::uint64_t r_traj = o.samples ? o.samples : 100;
    const int p = o.levels;
    const double delta = p / (2.0 * (p - 1));
    const auto central = sys.central_values();
    const std::size_t np = central.size();
    const CounterRng rng(o.seed);
    std::vector<double> points;
    points.reserve(r_traj * (k + 1) * np);
    std::vector<std::vector<std::size_t>> order(r_traj);
    std::vector<std::vector<double>> step(r_traj, std::vector<double>(k));
    for (std::uint64_t t = 0; t < r_traj; ++t) {
        // Base point on the grid, a random factor order (Fisher-Yates on counter-based variates), moves of ±Δ.
        std::vector<double> u(k);
        std::uint32_t pair = 0;
        auto draw = [&](double& a, double& b) { rng.uniform_pair(t, pair++, stream_morris, a, b); };
        for (std::size_t j = 0; j < k; j += 2) {
            double a, b;
            draw(a, b);
            u[j] = std::floor(a * p) / (p - 1);
            if (j + 1 < k) u[j + 1] = std::floor(b * p) / (p - 1);
        }
        order[t].resize(k);
        std::iota(order[t].begin(), order[t].end(), 0);
        for (std::size_t j = k; j > 1; --j) {
            double a, b;
            draw(a, b);
            std::swap(order[t][j - 1], order[t][static_cast<std::size_t>(a * static_cast<double>(j))]);
        }
        auto push = [&] {
            auto x = central;
            for (std::size_t j = 0; j < k; ++j) x[inputs[j]] = grid_quantile(sys.parameters[inputs[j]].distribution, u[j]);
            points.insert(points.end(), x.begin(), x.end());
        };
        push();
        for (std::size_t j : order[t]) {
            step[t][j] = u[j] + delta <= 1.0 + 1e-12 ? delta : -delta;
            u[j] += step[t][j];
            push();
        }
    }
    const auto y = evaluate_points(sys, points, o.indicator, o.threads);
    SensitivityResult r;
    r.runs = y.size();
    r.base = evaluate_points(sys, central, o.indicator, 1)[0];
    std::vector<std::vector<double>> ee(k);
    for (std::uint64_t t = 0; t < r_traj; ++t) {
        const std::size_t base = t * (k + 1);
        for (std::size_t s = 0; s < k; ++s) {
            const std::size_t j = order[t][s];
            ee[j].push_back((y[base + s + 1] - y[base + s]) / step[t][j]);
        }
    }
    const double z = z_of(o.confidence);
    for (std::size_t j = 0; j < k; ++j) {
        SensitivityInput in;
        in.name = sys.parameters[inputs[j]].name;
        in.unit = sys.parameters[inputs[j]].unit;
        std::vector<double> abs_ee(ee[j].size());
        std::transform(ee[j].begin(), ee[j].end(), abs_ee.begin(), [](double v) { return std::abs(v); });
        in.mu = mean(ee[j]);
        in.mu_star = mean(abs_ee);
        in.sigma = ee[j].size() > 1 ? sd(ee[j], 1) : 0.0;
        std::vector<double> boot;
        for (int b = 0; b < o.bootstrap; ++b) {
            double s = 0;
            for (std::size_t i = 0; i < abs_ee.size(); i += 2) {
                double u0, u1;
                rng.uniform_pair(static_cast<std::uint64_t>(b), static_cast<std::uint32_t>(j * 1000003 + i / 2), stream_bootstrap, u0, u1);
                s += abs_ee[static_cast<std::size_t>(u0 * static_cast<double>(abs_ee.size()))];
                if (i + 1 < abs_ee.size()) s += abs_ee[static_cast<std::size_t>(u1 * static_cast<double>(abs_ee.size()))];
            }
            boot.push_back(s / static_cast<double>(abs_ee.size()));
        }
        in.mu_star_conf = z * sd(boot, 1);
        r.inputs.push_back(in);
    }
    std::stable_sort(r.inputs.begin(), r.inputs.end(), [](auto& a, auto& b) { return a.mu_star > b.mu_star; });
    return r;
}

SensitivityResult sobol(const LcaSystem& sys, const SensitivityOptions& o, const std::vector<std::size_t>& inputs) {
    const std::size_t k = inputs.size();
    const std::uint64_t n = o.samples ? o.samples : 1024;
    const auto central = sys.central_values();
    const std::size_t np = central.size();
    // A and B from one Sobol' sequence of dimension 2k (the first point, all zeros, skipped).
    boost::random::sobol engine(2 * k);
    engine.discard(2 * k);
    std::vector<double> ua(n * k), ub(n * k);
    const double scale = 1.0 / (static_cast<double>(boost::random::sobol::max()) + 1.0);
    for (std::uint64_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < k; ++j) ua[i * k + j] = (static_cast<double>(engine()) + 0.5) * scale;
        for (std::size_t j = 0; j < k; ++j) ub[i * k + j] = (static_cast<double>(engine()) + 0.5) * scale;
    }
    // Points: A, B, then AB_j (A with column j from B) for each j.
    std::vector<double> points;
    points.reserve(n * (k + 2) * np);
    auto push = [&](std::uint64_t i, int swap) {
        auto x = central;
        for (std::size_t j = 0; j < k; ++j) {
            const double u = (swap == -2 || static_cast<int>(j) == swap) ? ub[i * k + j] : ua[i * k + j];
            x[inputs[j]] = sys.parameters[inputs[j]].distribution.quantile(u);
        }
        points.insert(points.end(), x.begin(), x.end());
    };
    for (std::uint64_t i = 0; i < n; ++i) push(i, -1);
    for (std::uint64_t i = 0; i < n; ++i) push(i, -2);
    for (std::size_t j = 0; j < k; ++j)
        for (std::uint64_t i = 0; i < n; ++i) push(i, static_cast<int>(j));
    auto y = evaluate_points(sys, points, o.indicator, o.threads);
    // Centre and scale the outputs (as SALib does): the estimators are biased and noisy for
    // outputs far from zero relative to their spread.
    {
        const double m = mean(y), s = sd(y, 0);
        for (auto& v : y) v = s > 0 ? (v - m) / s : 0.0;
    }
    const double* fa = y.data();
    const double* fb = y.data() + n;
    auto indices = [&](std::size_t j, const std::vector<std::uint64_t>* idx) {
        const double* fab = y.data() + (2 + j) * n;
        const std::uint64_t m = idx ? idx->size() : n;
        double s_ab = 0, s_ab2 = 0, s1 = 0, st = 0;
        for (std::uint64_t q = 0; q < m; ++q) {
            const std::uint64_t i = idx ? (*idx)[q] : q;
            s_ab += fa[i] + fb[i];
            s_ab2 += fa[i] * fa[i] + fb[i] * fb[i];
            s1 += fb[i] * (fab[i] - fa[i]);
            st += (fa[i] - fab[i]) * (fa[i] - fab[i]);
        }
        const double cnt = 2.0 * static_cast<double>(m);
        const double var = s_ab2 / cnt - (s_ab / cnt) * (s_ab / cnt);  // variance of [f_A, f_B], ddof 0
        const double md = static_cast<double>(m);
        return std::pair<double, double>{var > 0 ? s1 / md / var : 0.0, var > 0 ? 0.5 * st / md / var : 0.0};
    };
    SensitivityResult r;
    r.runs = y.size();
    r.base = evaluate_points(sys, central, o.indicator, 1)[0];
    const CounterRng rng(o.seed);
    std::vector<std::vector<std::uint64_t>> boot(static_cast<std::size_t>(o.bootstrap), std::vector<std::uint64_t>(n));
    for (int b = 0; b < o.bootstrap; ++b)
        for (std::uint64_t i = 0; i < n; i += 2) {
            double u0, u1;
            rng.uniform_pair(static_cast<std::uint64_t>(b), static_cast<std::uint32_t>(i / 2), stream_bootstrap, u0, u1);
            boot[static_cast<std::size_t>(b)][i] = static_cast<std::uint64_t>(u0 * static_cast<double>(n));
            if (i + 1 < n) boot[static_cast<std::size_t>(b)][i + 1] = static_cast<std::uint64_t>(u1 * static_cast<double>(n));
        }
    const double z = z_of(o.confidence);
    for (std::size_t j = 0; j < k; ++j) {
        SensitivityInput in;
        in.name = sys.parameters[inputs[j]].name;
        in.unit = sys.parameters[inputs[j]].unit;
        std::tie(in.s1, in.st) = indices(j, nullptr);
        std::vector<double> b1, bt;
        for (const auto& idx : boot) {
            const auto [a, b] = indices(j, &idx);
            b1.push_back(a);
            bt.push_back(b);
        }
        in.s1_conf = z * sd(b1, 1);
        in.st_conf = z * sd(bt, 1);
        r.inputs.push_back(in);
    }
    std::stable_sort(r.inputs.begin(), r.inputs.end(), [](auto& a, auto& b) { return a.st > b.st; });
    return r;
}

}  // namespace

std::vector<double> evaluate_points(const LcaSystem& sys, const std::vector<double>& points, int indicator, int threads) {
    const std::size_t np = sys.parameters.size();
    const std::size_t count = np ? points.size() / np : 1;
    std::vector<double> out(count);
    detail::evaluate_in_blocks(
        sys, count, threads,
        [&](std::size_t first, std::size_t n, std::vector<double>& params) {
            params.resize(np * n);
            for (std::size_t k = 0; k < n; ++k)
                for (std::size_t p = 0; p < np; ++p) params[p * n + k] = points[(first + k) * np + p];
        },
        [&](std::size_t first, std::size_t n, const Block& blk) {
            for (std::size_t k = 0; k < n; ++k)
                out[first + k] = blk.fu[k] > 0 ? blk.at(BlockLayout::total, indicator)[k] / blk.fu[k] : 0.0;
        });
    return out;
}

std::vector<double> evaluate_unit_points(const LcaSystem& sys, const std::vector<double>& u, int indicator, int threads) {
    const auto inputs = uncertain_inputs(sys);
    const std::size_t k = inputs.size();
    if (u.size() % k != 0) throw CalculationError(fmt::format("expected {} columns, one per uncertain input", k));
    const auto central = sys.central_values();
    std::vector<double> points;
    points.reserve(u.size() / k * central.size());
    for (std::size_t i = 0; i < u.size() / k; ++i) {
        auto x = central;
        for (std::size_t j = 0; j < k; ++j) x[inputs[j]] = sys.parameters[inputs[j]].distribution.quantile(u[i * k + j]);
        points.insert(points.end(), x.begin(), x.end());
    }
    return evaluate_points(sys, points, indicator, threads);
}

std::vector<std::string> uncertain_input_names(const LcaSystem& sys) {
    std::vector<std::string> out;
    for (std::size_t p : uncertain_inputs(sys)) out.push_back(sys.parameters[p].name);
    return out;
}

SensitivityResult sensitivity(const LcaSystem& sys, const SensitivityOptions& o) {
    const auto inputs = uncertain_inputs(sys);
    SensitivityResult r;
    if (o.method == "oat") r = oat(sys, o, inputs);
    else if (o.method == "morris") r = morris(sys, o, inputs);
    else if (o.method == "sobol") r = sobol(sys, o, inputs);
    else throw CalculationError(fmt::format("unknown sensitivity method '{}'; expected oat, morris or sobol", o.method));
    r.method = o.method;
    r.indicator = o.indicator;
    return r;
}

}  // namespace lca4ai
