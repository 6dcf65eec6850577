// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>

namespace lapis::store {

class Database;

/// Received envelope ids already processed: a relay redelivery (after a crash before the ack)
/// is recognised, acknowledged again and not shown twice. Kept by the relay's time (which a
/// redelivery repeats) and the envelope id, so that new entries append instead of landing on
/// random pages (schema 7).
class ProcessedEnvelopeRepository {
public:
    explicit ProcessedEnvelopeRepository(Database &db)
        : m_db(db)
    {}

    /// Records `envelopeId`: true when it is new, false when it was processed before.
    /// Call it in the transaction that stores the message and the session state.
    Result<bool> markProcessed(const MessageId &envelopeId, std::int64_t relayTimeMs);
    Result<bool> contains(const MessageId &envelopeId, std::int64_t relayTimeMs);
    /// Forgets envelopes the relay stored before `cutoffMs` (it keeps undelivered ones only so long).
    Result<int> pruneOlderThan(std::int64_t cutoffMs);

private:
    Database &m_db;
};

} // namespace lapis::store
