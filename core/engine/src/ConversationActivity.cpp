// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationActivity.h"

#include <algorithm>

namespace lapis::engine {

Result<std::int64_t> ConversationActivity::conversationWith(store::Transaction &tx, const AccountId &peer,
                                                            std::int64_t nowMs)
{
    if (const auto known = m_conversations.find(peer); known != m_conversations.end())
        return known->second;
    LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findOrCreate(peer, peer.value(), nowMs));
    m_conversations.emplace(peer, conversation.id);
    return conversation.id;
}

void ConversationActivity::record(std::int64_t conversationId, std::int64_t atMs, int newUnread)
{
    auto [entry, added] = m_pending.try_emplace(conversationId, Pending{atMs, 0});
    entry->second.latestAtMs = std::max(entry->second.latestAtMs, atMs);
    entry->second.newUnread += newUnread;
}

Result<void> ConversationActivity::markEndToEnd(store::Transaction &tx, const AccountId &account)
{
    if (m_endToEnd.contains(account))
        return {};
    LAPIS_TRY(tx.contacts().markEndToEnd(account));
    m_endToEnd.insert(account);
    return {};
}

Result<void> ConversationActivity::writeBack(store::Transaction &tx)
{
    for (const auto &[conversationId, pending] : m_pending)
        LAPIS_TRY(tx.conversations().recordActivity(conversationId, pending.latestAtMs, pending.newUnread));
    m_pending.clear();
    return {};
}

} // namespace lapis::engine
