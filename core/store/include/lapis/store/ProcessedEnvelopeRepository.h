// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>

namespace lapis::store {

class Database;

/// Received envelopes already processed: a relay redelivery (after a crash before the ack) is
/// recognised, acknowledged again and not shown twice, and so is a replay by a dishonest relay.
/// An id is recognised by itself, whatever time the relay gives (schema 9); the receiver's own
/// time orders the rows, so new entries append and pruning by age is a range delete (schema 7).
class ProcessedEnvelopeRepository {
public:
    explicit ProcessedEnvelopeRepository(Database &db)
        : m_db(db)
    {}

    /// Records `envelopeId` at the receiver's time `atMs`: true when it is new, false when it was
    /// processed before. Call it in the transaction that stores the message and the session state.
    Result<bool> markProcessed(const MessageId &envelopeId, std::int64_t atMs);
    Result<bool> contains(const MessageId &envelopeId);
    /// Forgets envelopes recorded before `cutoffMs` (the relay keeps undelivered ones only so long).
    Result<int> pruneOlderThan(std::int64_t cutoffMs);
    /// Records the digest of a session-starting envelope for good (never pruned): true when new.
    Result<bool> markSessionStart(ByteView digest);

private:
    Database &m_db;
};

} // namespace lapis::store
