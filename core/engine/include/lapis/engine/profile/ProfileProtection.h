// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

#include <string>

namespace lapis::engine {

/// How the profile's store key is protected: wrapped by a passphrase, or held by the OS keychain.
class ProfileProtection {
public:
    explicit ProfileProtection(EngineContext &context)
        : m_ctx(context)
    {}

    /// Whether the store key is wrapped by a passphrase (else the OS keychain holds it).
    [[nodiscard]] bool usesPassphrase() const;
    /// Rewraps the store key under a new passphrase (passphrase-protected profiles).
    Result<void> changePassphrase(const std::string &oldPassphrase, const std::string &newPassphrase);
    /// Keychain → passphrase: wraps the store key under `newPassphrase` in the key file, then
    /// removes it from the keychain (protectProfileWithPassphrase).
    Result<void> protectWithPassphrase(const std::string &newPassphrase);
    /// Passphrase → keychain: unwraps the store key with `currentPassphrase` (WrongPassphrase when
    /// it does not open it), stores it in the keychain, then wipes and removes the key file
    /// (protectProfileWithKeychain). Where no keychain answers nothing changes.
    Result<void> protectWithKeychain(const std::string &currentPassphrase);

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
