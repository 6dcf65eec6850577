// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/LocalIdentity.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/store/MessageRepository.h>
#include <lapis/store/Transaction.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

/// At most this many waiting envelopes are stored in one receiving transaction: one commit (one
/// flush to disk) for what piled up, yet a short enough transaction that nothing waits long.
inline constexpr std::size_t MaxReceiveBatch = 128;
/// How long after sending its author may edit a message or delete it for everyone (by the
/// author's clock, which stamps both).
inline constexpr std::int64_t MessageChangeWindowMs = 24LL * 60 * 60 * 1000;
/// How long an edit or delete waits for its message before it is forgotten.
inline constexpr std::int64_t EarlyChangeRetentionMs = 30LL * 24 * 60 * 60 * 1000;

/// One envelope as the relay delivered it: the relay stamps the authenticated sender itself.
struct RelayDelivery {
    Bytes envelope;
    AccountId sender;
    DeviceId senderDevice;
    bool plaintext = false;       ///< the relay's flag: sent without end-to-end encryption
    std::int64_t relayTimeMs = 0; ///< when the relay says it stored it; never trusted for dedupe
};

/// What an incoming envelope turned into, for the views and the CLI.
struct IncomingEvent {
    /// PlaintextRefused: the relay delivered an unencrypted envelope in the name of an account
    /// that encrypts (its key is pinned, or it was ever reached end to end). Nothing was stored;
    /// `from` names the account, and the user is to be told.
    /// Unreadable: an envelope that can never be read (forged, malformed) was dropped; `text` says
    /// why. Counted by the engine (Engine::unreadableEnvelopes) and shown, never dropped silently.
    /// Edit and Delete (for everyone) name the changed message; one that came before its message
    /// is kept and applied when the message arrives. TimerChanged: `from` set the conversation's
    /// disappearing timer to expireTimerSeconds (a notice row is stored). Expired: the message
    /// `messageId` of `conversationPeer` reached its disappearing time and was erased.
    /// GroupChanged: a change `from` made to `group` took effect here (groupChange says which,
    /// groupMembers whom it is about). GroupRefused: a change `from` sent did not take effect
    /// (`text` says why; the group is unchanged). GroupKey: a member device's sending chain for
    /// `group` was taken (nothing to show). A group message is a Message (or SyncedMessage, from
    /// our own other device) with `group` set and conversationPeer the group's conversation key.
    enum class Kind {
        Message,
        SyncedMessage,
        Receipt,
        Reaction,
        Edit,
        Delete,
        Typing,
        TimerChanged,
        Expired,
        GroupChanged,
        GroupRefused,
        GroupKey,
        PlaintextRefused,
        Unreadable
    };
    Kind kind = Kind::Message;
    MessageId messageId;        ///< the message itself, or the one a receipt/reaction/edit/delete is about
    AccountId from;             ///< the sending account
    DeviceId fromDevice;        ///< the sending device
    AccountId conversationPeer; ///< whose conversation it belongs to (the destination, for a synced message)
    bool endToEnd = true;
    std::int64_t conversationId = 0;
    std::string text;
    std::vector<protocol::AttachmentPointer> attachments;
    std::vector<MessageId> receiptFor;
    store::MessageState receiptState = store::MessageState::Delivered;
    /// A reply's quote (Message, SyncedMessage). For a Reaction, `text` is the emoji, empty when
    /// the reaction was withdrawn.
    std::optional<protocol::Quote> quote;
    /// TimerChanged: the new timer; Message, SyncedMessage: the timer it was sent under (seconds).
    std::uint32_t expireTimerSeconds = 0;
    /// Typing: started (true) or stopped.
    bool typingStarted = false;
    /// Attachment files of an erased message, removed by the receiver once the transaction committed.
    std::vector<std::string> erasedFiles;
    /// A group message or change: the group.
    std::optional<protocol::GroupId> group;
    /// GroupChanged, GroupRefused: what the change does and whom it is about (for a creation,
    /// every first member).
    std::optional<protocol::GroupChange::Kind> groupChange;
    std::vector<AccountId> groupMembers;
};

/// A message taken by receive(), for the CLI and the views.
struct ReceivedItem {
    IncomingEvent event;
    /// For each of event.attachments, in order: its id in the store (0 when it has none). Nothing
    /// is decrypted on arrival; decryptAttachment / saveAttachmentIn make plaintext when asked.
    std::vector<std::int64_t> attachmentIds;
};

/// The event that reports an envelope from `from` that could not be read, and why.
IncomingEvent unreadableEvent(AccountId from, DeviceId device, std::string reason);

