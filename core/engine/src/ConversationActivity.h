// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/store/Transaction.h>

#include <cstdint>
#include <map>
#include <set>

namespace lapis::engine {

/// What the messages of one transaction do to their conversations and contacts, gathered per
/// transaction: a batch of 128 messages with one peer looks its conversation up once, marks the
/// contact as reached end to end once, and moves the conversation's last activity and unread
/// count in one write just before the commit. The result on disk is the same as one write per
/// message (the latest time, the sum of the unread counts); nothing in a batch reads them back.
class ConversationActivity final : public store::TransactionState {
public:
    /// This transaction's activity: `tx.state<ConversationActivity>()`, looked up at each use
    /// because a failed savepoint drops it.
    static ConversationActivity &of(store::Transaction &tx) { return tx.state<ConversationActivity>(); }

    /// The conversation with `peer`, made if there is none.
    Result<std::int64_t> conversationWith(store::Transaction &tx, const AccountId &peer, std::int64_t nowMs);
    /// Counts a message at `atMs` (and `newUnread` unread ones) towards the conversation.
    void record(std::int64_t conversationId, std::int64_t atMs, int newUnread);
    /// Marks `account` as one that has been reached end to end.
    Result<void> markEndToEnd(store::Transaction &tx, const AccountId &account);

    Result<void> writeBack(store::Transaction &tx) override;

private:
    struct Pending {
        std::int64_t latestAtMs = 0;
        int newUnread = 0;
    };
    std::map<AccountId, std::int64_t> m_conversations;
    std::map<std::int64_t, Pending> m_pending;
    std::set<AccountId> m_endToEnd;
};

} // namespace lapis::engine
