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
    HmacSha256(const HmacSha256 &) = delete;
    HmacSha256 &operator=(const HmacSha256 &) = delete;

    HmacSha256 &update(ByteView data);
    /// The tag; the object must not be updated afterwards.
    HmacSha256Tag finish();

private:
    crypto_auth_hmacsha256_state m_state;
};

/// HMAC-SHA256(key, message).
HmacSha256Tag hmacSha256(ByteView key, ByteView message);

/// Checks `tag` against HMAC-SHA256(key, message) in constant time. A tag shorter than the full
/// 32 bytes is compared as a truncated tag (RFC 2104 section 5) if it is at least 16 bytes long;
/// shorter or longer tags are rejected.
[[nodiscard]] bool verifyHmacSha256(ByteView key, ByteView message, ByteView tag);

} // namespace lapis::crypto