/// Turns relay deliveries into stored messages. Everything it writes goes into the caller's
/// transaction together with the new session state and the dedupe record, so a crash before
/// the commit loses nothing (the relay redelivers) and one after duplicates nothing.
class IncomingMessages {
public:
    /// `identity` is null for a plaintext-only account, which takes plaintext envelopes only.
    IncomingMessages(protocol::Address self, const LocalIdentity *identity, crypto::RandomSource &rng);

    /// Decrypts, checks and stores one delivery. nullopt when the envelope was processed before
    /// (ack it again and move on). Errors: Corrupt (malformed), AuthenticationFailed (tampered or
    /// not for this session), InvalidArgument (not for this device, or its sender differs from
    /// the relay's stamp), PermissionDenied (the sender's account key changed: the envelope is held
    /// until the user accepts the new key), Duplicate (a replay of a processed message).
    Result<std::optional<IncomingEvent>> process(store::Transaction &tx, const RelayDelivery &delivery,
                                                 std::int64_t nowMs);

    /// Whether the last failed process() was about the envelope itself (forged, malformed, not
    /// for this device, a content that can never apply): it can never be read, is acknowledged and
    /// counted. Otherwise (the store, the disk, a held key change) it stays with the relay.
    [[nodiscard]] bool lastFailureUnreadable() const { return m_lastFailureUnreadable; }
    /// With read receipts off (Settings → Privacy) a peer's read receipt counts as delivered only.
    void setShowsReadReceipts(bool shows) { m_showsReadReceipts = shows; }

private:
    Error unreadable(Error error)
    {
        m_lastFailureUnreadable = true;
        return error;
    }
    Result<bool> isNewEnvelope(store::Transaction &tx, const protocol::Envelope &envelope, std::int64_t nowMs);
    Result<bool> sendsEndToEnd(store::Transaction &tx, const AccountId &account);
    Result<IncomingEvent> apply(store::Transaction &tx, const protocol::Content &content, IncomingEvent event,
                                std::int64_t nowMs);
    Result<IncomingEvent> storeDataMessage(store::Transaction &tx, const protocol::DataMessage &data,
                                           IncomingEvent event, const AccountId &peer,
                                           store::MessageDirection direction, std::int64_t nowMs);
    /// A member's receipt for our message in a group, kept per member; false when `target` is no
    /// group message of ours or `member` is no member (then it counts for nothing).
    Result<bool> takeGroupReceipt(store::Transaction &tx, const MessageId &target, const AccountId &member,
                                  store::MessageState state, std::int64_t nowMs);
    Result<bool> belongsTo(store::Transaction &tx, const MessageId &target, const AccountId &peer);
    // Groups (IncomingGroups.cpp).
    /// A sender-key envelope: decrypted with the sending device's chain, checked (a member's
    /// chain, its owner the sender, the content's group the chain's) and stored.
    Result<IncomingEvent> receiveGroupMessage(store::Transaction &tx, const protocol::Envelope &envelope,
                                              std::int64_t nowMs);
    /// A group update over a pairwise session from `event.from`.
    Result<IncomingEvent> applyGroupUpdate(store::Transaction &tx, const protocol::GroupUpdate &update,
                                           IncomingEvent event, std::int64_t nowMs);
    /// A group update for a group this device holds no current membership of: the whole history,
    /// taken when its last change is the sender's, took effect and makes this account a member.
    Result<IncomingEvent> joinGroup(store::Transaction &tx, const protocol::GroupUpdate &update,
                                    const std::optional<protocol::GroupLog> &known, IncomingEvent event,
                                    std::int64_t nowMs);
    /// A member device's sending chain, over a pairwise session.
    Result<IncomingEvent> takeSenderKey(store::Transaction &tx, const protocol::SenderKeyDistribution &distribution,
                                        IncomingEvent event);
    /// A reaction, edit or delete for everyone of a message of the conversation `conversationId`.
    Result<IncomingEvent> applyChange(store::Transaction &tx, const protocol::DataMessage &data, IncomingEvent event,
                                      std::int64_t conversationId, std::int64_t nowMs);
    /// Applies the edits and deletes that arrived before `message` (just stored) to it.
    Result<void> applyEarlyChanges(store::Transaction &tx, const store::StoredMessage &message, IncomingEvent &event);
    /// An edit or delete for everyone of `message` by `author` at `changedAtMs`, checked (the
    /// author's own message, within the window) and applied. Refusals are unreadable.
    Result<void> changeMessage(store::Transaction &tx, const store::StoredMessage &message, const AccountId &author,
                               store::EarlyChange::Kind kind, const std::string &text, std::int64_t changedAtMs,
                               IncomingEvent &event);

    protocol::Address m_self;
    const LocalIdentity *m_identity;
    crypto::RandomSource &m_rng;
    bool m_lastFailureUnreadable = false;
    bool m_showsReadReceipts = true;
};

} // namespace lapis::engine
