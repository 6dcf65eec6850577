// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/ProcessedEnvelopeRepository.h>

namespace lapis::store {

Result<bool> ProcessedEnvelopeRepository::markProcessed(const MessageId &envelopeId, std::int64_t atMs)
{
    // The unique index on envelope_id ignores a second row for the id, whatever its time.
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR IGNORE INTO processed_envelopes(relay_time, envelope_id) "
                                             "VALUES (?, ?)"));
    stmt.bindAll(atMs, envelopeId.bytes());
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

Result<bool> ProcessedEnvelopeRepository::contains(const MessageId &envelopeId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT 1 FROM processed_envelopes WHERE envelope_id = ?"));
    stmt.bindAll(envelopeId.bytes());
    return stmt.step();
}

Result<int> ProcessedEnvelopeRepository::pruneOlderThan(std::int64_t cutoffMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM processed_envelopes WHERE relay_time < ?"));
    stmt.bindAll(cutoffMs);
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

Result<bool> ProcessedEnvelopeRepository::markSessionStart(ByteView digest)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR IGNORE INTO session_starts_seen(digest) VALUES (?)"));
    stmt.bindAll(digest);
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

} // namespace lapis::store
