// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 9: an envelope is recognised as processed by its id alone, whatever time the relay gives.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0009ReplayProofDedupe(Database &db)
{
    // Schema 7 found a processed envelope by (relay_time, envelope_id); the relay chooses the
    // time, so it could replay an envelope with a new one and pass. The time stays first in the
    // key (new rows append; pruning by age is a range delete) but is now the receiver's own
    // clock, and a unique index on the id alone is what refuses a second delivery. Ids recorded
    // twice under different relay times keep their oldest row. A digest of the ciphertext is
    // recorded beside the envelope id (the relay could re-wrap a ciphertext in a new envelope
    // id), and the digests of session-starting (PreKey) envelopes are kept for good in
    // session_starts_seen: a replay of one after its session moved on must not start it anew.
    return db.exec(R"sql(
DELETE FROM processed_envelopes WHERE EXISTS (
    SELECT 1 FROM processed_envelopes AS older
    WHERE older.envelope_id = processed_envelopes.envelope_id AND older.relay_time < processed_envelopes.relay_time);
CREATE UNIQUE INDEX processed_envelopes_by_id ON processed_envelopes(envelope_id);
CREATE TABLE session_starts_seen (
    digest BLOB PRIMARY KEY
) WITHOUT ROWID;
)sql");
}

} // namespace lapis::store
