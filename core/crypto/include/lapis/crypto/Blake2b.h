// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <sodium.h>

namespace lapis::crypto {

/// BLAKE2b (RFC 7693), for fingerprints and content digests. Output 16..64 bytes; an optional
/// key (16..64 bytes) makes it a MAC.
class Blake2b {
public:
    static constexpr std::size_t MinOutput = crypto_generichash_BYTES_MIN;
    static constexpr std::size_t MaxOutput = crypto_generichash_BYTES_MAX;

    /// Starts a hash of `outputSize` bytes; sizes or key lengths out of range are errors.
    static Result<Blake2b> create(std::size_t outputSize = 32, ByteView key = {});
    ~Blake2b();
    Blake2b(Blake2b &&other) noexcept;
    Blake2b &operator=(Blake2b &&) = delete;

    Blake2b &update(ByteView data);
    Bytes finish();

    /// One-shot hash.
    static Result<Bytes> hash(ByteView data, std::size_t outputSize = 32, ByteView key = {});

private:
    Blake2b() = default;
    alignas(64) crypto_generichash_state m_state{};
    std::size_t m_outputSize = 0;
};

} // namespace lapis::crypto
