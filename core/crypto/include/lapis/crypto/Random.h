// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

#include <array>
#include <cstdint>

namespace lapis::crypto {

/// Where key generation and nonces take their randomness from. Production code uses
/// systemRandom(); tests inject a DeterministicRandom so that every path can be replayed.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual void fill(MutableByteView out) = 0;

    Bytes bytes(std::size_t count);
    /// A uniformly distributed number in [0, upperBound); upperBound must be > 0.
    std::uint32_t uniform(std::uint32_t upperBound);
};

/// libsodium's CSPRNG (getrandom on Linux, BCryptGenRandom / arc4random elsewhere). Requests of
/// up to 256 bytes come from a per-thread fast-key-erasure ChaCha20 buffer seeded from it (no
/// system call per message id or nonce); larger ones straight from the system.
RandomSource &systemRandom();

/// A reproducible stream from a 32-byte seed (ChaCha20 keystream). For tests only: never for keys
/// that protect anything.
class DeterministicRandom final : public RandomSource {
public:
    explicit DeterministicRandom(std::uint64_t seed);
    void fill(MutableByteView out) override;

private:
    std::array<std::uint8_t, 32> m_seed{};
    std::uint64_t m_counter = 0;
};

/// Fills `out` from the system CSPRNG.
void randomBytes(MutableByteView out);
Bytes randomBytes(std::size_t count);

} // namespace lapis::crypto
