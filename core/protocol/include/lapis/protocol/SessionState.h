// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/X25519.h>
#include <lapis/protocol/Address.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace lapis::protocol {

/// One sending or receiving chain of the Double Ratchet.
struct ChainKey {
    SecretArray<32> key;
    std::uint32_t index = 0; ///< the counter of the next message on this chain
};

/// A message key kept for a message that has not arrived yet.
struct SkippedMessageKey {
    crypto::X25519PublicKey ratchetKey;
    std::uint32_t index = 0;
    SecretArray<32> messageKey;
    std::int64_t storedAt = 0; ///< seconds since the epoch, as passed to decrypt
};

/// The prekeys an initiator's first messages name, until the responder answers.
struct PendingPreKey {
    PreKeyId signedPreKeyId;
    std::optional<PreKeyId> oneTimePreKeyId;
    /// PQXDH: the ML-KEM prekey encapsulated to and the ciphertext, repeated in every prekey
    /// message until the responder answers.
    std::optional<PreKeyId> kemPreKeyId;
    Bytes kemCiphertext;
};

/// The state of one Double Ratchet session with one peer device. A plain value: the ratchet
/// works on copies and commits them only when a message authenticates.
struct SessionState {
    bool initiator = false;
    Address local;
    Address remote;
    crypto::X25519PublicKey localIdentityKey;  ///< our device's X25519 identity key
    crypto::X25519PublicKey remoteIdentityKey; ///< the peer device's, from its certificate
    crypto::X25519PublicKey baseKey;           ///< the initiator's X3DH ephemeral key: names the session
    SecretArray<32> rootKey;
    crypto::X25519KeyPair ourRatchet;
    std::optional<crypto::X25519PublicKey> theirRatchet;
    /// Absent after a DH step on receipt: the next encrypt makes a new ratchet key first.
    std::optional<ChainKey> sendChain;
    std::optional<ChainKey> recvChain;
    std::uint32_t previousCounter = 0;      ///< messages sent on our previous sending chain
    std::vector<SkippedMessageKey> skipped; ///< oldest first (vectors: an empty one costs no allocation)
    std::vector<crypto::X25519PublicKey> previousTheirRatchetKeys; ///< newest last
    std::optional<PendingPreKey> pendingPreKey;
    std::int64_t createdAt = 0;
    bool receivedAny = false;
    /// Set up with PQXDH (an ML-KEM shared secret in the root key), not X3DH alone.
    bool postQuantum = false;

    /// BLAKE2b-256 bindings of both identity keys and both addresses, one per direction
    /// (PROTOCOL.md, "Associated data"). Derived; recomputed by computeBindings().
    std::array<std::uint8_t, 32> sendBinding{};
    std::array<std::uint8_t, 32> recvBinding{};
    void computeBindings();

    /// The initiator's identity key (the one that sorts a simultaneous initiation).
    [[nodiscard]] const crypto::X25519PublicKey &initiatorIdentityKey() const
    {
        return initiator ? localIdentityKey : remoteIdentityKey;
    }
};

} // namespace lapis::protocol
