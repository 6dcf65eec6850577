// SPDX-License-Identifier: GPL-3.0-or-later
// Group membership as every member's device computes it (PROTOCOL.md §15): who may change what,
// and one order for concurrent changes, so that all devices agree without asking anyone.
#include <lapis/protocol/GroupState.h>

#include <algorithm>

namespace lapis::protocol {

namespace {

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
        return "The change was made on an old state of the group (replayed, or from a device that went back)";
    case GroupRefusal::Future:
        return "The change was made on a version of the group this device has not seen yet";
    case GroupRefusal::WrongGroup:
        return "The change is for another group";
    case GroupRefusal::Invalid:
        return "The change does not apply to the group as it is";
    case GroupRefusal::Duplicate:
        return "The change was applied already";
    case GroupRefusal::Overruled:
        return "The change's author was removed from the group by someone who had not seen it";
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
    if (creation.kind != GroupChange::Kind::Create || !creation.parents.empty())
        return fail(ErrorCode::InvalidArgument, "A group starts with its creation");
    LAPIS_TRY_ASSIGN(auto state, applyGroupChange(GroupState{}, creation));
    GroupLog log;
    log.m_creation = creation;
    log.m_created = state;
    log.m_state = std::move(state);
    return log;
}

GroupRefusal GroupLog::outcome(const MessageId &changeId) const
{
    if (changeId == m_creation.changeId)
        return GroupRefusal::None;
    const auto it = m_outcomes.find(changeId);
    return it == m_outcomes.end() ? GroupRefusal::Future : it->second;
}

bool GroupLog::holds(const MessageId &changeId) const
{
    return changeId == m_creation.changeId || m_changes.contains(changeId);
}

std::vector<GroupChange> GroupLog::changes() const
{
    std::vector<GroupChange> out;
    out.reserve(m_changes.size() + 1);
    out.push_back(m_creation);
    for (const auto &[id, change] : m_changes)
        out.push_back(change);
    return out;
}

std::vector<MessageId> GroupLog::heads() const
{
    std::set<MessageId> withChildren;
    for (const auto &[id, change] : m_changes)
        for (const auto &parent : change.parents)
            withChildren.insert(parent);
    std::vector<MessageId> out;
    for (const auto &[id, change] : m_changes)
        if (!withChildren.contains(id) && outcome(id) != GroupRefusal::Future)
            out.push_back(id);
    if (out.empty())
        out.push_back(m_creation.changeId);
    return out;
}

bool GroupLog::descendsFrom(const MessageId &id, const MessageId &ancestor) const
{
    std::vector<MessageId> toVisit{id};
    std::set<MessageId> seen;
    while (!toVisit.empty()) {
        const auto next = toVisit.back();
        toVisit.pop_back();
        if (next == ancestor)
            return true;
        if (!seen.insert(next).second)
            continue;
        const auto it = m_changes.find(next);
        if (it != m_changes.end())
            toVisit.insert(toVisit.end(), it->second.parents.begin(), it->second.parents.end());
    }
    return false;
}

GroupRefusal GroupLog::receive(const GroupChange &change)
{
    if (change.kind == GroupChange::Kind::Create)
        return GroupRefusal::Invalid;
    if (!(change.group == m_state.id))
        return GroupRefusal::WrongGroup;
    if (change.changeId == m_creation.changeId || m_changes.contains(change.changeId))
        return GroupRefusal::Duplicate;
    if (m_changes.size() >= MaxGroupLogChanges || change.parents.empty()
        || change.parents.size() > MaxGroupChangeParents)
        return GroupRefusal::Invalid;
    m_changes.emplace(change.changeId, change);
    fold();
    return outcome(change.changeId);
}

void GroupLog::fold()
{
    // The changes whose every ancestor is here, in one topological order: of those whose parents
    // are all placed, the smallest change id first. Everything else waits (Future).
    std::vector<const GroupChange *> order;
    {
        std::set<MessageId> placed{m_creation.changeId};
        std::set<MessageId> waiting;
        for (const auto &[id, change] : m_changes)
            waiting.insert(id);
        bool progress = true;
        while (progress) {
            progress = false;
            for (auto it = waiting.begin(); it != waiting.end(); ++it) {
                const auto &change = m_changes.at(*it);
                if (std::all_of(change.parents.begin(), change.parents.end(),
                                [&](const MessageId &p) { return placed.contains(p); })) {
                    order.push_back(&change);
                    placed.insert(*it);
                    waiting.erase(it);
                    progress = true;
                    break; // the smallest ready id each round
                }
            }
        }
    }
    // Fold; a removal overrules the removed member's changes its author had not seen, which may
    // have been folded already: fold again without them until nothing more is overruled.
    std::set<MessageId> overruled;
    for (;;) {
        m_state = m_created;
        m_outcomes.clear();
        for (const auto &[id, change] : m_changes)
            m_outcomes[id] = GroupRefusal::Future;
        std::map<AccountId, MessageId> lastOf{{m_creation.author, m_creation.changeId}};
        std::set<MessageId> more;
        for (const auto *change : order) {
            auto &outcome = m_outcomes[change->changeId];
            if (overruled.contains(change->changeId)) {
                outcome = GroupRefusal::Overruled;
                continue;
            }
            // An author sees their own changes: one made without the author's earlier one is an
            // old state coming back (a replay, a restored device, a forgery).
            const auto last = lastOf.find(change->author);
            if (last != lastOf.end() && !descendsFrom(change->changeId, last->second)) {
                outcome = GroupRefusal::Stale;
                continue;
            }
            lastOf[change->author] = change->changeId;
            auto next = applyGroupChange(m_state, *change, &outcome);
            if (!next.ok())
                continue;
            m_state = std::move(next).value();
            if (change->kind != GroupChange::Kind::Remove)
                continue;
            for (const auto &target : change->targets)
                for (const auto &[id, other] : m_changes)
                    // Concurrent with the removal: neither seen by it nor made after it (a member
                    // added again later acts anew).
                    if (other.author == target && !descendsFrom(change->changeId, id)
                        && !descendsFrom(id, change->changeId) && !overruled.contains(id))
                        more.insert(id);
        }
        if (more.empty())
            return;
        overruled.insert(more.begin(), more.end());
    }
}

} // namespace lapis::protocol
