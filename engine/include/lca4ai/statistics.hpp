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
    //! Moments of x into `of_x` and of x·w into `of_xw`, in one pass over x (the same numbers
    //! as add_block on each).
    static void add_block_pair(const double* x, const double* w, std::size_t count, Moments& of_x, Moments& of_xw);
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
//! Candidates below a threshold are appended; when they reach 5/4 of the capacity the
//! largest quarter is dropped and the threshold lowered to the largest key kept, so that an
//! offer costs O(1) on average and the kept set is exactly the bottom-k of all offers.
class Subsample {
public:
    Subsample(std::size_t capacity, std::size_t width) : capacity_(capacity), width_(width) {}
    //! Reserves room for `samples` rows (at most the buffer's size).
    void reserve(std::size_t samples) {
        keys_.reserve(std::min(samples, limit()));
        values_.reserve(std::min(samples, limit()) * width_);
    }
    //! Offers sample with key `key`; `values` has `width` entries.
    void offer(std::uint64_t key, std::uint64_t sample, const double* values);
    //! Whether a sample with this key could be kept (so that callers build its row only then).
    bool wants(std::uint64_t key, std::uint64_t sample) const { return Entry{key, sample, 0} < threshold_; }
    void merge(const Subsample& o);
    //! Drops every candidate beyond the capacity; size() is then the subsample's size.
    void finish();
    //! Columns [first, first + count) over the kept samples (unsorted), after finish(), in one
    //! pass over the rows; every column when count is left out.
    std::vector<std::vector<double>> columns(std::size_t first = 0, std::size_t count = ~std::size_t{0}) const;
    std::size_t width() const { return width_; }
    std::size_t size() const { return keys_.size(); }
    std::size_t capacity() const { return capacity_; }

private:
    struct Entry {
        std::uint64_t key, sample;
        std::size_t slot;
        bool operator<(const Entry& o) const { return key != o.key ? key < o.key : sample < o.sample; }
    };
    std::size_t limit() const { return capacity_ + capacity_ / 4 + 1; }
    void compact();
    std::size_t capacity_, width_;
    Entry threshold_{~std::uint64_t{0}, ~std::uint64_t{0}, 0};  //!< offers not below it are never kept
    std::vector<Entry> keys_;     // candidates, unordered
    std::vector<double> values_;  // slot-major
    std::vector<std::size_t> free_;
};

}  // namespace lca4ai
