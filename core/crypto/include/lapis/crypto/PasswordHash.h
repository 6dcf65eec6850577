// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace lapis::crypto {

/// Argon2id cost parameters. Stored beside whatever they protect so that costs can rise later.
struct Argon2Params {
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimitBytes = 0;

    /// ~0.15 s and 64 MiB on a current laptop: passwords checked by the relay on every log-in.
    static Argon2Params interactive();
    /// ~0.75 s and 256 MiB: keys a thief would attack offline (store passphrase, backups).
    static Argon2Params moderate();
    /// The smallest costs libsodium accepts; tests only.
    static Argon2Params minimumForTests();
    /// True when libsodium accepts these costs.
    [[nodiscard]] bool valid() const;
};

struct Argon2 {
    static constexpr std::size_t SaltSize = 16;

    /// Derives `length` key bytes from `passphrase` and a 16-byte salt with Argon2id v1.3.
    static Result<SecureBytes> deriveKey(std::string_view passphrase, ByteView salt, const Argon2Params &params,
                                         std::size_t length = 32);

    /// An encoded Argon2id hash ("$argon2id$v=19$m=...") with a random salt, for storing a password.
    static Result<std::string> hashPassword(std::string_view password, const Argon2Params &params);
    /// True when `password` matches `encodedHash`. Runs in time independent of where they differ.
    [[nodiscard]] static bool verifyPassword(std::string_view encodedHash, std::string_view password);
    /// True when `encodedHash` was made with other costs than `params` (rehash at next log-in).
    [[nodiscard]] static bool needsRehash(std::string_view encodedHash, const Argon2Params &params);
};

} // namespace lapis::crypto
