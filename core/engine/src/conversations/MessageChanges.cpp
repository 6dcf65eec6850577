// SPDX-License-Identifier: GPL-3.0-or-later
// Edits, deletes (for me and for everyone) and the conversation's disappearing timer, sent as
// data messages through Sender::sendData; OutgoingMessages::prepare applies them here as the
// receiving devices do (IncomingMessages).
#include "../ConversationMessages.h"

#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/conversations/MessageChanges.h>
#include <lapis/protocol/Limits.h>

namespace lapis::engine {

Result<store::StoredMessage> MessageChanges::changeableMessage(const AccountId &peer, const MessageId &id)
{
    LAPIS_TRY_ASSIGN(
        auto message,
        m_ctx.store->transact([&](store::Transaction &tx) { return messageOfConversation(tx, peer, id); }).get());
    if (!(message.sender == m_ctx.account))
        return fail(ErrorCode::PermissionDenied, "Only your own messages can be edited or deleted for everyone");
    if (message.deleted)
        return fail(ErrorCode::PermissionDenied, "This message was deleted");
    if (message.kind != store::MessageKind::Text)
        return fail(ErrorCode::PermissionDenied, "A notice cannot be edited or deleted for everyone");
    if (m_ctx.nowMs() - message.sentAtMs > MessageChangeWindowMs)
        return fail(ErrorCode::PermissionDenied,
                    "A message can be edited or deleted for everyone only within 24 hours of sending");
    return message;
}

Result<SendReport> MessageChanges::editMessage(const AccountId &peer, const MessageId &id, const std::string &newText)
{
    if (auto problem = Sender::textProblem(newText))
        return fail(ErrorCode::InvalidArgument, "The new text " + *problem);
    LAPIS_TRY_ASSIGN(auto message, changeableMessage(peer, id));
    protocol::DataMessage change;
    change.edit = protocol::Edit{id, newText};
    // A change travels the way its message did: a green conversation's message was accepted
    // without encryption already.
    return m_sender.sendData(peer, std::move(change), !message.endToEnd);
}

Result<SendReport> MessageChanges::deleteForEveryone(const AccountId &peer, const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto message, changeableMessage(peer, id));
    protocol::DataMessage change;
    change.deletion = protocol::Delete{id};
    return m_sender.sendData(peer, std::move(change), !message.endToEnd);
}

Result<void> MessageChanges::deleteForMe(const AccountId &peer, const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto erased, m_ctx.store
                                      ->transact([&](store::Transaction &tx) -> Result<store::ErasedMessage> {
                                          LAPIS_TRY(messageOfConversation(tx, peer, id));
                                          LAPIS_TRY_ASSIGN(auto out, tx.messages().erase(id, store::Erasure::Remove));
                                          if (out.wasIndexed)
                                              LAPIS_TRY(tx.messages().compactSearchIndex());
                                          return out;
                                      })
                                      .get());
    m_ctx.removeAttachmentFiles(erased.files);
    return {};
}

Result<std::vector<store::MessageVersion>> MessageChanges::editHistory(const AccountId &peer, const MessageId &id)
{
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<std::vector<store::MessageVersion>> {
            LAPIS_TRY(messageOfConversation(tx, peer, id));
            return tx.messages().editHistory(id);
        })
        .get();
}

Result<SendReport> MessageChanges::setDisappearingTimer(const AccountId &peer, std::uint32_t seconds)
{
    if (seconds > protocol::MaxExpireTimerSeconds)
        return fail(ErrorCode::InvalidArgument, "Messages can disappear after four weeks at the longest");
    LAPIS_TRY_ASSIGN(auto endToEnd, m_ctx.store
                                        ->transact([&](store::Transaction &tx) -> Result<bool> {
                                            LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(peer));
                                            return contact
                                                   && (!contact->pinnedAccountKey.empty() || contact->everHadEndToEnd);
                                        })
                                        .get());
    protocol::DataMessage change;
    change.timerUpdate = true;
    change.expireTimer = seconds;
    // As the conversation's messages go: the downgrade guard still refuses plaintext to a contact
    // that had end-to-end devices.
    return m_sender.sendData(peer, std::move(change), !endToEnd);
}

Result<std::uint32_t> MessageChanges::disappearingTimer(const AccountId &peer)
{
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<std::uint32_t> {
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            return conversation ? conversation->expireTimerSeconds : 0U;
        })
        .get();
}

Result<std::vector<ExpiredMessage>> eraseExpiredMessages(EngineContext &context)
{
    constexpr int chunk = 200;
    std::vector<ExpiredMessage> expired;
    for (;;) {
        const auto now = context.nowMs();
        std::vector<std::string> files;
        LAPIS_TRY_ASSIGN(auto erased,
                         context.store
                             ->transact([&](store::Transaction &tx) -> Result<std::vector<ExpiredMessage>> {
                                 std::vector<ExpiredMessage> out;
                                 LAPIS_TRY_ASSIGN(auto ids, tx.messages().expiredAt(now, chunk));
                                 for (const auto &id : ids) {
                                     LAPIS_TRY_ASSIGN(auto message, tx.messages().find(id));
                                     if (!message)
                                         continue;
                                     LAPIS_TRY_ASSIGN(auto conversation,
                                                      tx.conversations().find(message->conversationId));
                                     // Never indexed for search (schema 11): nothing to compact.
                                     LAPIS_TRY_ASSIGN(auto gone, tx.messages().erase(id, store::Erasure::Remove));
                                     files.insert(files.end(), gone.files.begin(), gone.files.end());
                                     out.push_back({id, conversation ? conversation->peer : AccountId()});
                                 }
                                 return out;
                             })
                             .get());
        context.removeAttachmentFiles(files);
        const bool more = erased.size() == static_cast<std::size_t>(chunk);
        expired.insert(expired.end(), erased.begin(), erased.end());
        if (!more)
            return expired;
    }
}

} // namespace lapis::engine
