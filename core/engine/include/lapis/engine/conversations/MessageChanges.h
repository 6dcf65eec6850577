// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/sending/Sender.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lapis::engine {

/// The disappearing-message timers the apps offer (seconds); any value up to
/// protocol::MaxExpireTimerSeconds is valid on the wire.
inline constexpr std::uint32_t OfferedExpireTimers[] = {30, 5 * 60, 3600, 8 * 3600, 86400, 7 * 86400, 28 * 86400};

/// A message erased because its disappearing time came.
struct ExpiredMessage {
    MessageId id;
    AccountId peer; ///< whose conversation it was in
};

/// Changing what was said: editing one's own message, deleting a message for oneself or (one's
/// own, within 24 hours) for everyone, and the conversation's disappearing-message timer. Every
/// change goes to the peer's devices and our own other devices like a message (outbox, downgrade
/// guard); groups reuse the same content (an Edit or Delete naming the message).
class MessageChanges {
public:
    MessageChanges(EngineContext &context, Sender &sender)
        : m_ctx(context)
        , m_sender(sender)
    {}

    /// Replaces the text of our message `id` in the conversation with `peer`; the earlier text
    /// stays in its edit history. NotFound when the conversation has no such message;
    /// PermissionDenied for someone else's message, a deleted one, a notice, or after 24 hours;
    /// InvalidArgument for an empty or over-long text.
    Result<SendReport> editMessage(const AccountId &peer, const MessageId &id, const std::string &newText);
    /// Erases our message `id` on every device of both sides, leaving "This message was deleted":
    /// its text, edit history, reactions, attachment files and the quotes of it. The same refusals
    /// as editMessage.
    Result<SendReport> deleteForEveryone(const AccountId &peer, const MessageId &id);
    /// Erases message `id` (anyone's) from this device only; nothing stays in its place.
    Result<void> deleteForMe(const AccountId &peer, const MessageId &id);
    /// The earlier texts of message `id`, oldest first.
    Result<std::vector<store::MessageVersion>> editHistory(const AccountId &peer, const MessageId &id);
    /// Sets the conversation's timer (0: off) on every device of both sides; messages sent from
    /// now on disappear that many seconds after sending (ours) or reading (theirs).
    /// InvalidArgument above protocol::MaxExpireTimerSeconds.
    Result<SendReport> setDisappearingTimer(const AccountId &peer, std::uint32_t seconds);
    /// The conversation's timer in seconds (0: off, also for a conversation not started yet).
    Result<std::uint32_t> disappearingTimer(const AccountId &peer);

private:
    /// Our message `id` of the conversation with `peer`, when it may still be changed.
    Result<store::StoredMessage> changeableMessage(const AccountId &peer, const MessageId &id);

    EngineContext &m_ctx;
    Sender &m_sender;
};

/// Erases every message whose disappearing time has come (row, attachment files, quotes of it).
/// Called when a profile opens (before anything
/// is shown), before a view reads messages, and every second while the engine listens.
Result<std::vector<ExpiredMessage>> eraseExpiredMessages(EngineContext &context);

} // namespace lapis::engine
