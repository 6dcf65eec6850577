// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

#include <sodium.h>

namespace lapis::crypto {

using HmacSha256Tag = SecretArray<32>;

/// HMAC-SHA256 over data given in pieces. Keys of any length (RFC 2104).
class HmacSha256 {
public:
    static constexpr std::size_t TagSize = 32;
    explicit HmacSha256(ByteView key);
    ~HmacSha256();
    HmacSha256 &operator=(const HmacSha256 &) = delete;

    HmacSha256 &update(ByteView data);
    /// The tag; the object must not be updated afterwards.
    HmacSha256Tag finish();

    /// A copy of this state, key and data so far: several tags under one key (HKDF's blocks, a
    /// chain step's two outputs) hash the key's two padded blocks once instead of once per tag.
    [[nodiscard]] HmacSha256 fork() const { return HmacSha256(*this); }

private:
    HmacSha256(const HmacSha256 &other) = default;

    crypto_auth_hmacsha256_state m_state;
};

/// HMAC-SHA256(key, message).
HmacSha256Tag hmacSha256(ByteView key, ByteView message);

/// Checks `tag` against HMAC-SHA256(key, message) in constant time. A tag shorter than the full
/// 32 bytes is compared as a truncated tag (RFC 2104 section 5) if it is at least 16 bytes long;
/// shorter or longer tags are rejected.
[[nodiscard]] bool verifyHmacSha256(ByteView key, ByteView message, ByteView tag);

} // namespace lapis::crypto
