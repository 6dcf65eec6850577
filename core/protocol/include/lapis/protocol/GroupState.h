// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::protocol {

/// The most members a group holds (issue 18).
inline constexpr std::size_t MaxGroupMembers = 1000;
/// The longest group name, in UTF-8 bytes.
inline constexpr std::size_t MaxGroupNameBytes = 128;
/// How far behind the version it meets in the order a change may be based and still take effect
/// (PROTOCOL.md §15): admins who change the group at the same time converge; an older base is stale.
inline constexpr std::uint64_t MaxGroupRebase = 16;
/// The most changes one group's log keeps (a group changes rarely; this bounds a flood).
inline constexpr std::size_t MaxGroupLogChanges = 10'000;

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
    /// How many changes made it (the creation is version 1).
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
    /// The version of the group its author's device held when making it.
    std::uint64_t baseVersion = 0;
    Kind kind = Kind::Add;
    /// Create: the other first members; Add, Remove, Promote: whom it is about.
    std::vector<AccountId> targets;
    /// Create, Rename: the name.
    std::string name;
};

/// Why a change was not taken (each is shown, and nothing changes).
enum class GroupRefusal : std::uint8_t {
    None,
    NotAMember, ///< the author is not (any more) a member
    NotAnAdmin, ///< the change needs an admin
    Stale,      ///< based on a version more than MaxGroupRebase behind
    Future,     ///< based on a version this device has not reached: held until it has
    WrongGroup, ///< the change names another group
    Invalid,    ///< nothing to do (adding a member, removing a non-member), a bad name, too many members
    Duplicate,  ///< this change was taken already
};

/// A readable sentence for a refusal.
[[nodiscard]] const char *refusalText(GroupRefusal refusal);

/// The state `change` leads to from `state`, or why it does not apply there (the authorization
/// rules of PROTOCOL.md §15). A Create only applies to an empty state.
Result<GroupState> applyGroupChange(const GroupState &state, const GroupChange &change,
                                    GroupRefusal *refusal = nullptr);

/// A group's history on one device: its creation and every change since, ordered the same way on
/// every device (by base version, then change id) and folded into the state. The fold depends only
/// on the set of changes, never on the order they arrived in, so every device that holds the same
/// changes holds the same group: two admins changing it at the same time converge. A change takes
/// effect where it falls in the order only when it is valid there, not based on a version the
/// fold has not reached (Future: it waits, kept, for the changes before it), and not based more
/// than MaxGroupRebase versions back (Stale). Changes without effect stay in the log (a later
/// arrival ordered before them may give them effect) but change nothing.
class GroupLog {
public:
    /// A log that starts with the group's creation (checked: an author, a name, members).
    static Result<GroupLog> create(const GroupChange &creation);

    /// Takes a change that arrived: ordered in, the state folded anew. Returns None when it took
    /// effect, otherwise why not (Future: waiting for the changes before it). A change for
    /// another group, a second creation, a duplicate or one past MaxGroupLogChanges is not kept.
    GroupRefusal receive(const GroupChange &change);

    [[nodiscard]] const GroupState &state() const { return m_state; }
    /// The changes since the creation, in the order folded.
    [[nodiscard]] const std::vector<GroupChange> &changes() const { return m_changes; }
    /// Whether `change` took effect in the fold (false: ordered in, but invalid where it fell).
    [[nodiscard]] bool tookEffect(const MessageId &changeId) const;

private:
    /// Folds the changes into the state; the refusal of `watched` where it fell, if asked.
    void fold(const MessageId *watched = nullptr, GroupRefusal *why = nullptr);

    GroupState m_created;
    std::vector<GroupChange> m_changes;
    std::vector<MessageId> m_effective;
    GroupState m_state;
};

} // namespace lapis::protocol
