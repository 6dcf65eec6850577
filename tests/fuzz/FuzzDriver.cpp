// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a libFuzzer entry point without libFuzzer (for g++ builds and ctest): the seed corpus,
// then N deterministic mutations of it (bit flips, byte overwrites, truncation, insertion,
// duplication of ranges, splicing two seeds, large varints). Same seed, same inputs: a failure reproduces.
//
//   fuzz_TARGET [--runs N] [--seed S] [--write-corpus DIR]   (every target in tests/fuzz, relay and decode)

#include "FuzzSeeds.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

// splitmix64: tiny, deterministic, good enough to pick mutations.
struct Rng {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

lapis::Bytes mutate(const std::vector<lapis::Bytes> &seeds, Rng &rng)
{
    lapis::Bytes b = seeds[rng.below(seeds.size())];
    const auto rounds = 1 + rng.below(4);
    for (std::size_t r = 0; r < rounds; ++r) {
        switch (rng.below(8)) {
        case 0: // flip a bit
            if (!b.empty())
                b[rng.below(b.size())] ^= static_cast<std::uint8_t>(1u << rng.below(8));
            break;
        case 1: // overwrite a byte with an interesting value
            if (!b.empty()) {
                static constexpr std::uint8_t interesting[] = {0, 1, 0x7f, 0x80, 0xff, 0x08, 0x0a, 0x12};
                b[rng.below(b.size())] = interesting[rng.below(sizeof interesting)];
            }
            break;
        case 2: // truncate
            b.resize(rng.below(b.size() + 1));
            break;
        case 3: { // insert random bytes
            const auto at = rng.below(b.size() + 1);
            const auto n = 1 + rng.below(8);
            for (std::size_t i = 0; i < n; ++i)
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng.next()));
            break;
        }
        case 4: { // duplicate a range
            if (b.empty())
                break;
            const auto from = rng.below(b.size());
            const auto n = 1 + rng.below(std::min<std::size_t>(32, b.size() - from));
            lapis::Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(from),
                               b.begin() + static_cast<std::ptrdiff_t>(from + n));
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), chunk.begin(), chunk.end());
            break;
        }
        case 5: { // splice with another seed
            const auto &other = seeds[rng.below(seeds.size())];
            const auto cut = rng.below(b.size() + 1);
            const auto otherCut = rng.below(other.size() + 1);
            b.resize(cut);
            b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(otherCut), other.end());
            break;
        }
        case 6: { // a large varint or length: where decoders go wrong
            static constexpr std::uint8_t large[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), std::begin(large),
                     std::end(large));
            break;
        }
        default: // random bytes of random length
            b.resize(rng.below(300));
            for (auto &x : b)
                x = static_cast<std::uint8_t>(rng.next());
            break;
        }
    }
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    std::size_t runs = 5000;
    std::uint64_t seed = 1;
    std::string corpusDir;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--runs")
            runs = std::strtoull(argv[i + 1], nullptr, 10);
        else if (flag == "--seed")
            seed = std::strtoull(argv[i + 1], nullptr, 10);
        else if (flag == "--write-corpus")
            corpusDir = argv[i + 1];
    }
    const auto seeds = lapisFuzzSeeds();
    if (!corpusDir.empty()) {
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            std::ofstream out(corpusDir + "/seed-" + std::to_string(i), std::ios::binary);
            out.write(reinterpret_cast<const char *>(seeds[i].data()), static_cast<std::streamsize>(seeds[i].size()));
        }
        std::printf("wrote %zu seeds to %s\n", seeds.size(), corpusDir.c_str());
        return 0;
    }
    const auto start = std::chrono::steady_clock::now();
    for (const auto &s : seeds)
        LLVMFuzzerTestOneInput(s.data(), s.size());
    Rng rng{seed};
    for (std::size_t i = 0; i < runs; ++i) {
        const auto input = mutate(seeds, rng);
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu seeds + %zu mutated inputs in %lld ms, no crash\n", argv[0], seeds.size(), runs,
                static_cast<long long>(ms));
    return 0;
}
