// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/crypto/PasswordHash.h>

#include <filesystem>
#include <optional>
#include <string>

namespace lapis::engine {

/// Which profile to open and how its database key is found.
struct ProfileOptions {
    std::filesystem::path directory;
    /// The store passphrase (headless use). Without one the OS keychain holds the key; where no
    /// keychain answers, opening fails with Unavailable and says to give a passphrase.
    std::optional<std::string> passphrase;
    crypto::Argon2Params passphraseParams = crypto::Argon2Params::moderate();
};

} // namespace lapis::engine
