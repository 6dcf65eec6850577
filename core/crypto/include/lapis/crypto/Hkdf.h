// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

namespace lapis::crypto {

/// HKDF-SHA256 (RFC 5869), built on HMAC-SHA256 because libsodium 1.0.18 has none.
struct Hkdf {
    static constexpr std::size_t HashSize = 32;
    static constexpr std::size_t MaxOutput = 255 * HashSize;

    /// PRK = HMAC(salt, ikm); an empty salt means 32 zero bytes, as the RFC says.
    static SecretArray<32> extract(ByteView salt, ByteView ikm);
    /// Fills `out` with OKM from `prk` and `info`. More than 255 × 32 bytes is LimitExceeded;
    /// a PRK shorter than 32 bytes is InvalidArgument.
    static Result<void> expand(ByteView prk, ByteView info, MutableByteView out);
    /// extract then expand.
    static Result<void> derive(ByteView salt, ByteView ikm, ByteView info, MutableByteView out);
    /// extract then expand into a new wiped buffer of `length` bytes.
    static Result<WipedBytes> derive(ByteView salt, ByteView ikm, ByteView info, std::size_t length);
};

} // namespace lapis::crypto
