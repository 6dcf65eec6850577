// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lapis::relay {

/// RFC 6238 time-based one-time passwords with HMAC-SHA1 (what authenticator apps implement),
/// 30-second steps from the Unix epoch. SHA-1 comes from Qt: libsodium has none.
class Totp {
public:
    static constexpr std::int64_t StepSeconds = 30;
    static constexpr int Digits = 6;
    static constexpr std::size_t SecretSize = 20;

    /// The RFC 4226 HOTP value for `counter`, zero-padded to `digits` (6..8) digits.
    static std::string code(ByteView secret, std::uint64_t counter, int digits = Digits);
    /// The time step containing `unixSeconds`.
    static std::int64_t stepAt(std::int64_t unixSeconds) { return unixSeconds / StepSeconds; }
    /// The step within one step of `unixSeconds` whose code is `code`, if any. Compares in
    /// constant time.
    static std::optional<std::int64_t> matchStep(ByteView secret, std::string_view code, std::int64_t unixSeconds,
                                                 int digits = Digits);
    /// RFC 4648 base32 without padding, as otpauth URIs carry secrets.
    static std::string base32(ByteView bytes);
    /// otpauth://totp/Lapis:USER?secret=...&issuer=Lapis&algorithm=SHA1&digits=6&period=30
    static std::string otpauthUri(std::string_view username, ByteView secret);
};

} // namespace lapis::relay
