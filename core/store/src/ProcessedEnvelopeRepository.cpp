// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/ProcessedEnvelopeRepository.h>

namespace lapis::store {

Result<bool> ProcessedEnvelopeRepository::markProcessed(const MessageId &envelopeId, std::int64_t relayTimeMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR IGNORE INTO processed_envelopes(relay_time, envelope_id) "
                                             "VALUES (?, ?)"));
    stmt.bindAll(relayTimeMs, envelopeId.bytes());
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

Result<bool> ProcessedEnvelopeRepository::contains(const MessageId &envelopeId, std::int64_t relayTimeMs)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("SELECT 1 FROM processed_envelopes WHERE relay_time = ? AND envelope_id = ?"));
    stmt.bindAll(relayTimeMs, envelopeId.bytes());
    return stmt.step();
}

Result<int> ProcessedEnvelopeRepository::pruneOlderThan(std::int64_t cutoffMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM processed_envelopes WHERE relay_time < ?"));
    stmt.bindAll(cutoffMs);
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

} // namespace lapis::store
