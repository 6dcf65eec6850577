// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/GroupRepository.h>

namespace lapis::store {

namespace {

constexpr std::string_view SelectGroup = "SELECT group_id, name, version, conversation_id, is_member FROM groups ";

Result<GroupId> groupIdAt(const Statement &stmt, int column)
{
    auto id = GroupId::fromBytes(stmt.blob(column));
    if (!id)
        return fail(ErrorCode::Corrupt, "A stored group id is not 16 bytes long");
    return *id;
}

Result<StoredGroup> readGroup(const Statement &stmt)
{
    StoredGroup group;
    LAPIS_TRY_ASSIGN(group.id, groupIdAt(stmt, 0));
    group.name = stmt.text(1);
    group.version = static_cast<std::uint64_t>(stmt.integer(2));
    group.conversationId = stmt.integer(3);
    group.isMember = stmt.integer(4) != 0;
    return group;
}

} // namespace

Result<void> GroupRepository::saveState(const StoredGroup &group)
{
    // SQLCipher here is SQLite 3.15 (Debian 12): no UPSERT, and REPLACE would cascade to the log.
    LAPIS_TRY_ASSIGN(auto update, m_db.prepare("UPDATE groups SET name = ?, version = ?, conversation_id = ?, "
                                               "is_member = ? WHERE group_id = ?"));
    update.bindAll(group.name, static_cast<std::int64_t>(group.version), group.conversationId, group.isMember,
                   group.id.bytes());
    LAPIS_TRY(update.run());
    if (m_db.changes() == 0) {
        LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT INTO groups(group_id, name, version, conversation_id, "
                                                   "is_member) VALUES (?, ?, ?, ?, ?)"));
        insert.bindAll(group.id.bytes(), group.name, static_cast<std::int64_t>(group.version), group.conversationId,
                       group.isMember);
        LAPIS_TRY(insert.run());
    }
    LAPIS_TRY_ASSIGN(auto clear, m_db.prepare("DELETE FROM group_members WHERE group_id = ?"));
    clear.bindAll(group.id.bytes());
    LAPIS_TRY(clear.run());
    LAPIS_TRY_ASSIGN(auto member,
                     m_db.prepare("INSERT INTO group_members(group_id, account_id, admin) VALUES (?, ?, ?)"));
    for (const auto &m : group.members) {
        member.bindAll(group.id.bytes(), m.account.value(), m.admin);
        LAPIS_TRY(member.run());
    }
    return {};
}

Result<std::optional<StoredGroup>> GroupRepository::find(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectGroup) + "WHERE group_id = ?"));
    stmt.bindAll(id.bytes());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<StoredGroup>();
    LAPIS_TRY_ASSIGN(auto group, readGroup(stmt));
    LAPIS_TRY_ASSIGN(
        auto members,
        m_db.prepare("SELECT account_id, admin FROM group_members WHERE group_id = ? ORDER BY account_id"));
    members.bindAll(id.bytes());
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool more, members.step());
        if (!more)
            break;
        group.members.push_back({AccountId(members.text(0)), members.integer(1) != 0});
    }
    return std::optional<StoredGroup>(std::move(group));
}

Result<bool> GroupRepository::hasMember(const GroupId &id, const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT 1 FROM group_members WHERE group_id = ? AND account_id = ?"));
    stmt.bindAll(id.bytes(), account.value());
    return stmt.step();
}

Result<std::optional<StoredGroup>> GroupRepository::findByConversation(std::int64_t conversationId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT group_id FROM groups WHERE conversation_id = ?"));
    stmt.bindAll(conversationId);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<StoredGroup>();
    LAPIS_TRY_ASSIGN(const auto id, groupIdAt(stmt, 0));
    return find(id);
}

Result<std::vector<StoredGroup>> GroupRepository::list()
{
    std::vector<GroupId> ids;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT group_id FROM groups ORDER BY name, group_id"));
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            LAPIS_TRY_ASSIGN(auto id, groupIdAt(stmt, 0));
            ids.push_back(id);
        }
    }
    std::vector<StoredGroup> out;
    for (const auto &id : ids) {
        LAPIS_TRY_ASSIGN(auto group, find(id));
        if (group)
            out.push_back(std::move(*group));
    }
    return out;
}

