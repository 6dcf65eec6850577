// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Address.h>
#include <lapis/protocol/GroupState.h>

#include <array>
#include <cstdint>
#include <map>

namespace lapis::protocol {

/// How many messages a receiver skips ahead in one sender's chain at the most (lost or reordered
/// group messages); a message further ahead is refused.
inline constexpr std::uint32_t MaxSenderKeySkip = 2000;
/// How many message keys of skipped messages a receiver keeps per chain (the oldest go first).
inline constexpr std::size_t MaxSenderKeySkipped = 2000;

using SenderKeyId = std::array<std::uint8_t, 16>;

/// What a member device hands each other member device over their pairwise session so that they
/// can read its group messages from `iteration` on (never the ones before: a new member cannot
/// read what was sent before it joined).
struct SenderKeyDistribution {
    GroupId group;
    SenderKeyId keyId{};
    std::uint32_t iteration = 0;
    SecretArray<32> chainKey;
    crypto::Ed25519PublicKey signingKey;

    [[nodiscard]] WipedBytes serialize() const;
    /// Corrupt for anything malformed (length, version, a signing key that is no Ed25519 key).
    static Result<SenderKeyDistribution> deserialize(ByteView bytes);
};

/// One device's sending chain in one group (PROTOCOL.md §15, "Sender keys"): each message is
/// encrypted once for every member under its own key from a symmetric ratchet and signed with the
/// chain's signing key, so a member who holds the chain key still cannot forge the sender.
class SenderKeySender {
public:
    static SenderKeySender create(const GroupId &group, crypto::RandomSource &rng = crypto::systemRandom());

    /// The distribution for a member joining now: reads from the next message on.
    [[nodiscard]] SenderKeyDistribution distribution() const;
    /// Encrypts and signs `plaintext`; `associatedData` (the group and the sender's address) is
    /// bound by both. Advances the chain: the message key is gone afterwards.
    Result<Bytes> encrypt(ByteView plaintext, ByteView associatedData);

    [[nodiscard]] const SenderKeyId &keyId() const { return m_keyId; }
    [[nodiscard]] std::uint32_t iteration() const { return m_iteration; }
    /// The chain at rest (it holds the chain key and the signing seed: store it encrypted).
    [[nodiscard]] WipedBytes serialize() const;
    static Result<SenderKeySender> deserialize(ByteView bytes);

private:
    SenderKeySender(const GroupId &group, const SenderKeyId &keyId, std::uint32_t iteration,
                    const SecretArray<32> &chainKey, crypto::Ed25519KeyPair signing);

    GroupId m_group;
    SenderKeyId m_keyId;
    std::uint32_t m_iteration = 0;
    SecretArray<32> m_chainKey;
    crypto::Ed25519KeyPair m_signing;
};

/// Another device's chain in one group, as a receiving device keeps it.
class SenderKeyReceiver {
public:
    static SenderKeyReceiver fromDistribution(const SenderKeyDistribution &distribution);

    /// The plaintext of a message of this chain. The signature is checked before anything else;
    /// AuthenticationFailed for a forged, altered or replayed message (its key is used up),
    /// NotFound for another chain's message (another key id), LimitExceeded for one more than
    /// MaxSenderKeySkip ahead, Corrupt for a malformed one. A refused message changes nothing.
    Result<WipedBytes> decrypt(ByteView message, ByteView associatedData);

    [[nodiscard]] const SenderKeyId &keyId() const { return m_keyId; }
    [[nodiscard]] WipedBytes serialize() const;
    static Result<SenderKeyReceiver> deserialize(ByteView bytes);

private:
    SenderKeyReceiver() = default;

    GroupId m_group;
    SenderKeyId m_keyId{};
    std::uint32_t m_iteration = 0; ///< the next message's iteration
    SecretArray<32> m_chainKey;
    crypto::Ed25519PublicKey m_signingKey;
    std::map<std::uint32_t, SecretArray<32>> m_skipped;
};

/// What a group message binds (the associated data of SenderKeySender::encrypt): the group id,
/// then the sending device's address (appendAddress). A message replayed into another group or
/// claimed by another device fails to verify.
[[nodiscard]] Bytes senderKeyAssociatedData(const GroupId &group, const Address &sender);

/// The key id of a sender-key message (to find its chain), without checking anything else.
Result<SenderKeyId> senderKeyIdOf(ByteView message);

} // namespace lapis::protocol
