// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/AccountRepository.h>

namespace lapis::store {

Result<void> AccountRepository::save(const OwnAccount &account)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("INSERT OR REPLACE INTO own_account(singleton, account_id, relay_address, device_id, "
                                  "device_credentials, identity_key_pair, identity_public_key, created_at) "
                                  "VALUES (1, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.bindAll(account.account.value(), account.relayAddress, account.device.value(),
                 account.deviceCredentials.view(), account.identityKeyPair.view(), ByteView(account.identityPublicKey),
                 account.createdAtMs);
    return stmt.run();
}

Result<std::optional<OwnAccount>> AccountRepository::load()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT account_id, relay_address, device_id, device_credentials, "
                                             "identity_key_pair, identity_public_key, created_at FROM own_account"));
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<OwnAccount>();
    OwnAccount account;
    account.account = AccountId(stmt.text(0));
    account.relayAddress = stmt.text(1);
    account.device = DeviceId(static_cast<std::uint32_t>(stmt.integer(2)));
    account.deviceCredentials = stmt.secureBlob(3);
    account.identityKeyPair = stmt.secureBlob(4);
    account.identityPublicKey = stmt.blob(5);
    account.createdAtMs = stmt.integer(6);
    return std::optional<OwnAccount>(std::move(account));
}

Result<void> AccountRepository::saveDevice(const OwnDevice &device)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO own_devices(device_id, name, certificate, "
                                             "added_at) VALUES (?, ?, ?, ?)"));
    stmt.bindAll(device.device.value(), device.name, ByteView(device.certificate), device.addedAtMs);
    return stmt.run();
}

Result<std::vector<OwnDevice>> AccountRepository::devices()
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("SELECT device_id, name, certificate, added_at FROM own_devices ORDER BY device_id"));
    std::vector<OwnDevice> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(OwnDevice{DeviceId(static_cast<std::uint32_t>(stmt.integer(0))), stmt.text(1), stmt.blob(2),
                                stmt.integer(3)});
    }
    return out;
}

Result<void> AccountRepository::removeDevice(DeviceId device)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM own_devices WHERE device_id = ?"));
    stmt.bindAll(device.value());
    return stmt.run();
}

} // namespace lapis::store
