// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <vector>

namespace lapis::store {

class Database;

/// One encrypted envelope waiting to be accepted by the relay for one recipient device.
struct OutboxEntry {
    std::int64_t id = 0; ///< assigned by enqueue
    MessageId messageId;
    AccountId recipient;
    DeviceId recipientDevice;
    Bytes payload;
    int attempts = 0;
    std::int64_t nextAttemptAtMs = 0;
    std::int64_t createdAtMs = 0;
};

class OutboxRepository {
public:
    explicit OutboxRepository(Database &db)
        : m_db(db)
    {}

    /// Adds an entry and returns its id.
    Result<std::int64_t> enqueue(const OutboxEntry &entry);
    /// Entries whose next attempt is due at `nowMs`, earliest first.
    Result<std::vector<OutboxEntry>> due(std::int64_t nowMs, int limit);
    /// The earliest next attempt time, or 0 when the outbox is empty (to arm a timer).
    Result<std::int64_t> nextAttemptAt();
    /// Counts a failed attempt and schedules the next one.
    Result<void> recordAttempt(std::int64_t id, std::int64_t nextAttemptAtMs);
    /// Removes an entry the relay accepted.
    Result<void> remove(std::int64_t id);
    /// Removes every entry of a message (accepted everywhere, or given up).
    Result<int> removeForMessage(const MessageId &messageId);
    /// Removes a message's entries for one recipient account (its envelopes are being replaced).
    Result<int> removeForMessageTo(const MessageId &messageId, const AccountId &recipient);
    Result<int> count();

private:
    Database &m_db;
};

} // namespace lapis::store
