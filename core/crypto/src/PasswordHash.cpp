// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

namespace lapis::crypto {

static_assert(crypto_pwhash_SALTBYTES == Argon2::SaltSize);

Argon2Params Argon2Params::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

Argon2Params Argon2Params::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Argon2Params Argon2Params::minimumForTests()
{
    return {crypto_pwhash_OPSLIMIT_MIN, 8192};
}

bool Argon2Params::valid() const
{
    // Argon2id needs at least 1 pass in libsodium's API (crypto_pwhash_OPSLIMIT_MIN) and 8 KiB.
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= crypto_pwhash_OPSLIMIT_MAX && memLimitBytes >= 8192
           && memLimitBytes <= crypto_pwhash_MEMLIMIT_MAX;
}

Result<SecureBytes> Argon2::deriveKey(std::string_view passphrase, ByteView salt, const Argon2Params &params,
                                      std::size_t length)
{
    if (salt.size() != SaltSize)
        return fail(ErrorCode::InvalidArgument, "An Argon2 salt must be 16 bytes long");
    if (!params.valid())
        return fail(ErrorCode::InvalidArgument, "The Argon2 cost parameters are out of range");
    if (length < crypto_pwhash_BYTES_MIN || length > 1024)
        return fail(ErrorCode::InvalidArgument, "The requested key length is out of range");
    initialise();
    SecureBytes key(length);
    if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(), params.opsLimit,
                      static_cast<std::size_t>(params.memLimitBytes), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return fail(ErrorCode::LimitExceeded, "Not enough memory to derive the key");
    return key;
}

Result<std::string> Argon2::hashPassword(std::string_view password, const Argon2Params &params)
{
    if (!params.valid())
        return fail(ErrorCode::InvalidArgument, "The Argon2 cost parameters are out of range");
    initialise();
    char encoded[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), params.opsLimit,
                              static_cast<std::size_t>(params.memLimitBytes), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return fail(ErrorCode::LimitExceeded, "Not enough memory to hash the password");
    return std::string(encoded);
}

bool Argon2::verifyPassword(std::string_view encodedHash, std::string_view password)
{
    if (encodedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    initialise();
    char encoded[crypto_pwhash_STRBYTES] = {};
    std::copy(encodedHash.begin(), encodedHash.end(), encoded);
    return crypto_pwhash_str_verify(encoded, password.data(), password.size()) == 0;
}

bool Argon2::needsRehash(std::string_view encodedHash, const Argon2Params &params)
{
    if (encodedHash.size() >= crypto_pwhash_STRBYTES)
        return true;
    char encoded[crypto_pwhash_STRBYTES] = {};
    std::copy(encodedHash.begin(), encodedHash.end(), encoded);
    return crypto_pwhash_str_needs_rehash(encoded, params.opsLimit, static_cast<std::size_t>(params.memLimitBytes))
           != 0;
}

} // namespace lapis::crypto
