// SPDX-License-Identifier: GPL-3.0-or-later
// Group membership as every member's device computes it (PROTOCOL.md §15): who may change what,
// and one order for concurrent changes, so that all devices agree without asking anyone.
#include <lapis/protocol/GroupState.h>

#include <algorithm>

namespace lapis::protocol {

namespace {

bool orderedBefore(const GroupChange &a, const GroupChange &b)
{
    if (a.baseVersion != b.baseVersion)
        return a.baseVersion < b.baseVersion;
    return a.changeId < b.changeId;
}

Error refused(GroupRefusal why, GroupRefusal *out)
{
    if (out)
        *out = why;
    return Error{why == GroupRefusal::NotAMember || why == GroupRefusal::NotAnAdmin ? ErrorCode::PermissionDenied
                                                                                    : ErrorCode::InvalidArgument,
                 refusalText(why)};
}

/// After a removal or a leave: a group never stays without an admin. The member first by
/// account name becomes one, the same choice on every device.
void keepAnAdmin(GroupState &state)
{
    if (state.members.empty())
        return;
    if (std::none_of(state.members.begin(), state.members.end(), [](const GroupMember &m) { return m.admin; }))
        state.members.front().admin = true;
}

} // namespace

const GroupMember *GroupState::member(const AccountId &account) const
{
    const auto it = std::lower_bound(members.begin(), members.end(), account,
                                     [](const GroupMember &m, const AccountId &a) { return m.account < a; });
    return it != members.end() && it->account == account ? &*it : nullptr;
}

bool GroupState::isAdmin(const AccountId &account) const
{
    const auto *m = member(account);
    return m && m->admin;
}

const char *refusalText(GroupRefusal refusal)
{
    switch (refusal) {
    case GroupRefusal::None:
        return "";
    case GroupRefusal::NotAMember:
        return "The change comes from someone who is not a member of the group";
    case GroupRefusal::NotAnAdmin:
        return "Only the group's admins can make this change";
    case GroupRefusal::Stale:
        return "The change was made on an old version of the group";
    case GroupRefusal::Future:
        return "The change was made on a version of the group this device has not seen yet";
    case GroupRefusal::WrongGroup:
        return "The change is for another group";
    case GroupRefusal::Invalid:
        return "The change does not apply to the group as it is";
    case GroupRefusal::Duplicate:
        return "The change was applied already";
    }
    return "The change was refused";
}

Result<GroupState> applyGroupChange(const GroupState &state, const GroupChange &change, GroupRefusal *refusal)
{
    if (refusal)
        *refusal = GroupRefusal::None;
    GroupState next = state;
    if (change.kind == GroupChange::Kind::Create) {
        if (state.version != 0)
            return refused(GroupRefusal::Invalid, refusal);
        if (change.author.value().empty() || change.name.empty() || change.name.size() > MaxGroupNameBytes)
            return refused(GroupRefusal::Invalid, refusal);
        next.id = change.group;
        next.name = change.name;
        next.members = {{change.author, true}};
        for (const auto &target : change.targets)
            if (!next.isMember(target) && !target.value().empty())
                next.members.insert(
                    std::upper_bound(next.members.begin(), next.members.end(), target,
                                     [](const AccountId &a, const GroupMember &m) { return a < m.account; }),
                    GroupMember{target, false});
        if (next.members.size() > MaxGroupMembers)
            return refused(GroupRefusal::Invalid, refusal);
        next.version = 1;
        return next;
    }
    if (!(change.group == state.id))
        return refused(GroupRefusal::WrongGroup, refusal);
    if (!state.isMember(change.author))
        return refused(GroupRefusal::NotAMember, refusal);
    const bool needsAdmin = change.kind != GroupChange::Kind::Leave;
    if (needsAdmin && !state.isAdmin(change.author))
        return refused(GroupRefusal::NotAnAdmin, refusal);
    bool changed = false;
    switch (change.kind) {
    case GroupChange::Kind::Add:
        for (const auto &target : change.targets) {
            if (target.value().empty() || next.isMember(target))
                continue;
            next.members.insert(
                std::upper_bound(next.members.begin(), next.members.end(), target,
                                 [](const AccountId &a, const GroupMember &m) { return a < m.account; }),
                GroupMember{target, false});
            changed = true;
        }
        if (next.members.size() > MaxGroupMembers)
            return refused(GroupRefusal::Invalid, refusal);
        break;
    case GroupChange::Kind::Remove:
        for (const auto &target : change.targets) {
            if (target == change.author) // one leaves by Leave, so a removal is always someone else's
                continue;
            const auto before = next.members.size();
            std::erase_if(next.members, [&](const GroupMember &m) { return m.account == target; });
            changed = changed || next.members.size() != before;
        }
        keepAnAdmin(next);
        break;
    case GroupChange::Kind::Leave:
        std::erase_if(next.members, [&](const GroupMember &m) { return m.account == change.author; });
        keepAnAdmin(next);
        changed = true;
        break;
    case GroupChange::Kind::Promote:
        for (auto &m : next.members)
            if (!m.admin
                && std::find(change.targets.begin(), change.targets.end(), m.account) != change.targets.end()) {
                m.admin = true;
                changed = true;
            }
        break;
    case GroupChange::Kind::Rename:
        if (change.name.empty() || change.name.size() > MaxGroupNameBytes)
            return refused(GroupRefusal::Invalid, refusal);
        changed = change.name != next.name;
        next.name = change.name;
        break;
    case GroupChange::Kind::Create:
        break;
    }
    if (!changed)
        return refused(GroupRefusal::Invalid, refusal);
    ++next.version;
    return next;
}

Result<GroupLog> GroupLog::create(const GroupChange &creation)
{
    if (creation.kind != GroupChange::Kind::Create)
        return fail(ErrorCode::InvalidArgument, "A group starts with its creation");
    LAPIS_TRY_ASSIGN(auto state, applyGroupChange(GroupState{}, creation));
    GroupLog log;
    log.m_created = state;
    log.m_state = std::move(state);
    return log;
}

bool GroupLog::tookEffect(const MessageId &changeId) const
{
    return std::find(m_effective.begin(), m_effective.end(), changeId) != m_effective.end();
}

GroupRefusal GroupLog::receive(const GroupChange &change)
{
    if (change.kind == GroupChange::Kind::Create)
        return GroupRefusal::Invalid;
    if (!(change.group == m_state.id))
        return GroupRefusal::WrongGroup;
    if (std::any_of(m_changes.begin(), m_changes.end(),
                    [&](const GroupChange &c) { return c.changeId == change.changeId; }))
        return GroupRefusal::Duplicate;
    if (m_changes.size() >= MaxGroupLogChanges)
        return GroupRefusal::Invalid;
    m_changes.insert(std::upper_bound(m_changes.begin(), m_changes.end(), change, orderedBefore), change);
    GroupRefusal why = GroupRefusal::None;
    fold(&change.changeId, &why);
    return why;
}

void GroupLog::fold(const MessageId *watched, GroupRefusal *why)
{
    m_state = m_created;
    m_effective.clear();
    for (const auto &change : m_changes) {
        GroupRefusal refusal = GroupRefusal::None;
        // Judged against what the fold reached at this place, the same on every device.
        if (change.baseVersion > m_state.version) {
            refusal = GroupRefusal::Future;
        } else if (change.baseVersion + MaxGroupRebase < m_state.version) {
            refusal = GroupRefusal::Stale;
        } else if (auto next = applyGroupChange(m_state, change, &refusal); next.ok()) {
            m_state = std::move(next).value();
            m_effective.push_back(change.changeId);
        }
        if (watched && why && change.changeId == *watched)
            *why = refusal;
    }
}

} // namespace lapis::protocol
