// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/DeviceTrust.h>
#include <lapis/engine/EngineContext.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/protocol/GroupState.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

class DeviceDirectory;

/// The longest text one message carries (UTF-8 bytes); a longer one goes as a file.
inline constexpr std::size_t MaxTextBytes = 64 * 1024;
/// The most messages sendTexts writes and encrypts in one store transaction (as many as a receiving
/// device stores in one, MaxReceiveBatch).
inline constexpr std::size_t MaxSendBatch = 128;
/// The most messages of a sendTexts burst in flight to the relay at once. A batch the relay
/// refuses (the device list changed) was encrypted but never delivered, so the receiving device
/// sees a gap in the ratchet's chain: those in flight plus the batch being sent and the one
/// prepared ahead. That gap stays within what a receiver skips (protocol::MaxSkipPerChain).
inline constexpr std::size_t MaxSendInFlight = 512;

/// The outcome of a send.
struct SendReport {
    MessageId id;
    bool endToEnd = true;
    bool acceptedByRelay = false; ///< false: kept in the outbox, retried on the next connection
    std::vector<RejectedDevice> ignoredDevices;
};

/// Sending messages: encrypted for every certified device of the recipient and of our own
/// account, stored with their outbox entries in one transaction, then handed to the relay.
class Sender {
public:
    Sender(EngineContext &context, DeviceDirectory &directory)
        : m_ctx(context)
        , m_directory(directory)
    {}

    /// Sends a text message. Refuses (PermissionDenied, with the reason) a plaintext send to a
    /// contact that had end-to-end devices unless `allowPlaintext`.
    Result<SendReport> sendText(const AccountId &to, const std::string &text, bool allowPlaintext);
    /// Sends several texts to one contact, in order, as a burst (a bot, a bridge, a script): the
    /// directory is resolved once, MaxSendBatch messages are written and encrypted per store
    /// transaction while the previous batch streams to the relay, and what the relay accepted is
    /// marked Sent in the next transaction. The same rules as sendText (downgrade guard, outbox,
    /// copies for our other devices, a changed device list resolved and encrypted for anew). One
    /// report per text, in order; a report not accepted by the relay means the message waits in
    /// the outbox. InvalidArgument, before anything is stored, for an empty text.
    Result<std::vector<SendReport>> sendTexts(const AccountId &to, const std::vector<std::string> &texts,
                                              bool allowPlaintext);
    /// Sends `text` as a reply to `replyTo`, a message of the conversation with `to`: it carries a
    /// quote (the message's id, its author and the start of its text) that is stored with the
    /// reply here and on every receiving device. NotFound when the conversation has no such
    /// message; otherwise as sendText.
    Result<SendReport> sendReply(const AccountId &to, const MessageId &replyTo, const std::string &text,
                                 bool allowPlaintext);
    /// Reacts to `target`, a message of the conversation with `to`, with `emoji` (replacing this
    /// account's earlier reaction to it), or withdraws the reaction when `remove`. Stored at once
    /// as our own reaction; sent like a message (outbox, our other devices, downgrade guard).
    Result<SendReport> sendReaction(const AccountId &to, const MessageId &target, const std::string &emoji, bool remove,
                                    bool allowPlaintext = false);
    /// Sends any data message; `withMessage` runs in the transaction that stores the message and
    /// its outbox entries.
    Result<SendReport> sendData(const AccountId &to, protocol::DataMessage message, bool allowPlaintext,
                                const std::function<Result<void>(store::Transaction &)> &withMessage = {});
    /// Tells the peer's devices that we started (or stopped) typing to them. Best effort: nothing
    /// is stored or retried, and nothing is sent with typing indicators off (Settings → Privacy)
    /// or to a contact reached without end-to-end encryption (the relay would read it).
    Result<void> sendTyping(const AccountId &to, bool started);
    /// Hands envelopes to the relay as one batch; false when the relay refused the device list.
    Result<bool> deliver(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext);
    /// Why `text` cannot be sent as a message (empty, over MaxTextBytes), if it cannot.
    static std::optional<std::string> textProblem(const std::string &text);

    /// Where sendData() sends to a group's conversation key ('#' and the group id): set by the
    /// engine to Groups::sendGroupData, so that what goes to a conversation (a file, a reaction,
    /// an edit, a delete, the timer) goes to a group's the same way.
    using GroupRoute = std::function<Result<SendReport>(const protocol::GroupId &, protocol::DataMessage,
                                                        const std::function<Result<void>(store::Transaction &)> &)>;
    void setGroupRoute(GroupRoute route) { m_groupRoute = std::move(route); }

private:
    EngineContext &m_ctx;
    DeviceDirectory &m_directory;
    GroupRoute m_groupRoute;
};

} // namespace lapis::engine
