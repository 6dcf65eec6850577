// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Random.h>

#include <cstdint>

namespace lapis::protocol {

/// The public half of a device's ML-KEM-768 prekey as the relay hands it out (PQXDH's PQSPK or
/// PQOPK): id, encapsulation key and the device signing key's signature over
/// kemPreKeySigningInput.
struct SignedKemPreKey {
    PreKeyId id;
    Bytes publicKey;
    crypto::Ed25519Signature signature{};

    /// The signature checks out against `deviceSigningKey` and the key is an ML-KEM-768
    /// encapsulation key (size and modulus). InvalidKey / AuthenticationFailed otherwise.
    [[nodiscard]] Result<void> verify(const crypto::Ed25519PublicKey &deviceSigningKey) const;
};

/// The bytes a device signs for an ML-KEM prekey: label ‖ version ‖ KEM type ‖ u32 id ‖ key.
Bytes kemPreKeySigningInput(PreKeyId id, ByteView publicKey);

/// One of this device's ML-KEM-768 prekeys. A last-resort key is used by every initiator while
/// the one-time pool on the relay is empty and rotates like the signed prekey; a one-time key is
/// deleted with the first prekey message that uses it. Move-only: the secret half is in secure
/// memory (clone() copies it).
struct KemPreKeyRecord {
    SignedKemPreKey signedKey;
    SecureBytes secretKey;
    bool lastResort = false;
    std::int64_t createdAt = 0;

    [[nodiscard]] PreKeyId id() const { return signedKey.id; }
    [[nodiscard]] KemPreKeyRecord clone() const;

    /// A fresh key pair `id`, signed with `deviceSigningKey`.
    static KemPreKeyRecord generate(PreKeyId id, bool lastResort, const crypto::Ed25519KeyPair &deviceSigningKey,
                                    std::int64_t createdAt, crypto::RandomSource &rng);
};

} // namespace lapis::protocol
