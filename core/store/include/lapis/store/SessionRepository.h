// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace lapis::store {

class Database;

/// Double Ratchet sessions, one per remote account and device, as opaque serialised blobs.
class SessionRepository {
public:
    explicit SessionRepository(Database &db)
        : m_db(db)
    {}

    /// Writes the session state, replacing the previous one.
    Result<void> save(const AccountId &account, DeviceId device, ByteView state, std::int64_t nowMs);
    /// The session state, or nullopt when there is no session.
    Result<std::optional<SecureBytes>> load(const AccountId &account, DeviceId device);
    /// The devices of `account` we hold sessions with.
    Result<std::vector<DeviceId>> devicesWithSessions(const AccountId &account);
    Result<void> remove(const AccountId &account, DeviceId device);
    Result<void> removeAll(const AccountId &account);

private:
    Database &m_db;
};

} // namespace lapis::store
