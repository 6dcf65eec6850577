// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/store/Transaction.h>

namespace lapis::engine {

/// The message `id` when it belongs to the conversation with `peer`; NotFound otherwise, so that
/// nobody can quote, react to or change a message of another conversation.
inline Result<store::StoredMessage> messageOfConversation(store::Transaction &tx, const AccountId &peer,
                                                          const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto message, tx.messages().find(id));
    if (message) {
        LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().find(message->conversationId));
        if (conversation && conversation->peer == peer)
            return std::move(*message);
    }
    return fail(ErrorCode::NotFound, "The conversation with " + peer.value() + " has no message " + id.toHex());
}

} // namespace lapis::engine
