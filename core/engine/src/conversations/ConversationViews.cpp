// SPDX-License-Identifier: GPL-3.0-or-later
// What the views are built from: the conversation list, pages of messages, history and search.
#include <lapis/engine/conversations/ConversationViews.h>
#include <lapis/engine/conversations/MessageChanges.h>
#include <lapis/engine/groups/Groups.h>

#include <algorithm>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
AttachmentSummary summarize(const store::StoredAttachment &attachment)
{
    AttachmentSummary out;
    out.id = attachment.id;
    out.fileName = attachment.fileName;
    out.mimeType = attachment.mimeType;
    out.size = attachment.size;
    out.state = attachment.state;
    return out;
}

/// The attachments of a page's messages. A file name is the sender's text, shown, never a path.
Result<void> addAttachments(store::Transaction &tx, MessagePageView &view)
{
    for (const auto &message : view.page.messages) {
        LAPIS_TRY_ASSIGN(auto attachments, tx.attachments().forMessage(message.id));
        if (attachments.empty())
            continue;
        auto &list = view.attachments[message.id.toHex()];
        for (const auto &attachment : attachments) {
            auto summary = summarize(attachment);
            summary.incoming = message.direction == store::MessageDirection::Incoming;
            list.push_back(std::move(summary));
        }
    }
    return {};
}
} // namespace

Result<std::vector<ConversationSummary>> ConversationViews::conversations()
{
    LAPIS_TRY(eraseExpiredMessages(m_ctx)); // nothing is shown past its time
    return m_ctx.store
        ->transact([](store::Transaction &tx) -> Result<std::vector<ConversationSummary>> {
            LAPIS_TRY_ASSIGN(auto list, tx.conversations().list());
            std::vector<ConversationSummary> out;
            out.reserve(list.size());
            for (auto &conversation : list) {
                ConversationSummary summary;
                LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation.id, 1));
                if (!page.messages.empty())
                    summary.lastMessage = std::move(page.messages.front());
                if (const auto group = groupOfConversationKey(conversation.peer)) {
                    LAPIS_TRY_ASSIGN(const auto stored, tx.groups().find(*group));
                    summary.isGroup = true;
                    // Stage 2 admits only members reached end to end (Groups::requireEndToEnd).
                    summary.endToEnd = true;
                    summary.groupMembers = stored ? stored->members.size() : 0;
                    summary.groupMember = stored && stored->isMember;
                    summary.conversation = std::move(conversation);
                    out.push_back(std::move(summary));
                    continue;
                }
                LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(conversation.peer));
                // Blue once the contact has an account key (end to end is possible), green otherwise.
                summary.endToEnd = contact && (!contact->pinnedAccountKey.empty() || contact->everHadEndToEnd);
                if (!contact && summary.lastMessage)
                    summary.endToEnd = summary.lastMessage->endToEnd;
                if (contact)
                    summary.verification = contact->verification;
                summary.conversation = std::move(conversation);
                out.push_back(std::move(summary));
            }
            return out;
        })
        .get();
}

Result<MessagePageView> ConversationViews::messagePage(const AccountId &peer, int limit,
                                                       const std::optional<store::MessageCursor> &before)
{
    LAPIS_TRY(eraseExpiredMessages(m_ctx)); // nothing is shown past its time
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return view;
            view.conversationId = conversation->id;
            LAPIS_TRY_ASSIGN(view.page, tx.messages().page(conversation->id, limit, before));
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<MessagePageView> ConversationViews::messagePageAfter(const AccountId &peer, int limit,
                                                            const store::MessageCursor &after)
{
    LAPIS_TRY(eraseExpiredMessages(m_ctx)); // nothing is shown past its time
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return view;
            view.conversationId = conversation->id;
            LAPIS_TRY_ASSIGN(auto newer, tx.messages().pageAfter(conversation->id, limit, after));
            view.hasNewer = newer.next.has_value();
            view.page.messages = std::move(newer.messages);
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<MessagePageView> ConversationViews::messagePageAround(const AccountId &peer, const MessageId &message, int limit)
{
    LAPIS_TRY(eraseExpiredMessages(m_ctx)); // nothing is shown past its time
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            LAPIS_TRY_ASSIGN(auto found, tx.messages().find(message));
            if (!conversation || !found || found->conversationId != conversation->id)
                return fail(ErrorCode::NotFound, "The conversation with " + peer.value() + " has no such message");
            view.conversationId = conversation->id;
            const store::MessageCursor at{found->sentAtMs, found->sequence};
            const int newerCount = std::max(limit, 1) / 2;
            const int olderCount = std::max(std::max(limit, 1) - newerCount - 1, 1);
            LAPIS_TRY_ASSIGN(auto newer, tx.messages().pageAfter(conversation->id, newerCount, at));
            LAPIS_TRY_ASSIGN(auto older, tx.messages().page(conversation->id, olderCount, at));
            view.hasNewer = newer.next.has_value();
            view.page.messages = std::move(newer.messages);
            view.page.messages.push_back(std::move(*found));
            for (auto &m : older.messages)
                view.page.messages.push_back(std::move(m));
            view.page.next = older.next;
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<std::vector<store::StoredMessage>> ConversationViews::history(const AccountId &peer, int limit)
{
    LAPIS_TRY(eraseExpiredMessages(m_ctx)); // nothing is shown past its time
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<std::vector<store::StoredMessage>> {
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return std::vector<store::StoredMessage>{};
            LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation->id, limit));
            std::reverse(page.messages.begin(), page.messages.end()); // oldest first, as people read
            return std::move(page.messages);
        })
        .get();
}

Result<std::vector<store::StoredMessage>> ConversationViews::search(const std::string &text, int limit)
{
    return m_ctx.store->transact([&](store::Transaction &tx) { return tx.messages().search(text, limit); }).get();
}

Result<std::size_t> ConversationViews::indexSearchBacklog(std::size_t limit)
{
    return m_ctx.store->transact([&](store::Transaction &tx) { return tx.messages().indexSearchBacklog(limit); }).get();
}

} // namespace lapis::engine
