// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lapis::protocol {

/// The most members a group holds (issue 18).
inline constexpr std::size_t MaxGroupMembers = 1000;
/// The longest group name, in UTF-8 bytes.
inline constexpr std::size_t MaxGroupNameBytes = 128;
/// The most changes one group's log keeps (a group changes rarely; this bounds a flood).
inline constexpr std::size_t MaxGroupLogChanges = 10'000;
/// The most parents one change names.
inline constexpr std::size_t MaxGroupChangeParents = 16;

/// A group's id: 16 random bytes chosen by its creator. Only members' devices ever see it.
using GroupId = MessageId;

struct GroupMember {
    AccountId account;
    bool admin = false;
    friend bool operator==(const GroupMember &, const GroupMember &) = default;
};

/// What a group is on one device: replicated only through end-to-end control messages.
struct GroupState {
    GroupId id;
    std::string name;
    /// How many changes took effect (the creation is version 1).
    std::uint64_t version = 0;
    std::vector<GroupMember> members; ///< sorted by account

    [[nodiscard]] const GroupMember *member(const AccountId &account) const;
    [[nodiscard]] bool isMember(const AccountId &account) const { return member(account) != nullptr; }
    [[nodiscard]] bool isAdmin(const AccountId &account) const;
    friend bool operator==(const GroupState &, const GroupState &) = default;
};

/// One change to a group, authored by a member's device and sent to every member's devices over
/// the pairwise sessions (so its author is authenticated end to end, never by the relay).
struct GroupChange {
    enum class Kind : std::uint8_t { Create = 1, Add = 2, Remove = 3, Leave = 4, Promote = 5, Rename = 6 };
    GroupId group;
    /// The content message id it travelled under: time-ordered, the same on every device.
    MessageId changeId;
    AccountId author;
    /// The changes its author's device had and nothing had built on yet (GroupLog::heads()): what
    /// it was made after. Empty only for the creation.
    std::vector<MessageId> parents;
    Kind kind = Kind::Add;
    /// Create: the other first members; Add, Remove, Promote: whom it is about.
    std::vector<AccountId> targets;
    /// Create, Rename: the name.
    std::string name;
};

/// Why a change did not take effect (each is shown, and nothing changes).
enum class GroupRefusal : std::uint8_t {
    None,
    NotAMember, ///< the author is not (any more) a member
    NotAnAdmin, ///< the change needs an admin
    Stale,      ///< made without the author's own earlier change: an old state, replayed or forged
    Future,     ///< made after changes this device does not have yet: it waits for them
    WrongGroup, ///< the change names another group
    Invalid,    ///< nothing to do (adding a member, removing a non-member), a bad name, too many members
    Duplicate,  ///< this change was taken already
    Overruled,  ///< its author was removed by someone who had not seen it: the removal wins
};

/// A readable sentence for a refusal.
[[nodiscard]] const char *refusalText(GroupRefusal refusal);

/// The state `change` leads to from `state`, or why it does not apply there (the authorization
/// rules of PROTOCOL.md §15). A Create only applies to an empty state.
Result<GroupState> applyGroupChange(const GroupState &state, const GroupChange &change,
                                    GroupRefusal *refusal = nullptr);

/// A group's history on one device: its creation and every change since, a graph in which each
/// change names what its author had seen (its parents). Every device folds it the same way (a
/// topological order, ties broken by change id), so the state depends only on the set of changes,
/// never on the order they arrived in: concurrent changes converge. A change whose parents are
/// missing waits (Future). A removal overrules what the removed member did that its author had not
/// seen, so a member being removed cannot slip a change in by claiming an older view, and a
/// change that does not descend from its author's own earlier change (an old state) is Stale.
/// Changes without effect stay in the log (a later arrival may change the fold) but change nothing.
class GroupLog {
public:
    /// A log that starts with the group's creation (checked: an author, a name, members).
    static Result<GroupLog> create(const GroupChange &creation);

    /// Takes a change that arrived and folds anew. Returns None when it took effect, otherwise
    /// why not. A change for another group, a second creation, a duplicate, one without parents or
    /// with too many, or one past MaxGroupLogChanges is not kept.
    GroupRefusal receive(const GroupChange &change);

    [[nodiscard]] const GroupState &state() const { return m_state; }
    /// What a change made on this device now names as its parents.
    [[nodiscard]] std::vector<MessageId> heads() const;
    /// Whether `changeId` took effect in the fold, and if not, why.
    [[nodiscard]] GroupRefusal outcome(const MessageId &changeId) const;
    [[nodiscard]] bool tookEffect(const MessageId &changeId) const { return outcome(changeId) == GroupRefusal::None; }
    [[nodiscard]] std::size_t size() const { return m_changes.size(); }
    /// Whether the log keeps `changeId` (the creation included), whatever its outcome.
    [[nodiscard]] bool holds(const MessageId &changeId) const;
    /// The creation, then every change kept, by change id: what a new member is handed (any
    /// order folds the same).
    [[nodiscard]] std::vector<GroupChange> changes() const;

private:
    void fold();
    /// Whether `ancestor` is `id` or reached from `id` through parents.
    [[nodiscard]] bool descendsFrom(const MessageId &id, const MessageId &ancestor) const;

    GroupChange m_creation;
    GroupState m_created;
    std::map<MessageId, GroupChange> m_changes;
    std::map<MessageId, GroupRefusal> m_outcomes;
    GroupState m_state;
};

} // namespace lapis::protocol
