#include "lca4ai/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace lca4ai {

namespace {
// Moments of `count` values from four partial sums of (x − shift) and of its squares.
Moments from_shifted_sums(double count, double shift, const double* s4, const double* ss4) {
    const double s = (s4[0] + s4[1]) + (s4[2] + s4[3]);
    const double ss = (ss4[0] + ss4[1]) + (ss4[2] + ss4[3]);
    const double md = s / count;
    return {count, shift + md, std::max(0.0, ss - s * md)};
}
}  // namespace

void Moments::add_block(const double* x, std::size_t count) {
    if (count == 0) return;
    // One pass of sums shifted by the first value (no cancellation for values of similar size).
    // Four independent partial sums so that the loop vectorises.
    const double shift = x[0];
    double s4[4] = {0, 0, 0, 0}, ss4[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4)
        for (int l = 0; l < 4; ++l) {
            const double d = x[i + static_cast<std::size_t>(l)] - shift;
            s4[l] += d;
            ss4[l] += d * d;
        }
    for (; i < count; ++i) {
        const double d = x[i] - shift;
        s4[0] += d;
        ss4[0] += d * d;
    }
    merge(from_shifted_sums(static_cast<double>(count), shift, s4, ss4));
}

void Moments::add_block_pair(const double* x, const double* w, std::size_t count, Moments& of_x, Moments& of_xw) {
    if (count == 0) return;
    const double cnt = static_cast<double>(count);
    // Rows of zeros are common (a node's share of an indicator it has none of).
    std::size_t nz = 0;
    while (nz < count && x[nz] == 0.0) ++nz;
    if (nz == count) {
        of_x.merge({cnt, 0.0, 0.0});
        of_xw.merge({cnt, 0.0, 0.0});
        return;
    }
    const double shift = x[0], shift_w = x[0] * w[0];
    double s4[4] = {0, 0, 0, 0}, ss4[4] = {0, 0, 0, 0}, t4[4] = {0, 0, 0, 0}, tt4[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4)
        for (int l = 0; l < 4; ++l) {
            const std::size_t k = i + static_cast<std::size_t>(l);
            const double d = x[k] - shift;
            const double e = x[k] * w[k] - shift_w;
            s4[l] += d;
            ss4[l] += d * d;
            t4[l] += e;
            tt4[l] += e * e;
        }
    for (; i < count; ++i) {
        const double d = x[i] - shift;
        const double e = x[i] * w[i] - shift_w;
        s4[0] += d;
        ss4[0] += d * d;
        t4[0] += e;
        tt4[0] += e * e;
    }
    of_x.merge(from_shifted_sums(cnt, shift, s4, ss4));
    of_xw.merge(from_shifted_sums(cnt, shift_w, t4, tt4));
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

namespace {
// Places the order statistics at `positions` (sorted) in place: select the middle one,
// then recurse on each side — about n·log2(positions) work instead of a full sort.
void multi_select(std::vector<double>::iterator begin, std::vector<double>::iterator end, const std::size_t* first,
                  const std::size_t* last, std::size_t offset) {
    if (first == last || begin == end) return;
    const std::size_t* mid = first + (last - first) / 2;
    auto nth = begin + static_cast<std::ptrdiff_t>(*mid - offset);
    std::nth_element(begin, nth, end);
    multi_select(begin, nth, first, mid, offset);
    multi_select(nth + 1, end, mid + 1, last, *mid + 1);
}
}  // namespace

std::array<double, percentile_count> percentiles_of(std::vector<double>& v) {
    std::array<double, percentile_count> out{};
    if (v.empty()) {
        out.fill(std::nan(""));
        return out;
    }
    const double last = static_cast<double>(v.size() - 1);
    std::vector<std::size_t> positions;
    for (double level : percentile_levels) {
        const auto lo = static_cast<std::size_t>(std::floor(level / 100.0 * last));
        positions.push_back(lo);
        positions.push_back(std::min(lo + 1, v.size() - 1));
    }
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    multi_select(v.begin(), v.end(), positions.data(), positions.data() + positions.size(), 0);
    for (int q = 0; q < percentile_count; ++q) {
        const double pos = percentile_levels[q] / 100.0 * last;
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const auto hi = std::min(lo + 1, v.size() - 1);
        out[static_cast<std::size_t>(q)] = v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
    }
    return out;
}

void Subsample::offer(std::uint64_t key, std::uint64_t sample, const double* values) {
    if (!wants(key, sample) || capacity_ == 0) return;
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
    if (keys_.size() >= limit()) compact();
}

void Subsample::compact() {
    if (keys_.size() <= capacity_) return;
    const auto kth = keys_.begin() + static_cast<std::ptrdiff_t>(capacity_ - 1);
    std::nth_element(keys_.begin(), kth, keys_.end());
    threshold_ = *kth;
    for (auto it = kth + 1; it != keys_.end(); ++it) free_.push_back(it->slot);
    keys_.erase(kth + 1, keys_.end());
}

void Subsample::merge(const Subsample& o) {
    for (const auto& e : o.keys_) offer(e.key, e.sample, o.values_.data() + e.slot * o.width_);
}

void Subsample::finish() { compact(); }

std::vector<std::vector<double>> Subsample::columns(std::size_t first, std::size_t count) const {
    first = std::min(first, width_);
    count = std::min(count, width_ - first);
    std::vector<std::vector<double>> out(count);
    for (auto& c : out) c.reserve(keys_.size());
    for (const auto& e : keys_) {
        const double* row = values_.data() + e.slot * width_ + first;
        for (std::size_t c = 0; c < count; ++c) out[c].push_back(row[c]);
    }
    return out;
}

}  // namespace lca4ai
