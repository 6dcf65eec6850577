// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/X25519.h>
#include <lapis/protocol/Address.h>
#include <lapis/protocol/DeviceCertificate.h>

namespace lapis::protocol {

/// The account identity key (AIK): Ed25519, made by an account's first device and handed to
/// further devices only over the link channel. It signs device certificates; contacts pin it.
class AccountIdentity {
public:
    static AccountIdentity generate(crypto::RandomSource &rng);
    /// From the stored 32-byte seed.
    static Result<AccountIdentity> fromSeed(ByteView seed);

    [[nodiscard]] const crypto::Ed25519PublicKey &publicKey() const { return m_key.publicKey(); }
    /// The seed, for storage and for the link bundle. A secret.
    [[nodiscard]] ByteView seed() const { return m_key.seed(); }

    /// A certificate for one device of `account`, issued at `createdAt` (seconds since the epoch).
    [[nodiscard]] DeviceCertificate certify(const AccountId &account, DeviceId device,
                                            const crypto::Ed25519PublicKey &deviceSigningKey,
                                            const crypto::X25519PublicKey &deviceIdentityKey,
                                            std::int64_t createdAt) const;

private:
    explicit AccountIdentity(crypto::Ed25519KeyPair key)
        : m_key(std::move(key))
    {}
    crypto::Ed25519KeyPair m_key;
};

/// One device's own keys: an Ed25519 signing key (signs prekeys) and an X25519 identity key
/// (takes part in X3DH).
class DeviceKeys {
public:
    static DeviceKeys generate(crypto::RandomSource &rng);
    /// From the stored 32-byte Ed25519 seed and 32-byte X25519 secret.
    static Result<DeviceKeys> fromSecrets(ByteView signingSeed, ByteView identitySecret);

    [[nodiscard]] const crypto::Ed25519KeyPair &signingKey() const { return m_signing; }
    [[nodiscard]] const crypto::X25519KeyPair &identityKey() const { return m_identity; }
    [[nodiscard]] DeviceKeys clone() const;

private:
    DeviceKeys(crypto::Ed25519KeyPair signing, crypto::X25519KeyPair identity)
        : m_signing(std::move(signing))
        , m_identity(std::move(identity))
    {}
    crypto::Ed25519KeyPair m_signing;
    crypto::X25519KeyPair m_identity;
};

/// Everything a device needs to speak the protocol as itself: its address, keys and the
/// certificate its account key issued (sent along in prekey messages).
struct LocalDevice {
    Address address;
    crypto::Ed25519PublicKey accountKey; ///< our account's identity key (public half)
    DeviceKeys keys;
    DeviceCertificate certificate;
};

} // namespace lapis::protocol
