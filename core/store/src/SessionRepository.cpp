// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/SessionRepository.h>

namespace lapis::store {

Result<void> SessionRepository::save(const AccountId &account, DeviceId device, ByteView state, std::int64_t nowMs)
{
    // UPDATE first, and OR FAIL: a statement that touches one row needs no statement journal,
    // which SQLCipher would encrypt page by page on every message (see ConversationRepository).
    LAPIS_TRY_ASSIGN(auto update, m_db.prepare("UPDATE OR FAIL sessions SET state = ?, updated_at = ? "
                                               "WHERE account_id = ? AND device_id = ?"));
    update.bindAll(state, nowMs, account.value(), device.value());
    LAPIS_TRY(update.run());
    if (m_db.changes() > 0)
        return {};
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO sessions(account_id, device_id, state, updated_at) "
                                             "VALUES (?, ?, ?, ?)"));
    stmt.bindAll(account.value(), device.value(), state, nowMs);
    return stmt.run();
}

Result<std::optional<SecureBytes>> SessionRepository::load(const AccountId &account, DeviceId device)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT state FROM sessions WHERE account_id = ? AND device_id = ?"));
    stmt.bindAll(account.value(), device.value());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<SecureBytes>();
    return std::optional<SecureBytes>(stmt.secureBlob(0));
}

Result<std::vector<DeviceId>> SessionRepository::devicesWithSessions(const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT device_id FROM sessions WHERE account_id = ? ORDER BY device_id"));
    stmt.bindAll(account.value());
    std::vector<DeviceId> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.emplace_back(static_cast<std::uint32_t>(stmt.integer(0)));
    }
    return out;
}

Result<void> SessionRepository::remove(const AccountId &account, DeviceId device)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM sessions WHERE account_id = ? AND device_id = ?"));
    stmt.bindAll(account.value(), device.value());
    return stmt.run();
}

Result<void> SessionRepository::removeAll(const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM sessions WHERE account_id = ?"));
    stmt.bindAll(account.value());
    return stmt.run();
}

} // namespace lapis::store