Result<void> GroupRepository::addChange(const GroupId &id, const MessageId &changeId, ByteView record)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR IGNORE INTO group_changes(group_id, change_id, record) "
                                             "VALUES (?, ?, ?)"));
    stmt.bindAll(id.bytes(), changeId.bytes(), record);
    return stmt.run();
}

Result<std::vector<Bytes>> GroupRepository::changes(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT record FROM group_changes WHERE group_id = ? ORDER BY change_id"));
    stmt.bindAll(id.bytes());
    std::vector<Bytes> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(stmt.blob(0));
    }
    return out;
}

Result<void> GroupRepository::clearChanges(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM group_changes WHERE group_id = ?"));
    stmt.bindAll(id.bytes());
    return stmt.run();
}

Result<std::optional<SecureBytes>> GroupRepository::sendingChain(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT chain FROM group_sending_chains WHERE group_id = ?"));
    stmt.bindAll(id.bytes());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<SecureBytes>();
    return std::optional<SecureBytes>(stmt.secureBlob(0));
}

Result<void> GroupRepository::saveSendingChain(const GroupId &id, ByteView chain)
{
    // The chain's row has no dependants: REPLACE is an upsert here.
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO group_sending_chains(group_id, chain) "
                                             "VALUES (?, ?)"));
    stmt.bindAll(id.bytes(), chain);
    return stmt.run();
}

Result<void> GroupRepository::dropSendingChain(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto chain, m_db.prepare("DELETE FROM group_sending_chains WHERE group_id = ?"));
    chain.bindAll(id.bytes());
    LAPIS_TRY(chain.run());
    LAPIS_TRY_ASSIGN(auto holders, m_db.prepare("DELETE FROM group_chain_holders WHERE group_id = ?"));
    holders.bindAll(id.bytes());
    return holders.run();
}

Result<std::vector<std::pair<AccountId, DeviceId>>> GroupRepository::chainHolders(const GroupId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("SELECT account_id, device_id FROM group_chain_holders WHERE group_id = ?"));
    stmt.bindAll(id.bytes());
    std::vector<std::pair<AccountId, DeviceId>> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.emplace_back(AccountId(stmt.text(0)), DeviceId(static_cast<std::uint32_t>(stmt.integer(1))));
    }
    return out;
}

Result<void> GroupRepository::addChainHolder(const GroupId &id, const AccountId &account, DeviceId device)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR IGNORE INTO group_chain_holders(group_id, account_id, "
                                             "device_id) VALUES (?, ?, ?)"));
    stmt.bindAll(id.bytes(), account.value(), device.value());
    return stmt.run();
}

Result<std::optional<ReceivingChain>> GroupRepository::receivingChain(ByteView keyId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT group_id, account_id, device_id, chain FROM "
                                             "group_receiving_chains WHERE key_id = ?"));
    stmt.bindAll(keyId);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<ReceivingChain>();
    ReceivingChain chain;
    LAPIS_TRY_ASSIGN(chain.group, groupIdAt(stmt, 0));
    chain.account = AccountId(stmt.text(1));
    chain.device = DeviceId(static_cast<std::uint32_t>(stmt.integer(2)));
    chain.chain = stmt.secureBlob(3);
    return std::optional<ReceivingChain>(std::move(chain));
}

Result<void> GroupRepository::saveReceivingChain(ByteView keyId, const GroupId &group, const AccountId &account,
                                                 DeviceId device, ByteView chain)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO group_receiving_chains(key_id, group_id, "
                                             "account_id, device_id, chain) VALUES (?, ?, ?, ?, ?)"));
    stmt.bindAll(keyId, group.bytes(), account.value(), device.value(), chain);
    return stmt.run();
}

Result<void> GroupRepository::dropReceivingChainsOf(const GroupId &id, const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("DELETE FROM group_receiving_chains WHERE group_id = ? AND account_id = ?"));
    stmt.bindAll(id.bytes(), account.value());
    return stmt.run();
}

} // namespace lapis::store
