// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/DeviceTrust.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/store/Transaction.h>

#include <map>
#include <optional>
#include <vector>

namespace lapis::engine {

/// One envelope for one device, ready for the relay.
struct OutgoingEnvelope {
    AccountId recipient;
    DeviceId device;
    Bytes envelope;
    bool plaintext = false;
};

/// Where a message goes, as decided from the relay's directory before the transaction:
/// the recipient's certified devices (or, for the green route, its listed devices), our own
/// other certified devices (for the sync transcript), and a prekey bundle for each device we
/// have no session with yet.
struct SendTargets {
    Route route = Route::EndToEnd;
    std::vector<DeviceId> recipientDevices;
    std::vector<DeviceId> ownOtherDevices;
    std::map<protocol::Address, protocol::PreKeyBundle> bundles;
};

/// A message written and encrypted: its row is in the store (pending) with one outbox entry per
/// envelope, all in the caller's transaction.
struct PreparedMessage {
    MessageId id;
    std::int64_t conversationId = 0;
    std::vector<OutgoingEnvelope> toRecipient;
    std::vector<OutgoingEnvelope> toOwnDevices;
    /// A delete for everyone: the erased message's attachment files, to remove after the commit.
    std::vector<std::string> erasedFiles;
};

/// Writes and encrypts outgoing messages. No network here: the engine fetched the directory and
/// bundles before, and sends the envelopes after the commit.
class OutgoingMessages {
public:
    /// `identity` is null for a plaintext-only account, which sends plaintext only.
    OutgoingMessages(protocol::Address self, const LocalIdentity *identity, crypto::RandomSource &rng);

    /// Stores `message` as a pending message to `to` and encrypts it to every target device, with
    /// a sync transcript for our other devices. A device without a session needs its bundle in
    /// `targets` (X3DH runs here); a bundle that does not verify fails the whole message
    /// (the caller refreshes the directory). DowngradeRefused routes are refused with the reason.
    Result<PreparedMessage> prepare(store::Transaction &tx, const AccountId &to, const protocol::DataMessage &message,
                                    const SendTargets &targets, std::int64_t nowMs);

    /// Encrypts `message`, stored already as `id`, again for `to`'s devices in `targets`, after the
    /// relay refused its batch because the device list changed; the new envelopes replace the
    /// recipient's outbox entries (those for our own devices stay).
    Result<std::vector<OutgoingEnvelope>> reencrypt(store::Transaction &tx, const AccountId &to, const MessageId &id,
                                                    const protocol::DataMessage &message, const SendTargets &targets,
                                                    std::int64_t nowMs);

    /// Envelopes for a content without a message row (receipts, typing) to `to`'s devices.
    Result<std::vector<OutgoingEnvelope>> prepareControl(store::Transaction &tx, const AccountId &to,
                                                         const protocol::Content &content, const SendTargets &targets,
                                                         std::int64_t nowMs);

    /// Where our own copy of a message goes.
    struct OwnCopy {
        MessageId id;
        std::int64_t conversationId = 0;
        protocol::Address self;
        bool endToEnd = true;
    };
    /// Stores our own copy of `message` as the receiving devices will store theirs: a reaction,
    /// an edit or a delete for everyone is applied to its target (a deleted message's attachment
    /// files land in `erasedFiles`, to remove after the commit); a message or a timer change gets
    /// its row. Returns the message as it travels: a message carries the conversation's timer.
    static Result<protocol::DataMessage> storeOwnCopy(store::Transaction &tx, const OwnCopy &copy,
                                                      const protocol::DataMessage &message,
                                                      std::vector<std::string> &erasedFiles);

    /// The relay accepted message `id` for its recipient: Sent, and out of the outbox.
    static Result<void> markSent(store::Transaction &tx, const MessageId &id);
    /// Keeps `envelopes` in the outbox under `id` until the relay takes them.
    static Result<void> enqueue(store::Transaction &tx, const MessageId &id,
                                const std::vector<OutgoingEnvelope> &envelopes, std::int64_t nowMs);

private:
    Result<std::vector<OutgoingEnvelope>> encryptTo(store::Transaction &tx, const AccountId &account,
                                                    const std::vector<DeviceId> &devices, ByteView plaintext,
                                                    bool plaintextRoute, const SendTargets &targets,
                                                    std::int64_t nowMs);

    protocol::Address m_self;
    const LocalIdentity *m_identity;
    crypto::RandomSource &m_rng;
};

} // namespace lapis::engine
