// SPDX-License-Identifier: GPL-3.0-or-later
// A small deterministic stand-in for libFuzzer when the compiler is not clang: runs the seeds,
// then mutations of them (bit flips, truncation, insertion, splicing) from a fixed random seed,
// so a ctest run is reproducible. Usage: fuzz_relay_requests [ITERATIONS]
#include "RelaySeeds.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

void run(const std::string &input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
}

std::string mutate(std::string input, const std::vector<std::string> &seeds, std::mt19937_64 &rng)
{
    const int rounds = 1 + static_cast<int>(rng() % 8);
    for (int r = 0; r < rounds; ++r) {
        const auto pos = input.empty() ? 0 : rng() % input.size();
        switch (rng() % 6) {
        case 0:
            if (!input.empty())
                input[pos] = static_cast<char>(input[pos] ^ (1 << (rng() % 8)));
            break;
        case 1:
            if (!input.empty())
                input[pos] = static_cast<char>(rng());
            break;
        case 2:
            input.resize(pos);
            break;
        case 3:
            input.insert(pos, std::string(1 + rng() % 16, static_cast<char>(rng())));
            break;
        case 4: {
            const std::string &other = seeds[rng() % seeds.size()];
            input.resize(pos);
            input.append(other, other.empty() ? 0 : rng() % other.size(), std::string::npos);
            break;
        }
        default:
            // Large varints and lengths are where decoders go wrong.
            input.insert(pos, "\xff\xff\xff\xff\x0f");
            break;
        }
    }
    return input;
}

} // namespace

int main(int argc, char **argv)
{
    const long iterations = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 100000;
    const auto seeds = lapis::fuzz::relaySeeds();
    for (const auto &s : seeds)
        run(s);
    std::mt19937_64 rng(0x1a915);
    for (long i = 0; i < iterations; ++i)
        run(mutate(seeds[static_cast<std::size_t>(i) % seeds.size()], seeds, rng));
    std::printf("fuzz_relay_requests: %zu seeds and %ld mutated inputs, no crash\n", seeds.size(), iterations);
    return 0;
}
