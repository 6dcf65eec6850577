// SPDX-License-Identifier: GPL-3.0-or-later
// Replies (a message quoting another) and reactions, sent through sendData like a text.
#include "../ConversationMessages.h"

#include <lapis/engine/sending/Sender.h>
#include <lapis/protocol/Limits.h>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<SendReport> Sender::sendReply(const AccountId &to, const MessageId &replyTo, const std::string &text,
                                     bool allowPlaintext)
{
    if (auto problem = textProblem(text))
        return fail(ErrorCode::InvalidArgument, "The message " + *problem);
    LAPIS_TRY_ASSIGN(
        auto quoted,
        m_ctx.store->transact([&](store::Transaction &tx) { return messageOfConversation(tx, to, replyTo); }).get());
    protocol::DataMessage message;
    message.text = text;
    // A deleted message is still quoted by reference and author, but its words are gone.
    message.quote =
        protocol::Quote{replyTo, quoted.sender, quoted.deleted ? std::string() : protocol::quoteExcerpt(quoted.text)};
    return sendData(to, std::move(message), allowPlaintext);
}

Result<SendReport> Sender::sendReaction(const AccountId &to, const MessageId &target, const std::string &emoji,
                                        bool remove, bool allowPlaintext)
{
    if (!remove && emoji.empty())
        return fail(ErrorCode::InvalidArgument, "The reaction has no emoji");
    if (emoji.size() > protocol::MaxReactionEmojiSize)
        return fail(ErrorCode::InvalidArgument, "A reaction is one emoji, not text");
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      LAPIS_TRY(messageOfConversation(tx, to, target));
                      return {};
                  })
                  .get());
    protocol::DataMessage message;
    message.reaction = protocol::Reaction{target, remove ? std::string() : emoji, remove};
    // OutgoingMessages::prepare stores it as our own reaction, in the transaction that queues it.
    return sendData(to, std::move(message), allowPlaintext);
}

} // namespace lapis::engine
