// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lapis {

/// Public (non-secret) bytes: ciphertexts, public keys, encodings.
using Bytes = std::vector<std::uint8_t>;
/// A read-only view of bytes, whatever owns them.
using ByteView = std::span<const std::uint8_t>;
/// A writable view of bytes.
using MutableByteView = std::span<std::uint8_t>;

/// The bytes of a string, without a copy.
inline ByteView asBytes(std::string_view s)
{
    return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

inline Bytes toBytes(std::string_view s)
{
    return {s.begin(), s.end()};
}
inline std::string toString(ByteView b)
{
    return {b.begin(), b.end()};
}

/// Lower-case hexadecimal.
std::string toHex(ByteView bytes);
/// Parses hexadecimal (either case); an odd length or a non-hex character is an error.
Result<Bytes> fromHex(std::string_view hex);

/// Base64url without padding (RFC 4648 section 5), as used in link URIs.
std::string toBase64Url(ByteView bytes);
/// Parses base64url with or without padding; anything else is an error.
Result<Bytes> fromBase64Url(std::string_view text);

/// a ‖ b ‖ ... in one new buffer.
Bytes concat(std::initializer_list<ByteView> parts);

} // namespace lapis
