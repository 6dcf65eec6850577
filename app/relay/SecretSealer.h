// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <memory>
#include <string>
#include <string_view>

namespace lapis::relay {

/// Seals the relay's secrets at rest (TOTP secrets) with a key kept apart from the database:
/// `DIR/secrets.key`, 32 random bytes, mode 0600, made on first start. A copy of relay.db alone
/// (a backup, a stolen disk image of the database volume) then holds no usable TOTP secret.
/// XChaCha20-Poly1305 with a random nonce; the associated data binds each secret to its purpose
/// and account, so sealed values cannot be swapped between accounts.
class SecretSealer {
public:
    /// Reads the key file, or makes it (0600) when it does not exist.
    static Result<std::unique_ptr<SecretSealer>> open(const std::string &keyFile);

    Result<Bytes> seal(ByteView secret, std::string_view purpose, std::string_view account) const;
    /// Opens what seal() made. A value of exactly `legacySize` bytes was stored before sealing
    /// existed (relay schema 2) and is returned as it is.
    Result<Bytes> open(ByteView stored, std::string_view purpose, std::string_view account,
                       std::size_t legacySize) const;

    /// A keyed hash (BLAKE2b-256 under a key derived from the secret key) of `value`, for secrets
    /// the relay only needs to recognise: without the key file, a copy of relay.db cannot test
    /// guesses against it, even for a six-digit code.
    [[nodiscard]] Bytes keyedHash(ByteView value, std::string_view purpose, std::string_view account) const;

private:
    SecretSealer(SecureBytes key, SecureBytes hashKey)
        : m_key(std::move(key))
        , m_hashKey(std::move(hashKey))
    {}
    static Result<std::unique_ptr<SecretSealer>> fromKey(SecureBytes key);
    SecureBytes m_key;
    SecureBytes m_hashKey;
};

} // namespace lapis::relay
