// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::store {

class Database;

/// A group's id (16 random bytes, as a message id).
using GroupId = MessageId;

struct GroupMemberRow {
    AccountId account;
    bool admin = false;
};

/// What a group's log folds to on this device (cached; the log is the truth).
struct StoredGroup {
    GroupId id;
    std::string name;
    std::uint64_t version = 0;
    std::int64_t conversationId = 0;
    /// Whether this account is a member now (a removed member keeps the group and its history).
    bool isMember = false;
    std::vector<GroupMemberRow> members; ///< sorted by account
};

/// Another member device's sending chain in a group, as this device holds it.
struct ReceivingChain {
    GroupId group;
    AccountId account;
    DeviceId device;
    SecureBytes chain; ///< protocol::SenderKeyReceiver serialized
};

/// Groups (PROTOCOL.md §15): their change logs as opaque records, the state those fold to, and
/// the sender-key chains (opaque, secret) of this device and of the other member devices.
class GroupRepository {
public:
    explicit GroupRepository(Database &db)
        : m_db(db)
    {}

    /// Writes the group's folded state (created or replaced), its members included.
    Result<void> saveState(const StoredGroup &group);
    Result<std::optional<StoredGroup>> find(const GroupId &id);
    /// Whether `account` is a member of the group now (one indexed look-up: what every group
    /// message received asks, twice).
    Result<bool> hasMember(const GroupId &id, const AccountId &account);
    /// The group whose conversation is `conversationId`, if it is one.
    Result<std::optional<StoredGroup>> findByConversation(std::int64_t conversationId);
    /// Every group this device knows, by name.
    Result<std::vector<StoredGroup>> list();

    /// Keeps one change record of the group's log (a record kept already stays as it is).
    Result<void> addChange(const GroupId &id, const MessageId &changeId, ByteView record);
    /// The group's change records, by change id.
    Result<std::vector<Bytes>> changes(const GroupId &id);
    /// Forgets the group's log (before it is replaced by a history an admin handed over).
    Result<void> clearChanges(const GroupId &id);

    /// This device's sending chain in the group, if it made one since the last removal.
    Result<std::optional<SecureBytes>> sendingChain(const GroupId &id);
    Result<void> saveSendingChain(const GroupId &id, ByteView chain);
    /// Forgets this device's sending chain and who holds it: the next message starts a new one,
    /// handed only to the members then.
    Result<void> dropSendingChain(const GroupId &id);
    /// The devices that were handed this device's current sending chain.
    Result<std::vector<std::pair<AccountId, DeviceId>>> chainHolders(const GroupId &id);
    Result<void> addChainHolder(const GroupId &id, const AccountId &account, DeviceId device);

    /// The receiving chain with `keyId` (16 bytes), if any.
    Result<std::optional<ReceivingChain>> receivingChain(ByteView keyId);
    /// Keeps (or replaces) the receiving chain `keyId` of `account`'s `device` in `group`.
    Result<void> saveReceivingChain(ByteView keyId, const GroupId &group, const AccountId &account, DeviceId device,
                                    ByteView chain);
    /// Forgets every receiving chain of `account`'s devices in the group (it is no member any more).
    Result<void> dropReceivingChainsOf(const GroupId &id, const AccountId &account);

private:
    Database &m_db;
};

} // namespace lapis::store
