// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Random.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

#include <cstring>

namespace lapis::crypto {

Bytes RandomSource::bytes(std::size_t count)
{
    Bytes out(count);
    fill(out);
    return out;
}

std::uint32_t RandomSource::uniform(std::uint32_t upperBound)
{
    // Rejection sampling, as randombytes_uniform does, so the result carries no modulo bias.
    if (upperBound < 2)
        return 0;
    const std::uint32_t min = (0U - upperBound) % upperBound;
    std::uint32_t r = 0;
    do {
        fill({reinterpret_cast<std::uint8_t *>(&r), sizeof r});
    } while (r < min);
    return r % upperBound;
}

namespace {
class SystemRandom final : public RandomSource {
public:
    void fill(MutableByteView out) override { randomBytes(out); }
};
} // namespace

RandomSource &systemRandom()
{
    static SystemRandom instance;
    return instance;
}

DeterministicRandom::DeterministicRandom(std::uint64_t seed)
{
    initialise();
    std::memcpy(m_seed.data(), &seed, sizeof seed);
}

void DeterministicRandom::fill(MutableByteView out)
{
    if (out.empty())
        return;
    // Each call draws from a fresh seed (seed ‖ counter hashed), so the stream does not depend on
    // how callers split their requests beyond their order.
    std::array<std::uint8_t, 40> input{};
    std::memcpy(input.data(), m_seed.data(), 32);
    std::memcpy(input.data() + 32, &m_counter, sizeof m_counter);
    ++m_counter;
    std::array<std::uint8_t, randombytes_SEEDBYTES> callSeed{};
    crypto_generichash(callSeed.data(), callSeed.size(), input.data(), input.size(), nullptr, 0);
    randombytes_buf_deterministic(out.data(), out.size(), callSeed.data());
}

void randomBytes(MutableByteView out)
{
    if (out.empty())
        return;
    initialise();
    randombytes_buf(out.data(), out.size());
}

Bytes randomBytes(std::size_t count)
{
    Bytes out(count);
    randomBytes(out);
    return out;
}

} // namespace lapis::crypto
