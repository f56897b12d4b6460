//! Counter-based random numbers (Philox4x32-10, Random123): the variate of
//! (sample, input) depends only on the seed and those two indices, never on
//! the thread that draws it — so results are the same at any thread count.
#pragma once

#include <cstdint>
#include <string_view>

#include <Random123/philox.h>
#include <Random123/u01fixedpt.h>

namespace lca4ai {

class CounterRng {
public:
    explicit CounterRng(std::uint64_t seed) {
        key_[0] = static_cast<std::uint32_t>(seed);
        key_[1] = static_cast<std::uint32_t>(seed >> 32);
    }
    //! Two uniform variates in (0, 1) for (sample, pair, stream).
    void uniform_pair(std::uint64_t sample, std::uint32_t pair, std::uint32_t stream, double& u0, double& u1) const {
        const auto r = draw(sample, pair, stream);
        u0 = u01fixedpt_open_open_64_double(static_cast<std::uint64_t>(r[0]) | (static_cast<std::uint64_t>(r[1]) << 32));
        u1 = u01fixedpt_open_open_64_double(static_cast<std::uint64_t>(r[2]) | (static_cast<std::uint64_t>(r[3]) << 32));
    }
    //! One uniform variate in (0, 1) for (sample, key): the draw of an input identified by `key`
    //! (variate_key), the same in every system that uses that key (portfolios: docs/methodology.md
    //! §12.4). The counter's last word has its high bit set, so keyed draws never meet the
    //! numbered streams below.
    double keyed_uniform(std::uint64_t sample, std::uint64_t key) const {
        const auto r = draw(sample, static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32) | 0x80000000u);
        return u01fixedpt_open_open_64_double(static_cast<std::uint64_t>(r[0]) | (static_cast<std::uint64_t>(r[1]) << 32));
    }
    //! A 64-bit key for (sample, stream), e.g. for reproducible subsampling.
    std::uint64_t bits(std::uint64_t sample, std::uint32_t stream) const {
        const auto r = draw(sample, 0xFFFFFFFFu, stream);
        return static_cast<std::uint64_t>(r[0]) | (static_cast<std::uint64_t>(r[1]) << 32);
    }

private:
    r123::Philox4x32::key_type key_ = {{0, 0}};

    r123::Philox4x32::ctr_type draw(std::uint64_t sample, std::uint32_t pair, std::uint32_t stream) const {
        r123::Philox4x32 rng;
        r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(sample), static_cast<std::uint32_t>(sample >> 32), pair, stream}};
        return rng(c, key_);
    }
};

//! The key of a random input named `identity` (e.g. "inventory.nvidia-h100-sxm.gwp"): FNV-1a 64 of
//! the bytes, then the SplitMix64 finaliser. Depends on the text only (not on the platform).
inline std::uint64_t variate_key(std::string_view identity) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char c : identity) {
        h ^= c;
        h *= 0x100000001B3ULL;
    }
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
    return h ^ (h >> 31);
}

//! Streams of the counter (the 4th word), so that different uses never share variates.
enum RandomStream : std::uint32_t { stream_parameters = 0, stream_subsample = 1, stream_bootstrap = 2, stream_morris = 3 };

}  // namespace lca4ai
