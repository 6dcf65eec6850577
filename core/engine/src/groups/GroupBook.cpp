// SPDX-License-Identifier: GPL-3.0-or-later
#include "../ConversationActivity.h"
#include "GroupBook.h"

#include <lapis/engine/groups/GroupNotice.h>
#include <lapis/protocol/Content.h>

#include <algorithm>

namespace lapis::engine {

AccountId groupConversationKey(const protocol::GroupId &group)
{
    return AccountId("#" + group.toHex());
}

std::optional<protocol::GroupId> groupOfConversationKey(const AccountId &key)
{
    const auto &text = key.value();
    if (text.size() != 1 + 2 * protocol::GroupId::Size || text.front() != '#')
        return std::nullopt;
    auto bytes = fromHex(std::string_view(text).substr(1));
    if (!bytes)
        return std::nullopt;
    auto id = protocol::GroupId::fromBytes(*bytes);
    if (!id)
        return std::nullopt;
    return *id;
}

Result<std::optional<protocol::GroupLog>> GroupBook::load(store::Transaction &tx, const protocol::GroupId &group)
{
    LAPIS_TRY_ASSIGN(const auto records, tx.groups().changes(group));
    if (records.empty())
        return std::optional<protocol::GroupLog>();
    LAPIS_TRY_ASSIGN(auto log, fold(group, records));
    return std::optional<protocol::GroupLog>(std::move(log));
}

Result<protocol::GroupLog> GroupBook::fold(const protocol::GroupId &group, const std::vector<Bytes> &records)
{
    std::vector<protocol::GroupChange> changes;
    for (const auto &record : records) {
        LAPIS_TRY_ASSIGN(auto change, protocol::deserializeGroupChange(record, group));
        changes.push_back(std::move(change));
    }
    const auto creation = std::find_if(changes.begin(), changes.end(), [](const protocol::GroupChange &c) {
        return c.kind == protocol::GroupChange::Kind::Create;
    });
    if (creation == changes.end())
        return fail(ErrorCode::Corrupt, "A group's kept history has no creation");
    LAPIS_TRY_ASSIGN(auto log, protocol::GroupLog::create(*creation));
    for (const auto &change : changes)
        if (change.kind != protocol::GroupChange::Kind::Create)
            (void)log.receive(change); // each kept change folds as it did when it arrived
    return log;
}

Result<GroupTransition> GroupBook::save(store::Transaction &tx, const protocol::GroupLog &log,
                                        const std::vector<protocol::GroupChange> &added,
                                        const protocol::GroupState &before, const AccountId &self, std::int64_t nowMs)
{
    GroupTransition transition;
    transition.before = before;
    transition.after = log.state();
    const auto &state = transition.after;
    LAPIS_TRY_ASSIGN(transition.conversationId,
                     ConversationActivity::of(tx).conversationWith(tx, groupConversationKey(state.id), nowMs));
    LAPIS_TRY(tx.conversations().setTitle(transition.conversationId, state.name));
    store::StoredGroup stored;
    stored.id = state.id;
    stored.name = state.name;
    stored.version = state.version;
    stored.conversationId = transition.conversationId;
    stored.isMember = state.isMember(self);
    for (const auto &member : state.members)
        stored.members.push_back({member.account, member.admin});
    LAPIS_TRY(tx.groups().saveState(stored));
    for (const auto &change : added)
        if (log.holds(change.changeId))
            LAPIS_TRY(tx.groups().addChange(state.id, change.changeId, protocol::serializeGroupChange(change)));

    for (const auto &member : before.members)
        if (!state.isMember(member.account))
            transition.removed.push_back(member.account);
    for (const auto &member : state.members)
        if (!before.isMember(member.account))
            transition.added.push_back(member.account);
    if (!transition.removed.empty() || !stored.isMember) {
        // Nothing sent from now on may be readable with a chain a removed member holds.
        LAPIS_TRY(tx.groups().dropSendingChain(state.id));
        for (const auto &account : transition.removed)
            LAPIS_TRY(tx.groups().dropReceivingChainsOf(state.id, account));
    }
    return transition;
}

Result<void> GroupBook::recordNotice(store::Transaction &tx, std::int64_t conversationId,
                                     const protocol::GroupChange &change, const protocol::GroupState &after,
                                     const AccountId &self, std::int64_t nowMs)
{
    GroupNotice notice;
    notice.kind = change.kind;
    notice.name = change.name;
    if (change.kind == protocol::GroupChange::Kind::Create) {
        for (const auto &member : after.members)
            if (!(member.account == change.author))
                notice.members.push_back(member.account);
    } else if (change.kind != protocol::GroupChange::Kind::Leave) {
        notice.members = change.targets;
    }
    const bool ours = change.author == self;
    store::StoredMessage row;
    row.id = change.changeId;
    row.conversationId = conversationId;
    row.sender = change.author;
    row.direction = ours ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming;
    row.text = encodeGroupNotice(notice);
    row.sentAtMs = nowMs;
    if (!ours)
        row.receivedAtMs = nowMs;
    row.state = ours ? store::MessageState::Sent : store::MessageState::Delivered;
    row.kind = store::MessageKind::GroupChanged;
    auto inserted = tx.messages().insert(row);
    if (!inserted.ok() && inserted.error().code != ErrorCode::Duplicate)
        return inserted;
    ConversationActivity::of(tx).record(conversationId, nowMs, 0);
    return {};
}

} // namespace lapis::engine
