// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/ContactRepository.h>

namespace lapis::store {

namespace {

constexpr std::string_view SelectContact =
    "SELECT account_id, display_name, account_key, verification, ever_end_to_end, added_at FROM contacts ";

Contact readContact(const Statement &stmt)
{
    Contact c;
    c.account = AccountId(stmt.text(0));
    c.displayName = stmt.text(1);
    c.pinnedAccountKey = stmt.blob(2);
    c.verification = static_cast<VerificationState>(stmt.integer(3));
    c.everHadEndToEnd = stmt.integer(4) != 0;
    c.addedAtMs = stmt.integer(5);
    return c;
}

} // namespace

Result<void> ContactRepository::save(const Contact &contact)
{
    // No UPSERT before SQLite 3.24: insert if absent, then update. INSERT OR REPLACE would delete
    // the row first and cascade away the contact's devices.
    {
        LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT OR IGNORE INTO contacts(account_id, display_name, "
                                                   "account_key, verification, ever_end_to_end, added_at) "
                                                   "VALUES (?, ?, ?, ?, ?, ?)"));
        insert.bindAll(contact.account.value(), contact.displayName, ByteView(contact.pinnedAccountKey),
                       static_cast<int>(contact.verification), contact.everHadEndToEnd, contact.addedAtMs);
        LAPIS_TRY(insert.run());
    }
    {
        LAPIS_TRY_ASSIGN(auto update, m_db.prepare("UPDATE contacts SET display_name = ?, account_key = ?, "
                                                   "verification = ?, ever_end_to_end = max(ever_end_to_end, ?) "
                                                   "WHERE account_id = ?"));
        update.bindAll(contact.displayName, ByteView(contact.pinnedAccountKey), static_cast<int>(contact.verification),
                       contact.everHadEndToEnd, contact.account.value());
        LAPIS_TRY(update.run());
    }
    if (!contact.devices.empty())
        return replaceDevices(contact.account, contact.devices);
    return {};
}

Result<std::vector<ContactDevice>> ContactRepository::devicesOf(const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT device_id, certificate, updated_at FROM contact_devices "
                                             "WHERE account_id = ? ORDER BY device_id"));
    stmt.bindAll(account.value());
    std::vector<ContactDevice> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(
            ContactDevice{DeviceId(static_cast<std::uint32_t>(stmt.integer(0))), stmt.blob(1), stmt.integer(2)});
    }
    return out;
}

Result<std::optional<Contact>> ContactRepository::find(const AccountId &account)
{
    Contact contact;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectContact) + "WHERE account_id = ?"));
        stmt.bindAll(account.value());
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            return std::optional<Contact>();
        contact = readContact(stmt);
    }
    LAPIS_TRY_ASSIGN(contact.devices, devicesOf(account));
    return std::optional<Contact>(std::move(contact));
}

Result<std::vector<Contact>> ContactRepository::list()
{
    std::vector<Contact> out;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectContact) + "ORDER BY account_id"));
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            out.push_back(readContact(stmt));
        }
    }
    for (auto &contact : out) {
        LAPIS_TRY_ASSIGN(contact.devices, devicesOf(contact.account));
    }
    return out;
}

Result<void> ContactRepository::setVerification(const AccountId &account, VerificationState state)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE contacts SET verification = ? WHERE account_id = ?"));
    stmt.bindAll(static_cast<int>(state), account.value());
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such contact");
    return {};
}

Result<void> ContactRepository::markEndToEnd(const AccountId &account)
{
    // Called for every end-to-end message: write only the first time (see recordActivity for OR FAIL).
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE OR FAIL contacts SET ever_end_to_end = 1 "
                                             "WHERE account_id = ? AND ever_end_to_end = 0"));
    stmt.bindAll(account.value());
    LAPIS_TRY(stmt.run());
    if (m_db.changes() > 0)
        return {};
    LAPIS_TRY_ASSIGN(auto exists, m_db.prepare("SELECT 1 FROM contacts WHERE account_id = ?"));
    exists.bindAll(account.value());
    LAPIS_TRY_ASSIGN(const bool found, exists.step());
    if (!found)
        return fail(ErrorCode::NotFound, "No such contact");
    return {};
}

Result<void> ContactRepository::replaceDevices(const AccountId &account, const std::vector<ContactDevice> &devices)
{
    {
        LAPIS_TRY_ASSIGN(auto del, m_db.prepare("DELETE FROM contact_devices WHERE account_id = ?"));
        del.bindAll(account.value());
        LAPIS_TRY(del.run());
    }
    LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT INTO contact_devices(account_id, device_id, certificate, "
                                               "updated_at) VALUES (?, ?, ?, ?)"));
    for (const auto &device : devices) {
        insert.bindAll(account.value(), device.device.value(), ByteView(device.certificate), device.updatedAtMs);
        LAPIS_TRY(insert.run());
    }
    return {};
}

Result<void> ContactRepository::remove(const AccountId &account)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM contacts WHERE account_id = ?"));
    stmt.bindAll(account.value());
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such contact");
    return {};
}

} // namespace lapis::store
