// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 7: processed envelopes are keyed by the relay's time first.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0007OrderedDedupe(Database &db)
{
    // Envelope ids are random (the relay sees them, so they carry no time), and keyed by them
    // alone every received envelope landed on a random page of a table that only grows: at
    // 10,000 received envelopes a transaction of 128 wrote 97 pages instead of 27. The relay's
    // time comes first now, so new ids go to the end, and pruning by age is a range delete.
    // A redelivered envelope carries the relay's stored time again, so the key finds it. Rows
    // from before take their processing time as relay time: a redelivery of one of those is not
    // recognised here, fails to decrypt (its key is used up) and is dropped, not shown twice.
    return db.exec(R"sql(
CREATE TABLE processed_envelopes_by_relay_time (
    relay_time INTEGER NOT NULL,
    envelope_id BLOB NOT NULL,
    PRIMARY KEY (relay_time, envelope_id)
) WITHOUT ROWID;
INSERT INTO processed_envelopes_by_relay_time(relay_time, envelope_id)
    SELECT processed_at, envelope_id FROM processed_envelopes;
DROP TABLE processed_envelopes;
ALTER TABLE processed_envelopes_by_relay_time RENAME TO processed_envelopes;
)sql");
}

} // namespace lapis::store
