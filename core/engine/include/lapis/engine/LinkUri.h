// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/crypto/X25519.h>

#include <string>
#include <string_view>

namespace lapis::engine {

/// What a new device shows (as a QR code and as text) so that an existing device of the account
/// can send it the link bundle: lapis://link?v=1&relay=HOST:PORT&addr=ADDR&pub=BASE64URL.
struct LinkUri {
    static constexpr int Version = 1;

    std::string relay;                 ///< HOST:PORT of the relay both devices use
    std::string address;               ///< the one-use link address the relay handed out
    crypto::X25519PublicKey publicKey; ///< the new device's ephemeral key; the bundle is sealed to it

    [[nodiscard]] std::string toString() const;
    /// Parses a link URI (surrounding white space is ignored). Anything else, another version,
    /// a missing or repeated field, or a key that is not 32 bytes is InvalidArgument with a
    /// message that says which.
    static Result<LinkUri> parse(std::string_view text);
};

} // namespace lapis::engine
