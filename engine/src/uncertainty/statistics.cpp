#include "lca4ai/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace lca4ai {

void Moments::add_block(const double* x, std::size_t count) {
    if (count == 0) return;
    // One pass of sums shifted by the first value (no cancellation for values of similar size).
    const double shift = x[0];
    double s = 0, ss = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double d = x[i] - shift;
        s += d;
        ss += d * d;
    }
    const double cnt = static_cast<double>(count);
    const double md = s / cnt;
    merge({cnt, shift + md, std::max(0.0, ss - s * md)});
}

void Moments::merge(const Moments& o) {
    if (o.n == 0) return;
    if (n == 0) {
        *this = o;
        return;
    }
    const double total = n + o.n;
    const double delta = o.mean - mean;
    mean += delta * o.n / total;
    m2 += o.m2 + delta * delta * n * o.n / total;
    n = total;
}

double percentile_sorted(const std::vector<double>& sorted, double level) {
    if (sorted.empty()) return std::nan("");
    const double pos = level / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

std::array<double, percentile_count> percentiles_of(std::vector<double>& v) {
    std::array<double, percentile_count> out{};
    if (v.empty()) {
        out.fill(std::nan(""));
        return out;
    }
    // Select the order statistics each level needs, lowest first, each search
    // limited to the part above the previous one.
    auto begin = v.begin();
    const double last = static_cast<double>(v.size() - 1);
    for (int q = 0; q < percentile_count; ++q) {
        const double pos = percentile_levels[q] / 100.0 * last;
        const auto lo = static_cast<std::ptrdiff_t>(std::floor(pos));
        const double frac = pos - static_cast<double>(lo);
        auto nth = v.begin() + lo;
        if (nth >= begin) std::nth_element(begin, nth, v.end());
        double hi_value = *nth;
        if (frac > 0 && lo + 1 < static_cast<std::ptrdiff_t>(v.size())) hi_value = *std::min_element(nth + 1, v.end());
        out[static_cast<std::size_t>(q)] = *nth + frac * (hi_value - *nth);
        begin = nth + 1;
    }
    return out;
}

void Subsample::offer(std::uint64_t key, std::uint64_t sample, const double* values) {
    const Entry e{key, sample, 0};
    if (keys_.size() >= capacity_) {
        if (!(e < keys_.front())) return;
        std::pop_heap(keys_.begin(), keys_.end());
        const std::size_t slot = keys_.back().slot;
        keys_.pop_back();
        free_.push_back(slot);
    }
    std::size_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = values_.size() / width_;
        values_.resize(values_.size() + width_);
    }
    std::copy_n(values, width_, values_.begin() + static_cast<std::ptrdiff_t>(slot * width_));
    keys_.push_back({key, sample, slot});
    std::push_heap(keys_.begin(), keys_.end());
}

void Subsample::merge(const Subsample& o) {
    for (const auto& e : o.keys_) offer(e.key, e.sample, o.values_.data() + e.slot * o.width_);
}

std::vector<double> Subsample::column(std::size_t c) const {
    std::vector<double> out;
    out.reserve(keys_.size());
    for (const auto& e : keys_) out.push_back(values_[e.slot * width_ + c]);
    return out;
}

}  // namespace lca4ai
