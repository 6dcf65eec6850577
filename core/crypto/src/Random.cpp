// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Random.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#ifndef _WIN32
#include <pthread.h>
#endif

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

/// Bumped in the child after fork(), so that parent and child never hand out the same buffered
/// bytes.
std::atomic<std::uint64_t> forkGeneration{0};

void watchForks()
{
#ifndef _WIN32
    static std::once_flag registered;
    std::call_once(registered, [] {
        (void)pthread_atfork(nullptr, nullptr, [] { forkGeneration.fetch_add(1, std::memory_order_relaxed); });
    });
#endif
}

/// A fast-key-erasure generator (D. J. Bernstein, 2017) over libsodium's ChaCha20, one per
/// thread: every refill draws a new key and 480 bytes of output from the current key, which is
/// then gone, and every byte handed out is wiped from the buffer. Seeded from the system CSPRNG,
/// and again every 256 refills and after a fork. The point is speed: every message takes a fresh
/// random id, and a getrandom() system call per id cost as much as a third of encrypting it.
class KeystreamBuffer {
public:
    static constexpr std::size_t MaxRequest = 256;

    KeystreamBuffer() { (void)sodium_mlock(this, sizeof *this); }
    ~KeystreamBuffer() { (void)sodium_munlock(this, sizeof *this); } // munlock wipes it too
    KeystreamBuffer(const KeystreamBuffer &) = delete;
    KeystreamBuffer &operator=(const KeystreamBuffer &) = delete;

    void fill(MutableByteView out)
    {
        std::size_t done = 0;
        while (done < out.size()) {
            if (m_used == Output || m_seededIn != forkGeneration.load(std::memory_order_relaxed))
                refill();
            const auto take = std::min(out.size() - done, Output - m_used);
            std::memcpy(out.data() + done, m_output + m_used, take);
            sodium_memzero(m_output + m_used, take);
            m_used += take;
            done += take;
        }
    }

private:
    static constexpr std::size_t KeySize = crypto_stream_chacha20_KEYBYTES;
    static constexpr std::size_t Output = 480;
    static constexpr int RefillsPerSeed = 256;

    void refill()
    {
        const auto generation = forkGeneration.load(std::memory_order_relaxed);
        if (m_refillsLeft == 0 || m_seededIn != generation) {
            randombytes_buf(m_key, KeySize);
            m_seededIn = generation;
            m_refillsLeft = RefillsPerSeed;
        }
        // A new key each time, so the all-zero nonce never repeats under one key.
        static constexpr unsigned char Nonce[crypto_stream_chacha20_NONCEBYTES] = {};
        unsigned char block[KeySize + Output];
        crypto_stream_chacha20(block, sizeof block, Nonce, m_key);
        std::memcpy(m_key, block, KeySize);
        std::memcpy(m_output, block + KeySize, Output);
        sodium_memzero(block, sizeof block);
        m_used = 0;
        --m_refillsLeft;
    }

    unsigned char m_key[KeySize] = {};
    unsigned char m_output[Output] = {};
    std::size_t m_used = Output;
    std::uint64_t m_seededIn = ~std::uint64_t{0};
    int m_refillsLeft = 0;
};

class SystemRandom final : public RandomSource {
public:
    void fill(MutableByteView out) override
    {
        if (out.empty())
            return;
        if (out.size() > KeystreamBuffer::MaxRequest) {
            randomBytes(out);
            return;
        }
        initialise();
        watchForks();
        thread_local KeystreamBuffer buffer;
        buffer.fill(out);
    }
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
