// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/X25519.h>
#include <lapis/protocol/DeviceCertificate.h>
#include <lapis/protocol/KemPreKeys.h>

#include <cstdint>
#include <optional>

namespace lapis::protocol {

/// A device's medium-term X25519 prekey, signed by the device's Ed25519 key.
struct SignedPreKeyRecord {
    PreKeyId id;
    crypto::X25519KeyPair keyPair;
    crypto::Ed25519Signature signature{};
    std::int64_t createdAt = 0;

    /// A new signed prekey `id`, signed with `deviceSigningKey`; `withKemPreKeys` when the device
    /// publishes ML-KEM prekeys (see signedPreKeySigningInput).
    static SignedPreKeyRecord generate(PreKeyId id, const crypto::Ed25519KeyPair &deviceSigningKey,
                                       std::int64_t createdAt, crypto::RandomSource &rng, bool withKemPreKeys = false);
};

/// The bytes a device signs for a signed prekey: label ‖ version ‖ u32 id ‖ public key. The label
/// is label::SignedPreKeyWithKem for a device that publishes ML-KEM prekeys, so that a bundle
/// whose ML-KEM prekey was removed on the way no longer verifies as a classical one.
Bytes signedPreKeySigningInput(PreKeyId id, const crypto::X25519PublicKey &publicKey, bool withKemPreKeys = false);

/// A one-time prekey: handed out once by the relay, deleted once used.
struct OneTimePreKeyRecord {
    PreKeyId id;
    crypto::X25519KeyPair keyPair;

    static OneTimePreKeyRecord generate(PreKeyId id, crypto::RandomSource &rng);
};

/// What the relay hands out to start a session with one device. Everything in it is public;
/// SessionBuilder verifies it against the account key pinned for `accountKey`'s account.
struct PreKeyBundle {
    crypto::Ed25519PublicKey accountKey;
    DeviceCertificate certificate;
    PreKeyId signedPreKeyId;
    crypto::X25519PublicKey signedPreKey;
    crypto::Ed25519Signature signedPreKeySignature{};
    std::optional<PreKeyId> oneTimePreKeyId;
    std::optional<crypto::X25519PublicKey> oneTimePreKey;
    /// The device's ML-KEM prekey: a one-time one while the relay has any, else the last-resort
    /// one. Absent only for a device that never published one.
    std::optional<SignedKemPreKey> kemPreKey;

    /// The device this bundle claims to be for.
    [[nodiscard]] const Address &address() const { return certificate.device; }
};

} // namespace lapis::protocol
