//! Streaming statistics with a result independent of how samples were split
//! among threads: moments are merged block by block in block order, and
//! percentiles come from a fixed random subset of samples (bottom-k keys).
#pragma once

#include <array>
#include <algorithm>
#include <cstdint>
#include <vector>

namespace lca4ai {

//! Count, mean and sum of squared deviations (Chan et al. merge).
struct Moments {
    double n = 0, mean = 0, m2 = 0;
    void add_block(const double* x, std::size_t count);
    void merge(const Moments& o);
    double variance() const { return n > 1 ? m2 / (n - 1) : 0.0; }
};

//! The percentiles of the JSON contract.
inline constexpr double percentile_levels[] = {2.5, 5, 25, 50, 75, 95, 97.5};
inline constexpr int percentile_count = 7;

//! Percentile by linear interpolation between order statistics (numpy's default).
double percentile_sorted(const std::vector<double>& sorted, double level);
//! The same percentiles of unsorted values, by selection (reorders `values`).
std::array<double, percentile_count> percentiles_of(std::vector<double>& values);

//! Keeps the `capacity` samples with the smallest keys: a uniform random subset,
//! the same whatever order samples arrive in. Stores `width` values per sample.
class Subsample {
public:
    Subsample(std::size_t capacity, std::size_t width) : capacity_(capacity), width_(width) {}
    //! Reserves room for `samples` rows (at most the capacity).
    void reserve(std::size_t samples) {
        keys_.reserve(std::min(samples, capacity_));
        values_.reserve(std::min(samples, capacity_) * width_);
    }
    //! Offers sample with key `key`; `values` has `width` entries.
    void offer(std::uint64_t key, std::uint64_t sample, const double* values);
    //! Whether a sample with this key would be kept (so that callers build its row only then).
    bool wants(std::uint64_t key, std::uint64_t sample) const {
        return keys_.size() < capacity_ || Entry{key, sample, 0} < keys_.front();
    }
    void merge(const Subsample& o);
    //! Values of column `c` over the kept samples (unsorted).
    std::vector<double> column(std::size_t c) const;
    std::size_t size() const { return keys_.size(); }
    std::size_t capacity() const { return capacity_; }

private:
    struct Entry {
        std::uint64_t key, sample;
        std::size_t slot;
        bool operator<(const Entry& o) const { return key != o.key ? key < o.key : sample < o.sample; }
    };
    std::size_t capacity_, width_;
    std::vector<Entry> keys_;     // max-heap on (key, sample)
    std::vector<double> values_;  // slot-major
    std::vector<std::size_t> free_;
};

}  // namespace lca4ai
