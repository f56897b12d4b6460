#pragma once
// Internal: the worker pool shared by Monte Carlo and projections. Workers take
// blocks from a shared counter; the first exception stops every worker and is
// rethrown as a CalculationError once all have joined.
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lca4ai/block_evaluator.hpp"
#include "lca4ai/error.hpp"

namespace lca4ai::detail {

//! Threads to use: `requested`, or every hardware thread when 0.
inline int thread_count(int requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw ? static_cast<int>(hw) : 1;
}

//! Runs worker(t) for t = 0 … threads−1 (t = 0 on the calling thread); `stop` is raised on the
//! first error, which is rethrown as a CalculationError after every worker has returned.
template <class Worker>
void run_workers(int threads, std::atomic<bool>& stop, Worker&& worker) {
    std::mutex error_mutex;
    std::string error;
    auto guarded = [&](int t) {
        try {
            worker(t);
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(error_mutex);
            if (error.empty()) error = e.what();
            stop = true;
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(guarded, t);
    guarded(0);
    for (auto& th : pool) th.join();
    if (!error.empty()) throw CalculationError(error);
}

//! Evaluates `count` parameter sets in blocks over the threads: fill(first, n, params) writes the
//! parameters of points [first, first + n) (params[p * n + k]); use(first, n, block) reads the results.
template <class Fill, class Use>
void evaluate_in_blocks(const LcaSystem& sys, std::size_t count, int threads, Fill&& fill, Use&& use) {
    const std::size_t block = BlockEvaluator::block_size(sys);
    const std::size_t blocks = (count + block - 1) / block;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    run_workers(thread_count(threads), stop, [&](int) {
        BlockEvaluator ev(sys);
        Block blk;
        std::vector<double> params;
        for (std::size_t b = next++; b < blocks && !stop; b = next++) {
            const std::size_t first = b * block, n = std::min(block, count - first);
            fill(first, n, params);
            ev.evaluate(params.data(), n, blk);
            use(first, n, blk);
        }
    });
}

}  // namespace lca4ai::detail
