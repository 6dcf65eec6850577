// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 4: attachment metadata and the keys of their files.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0004Attachments(Database &db)
{
    // remote_key opens the relay's blob; local_key opens our copy under attachments/. They differ
    // so that the relay's key never protects anything at rest on this device.
    return db.exec(R"sql(
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
    blob_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    digest BLOB NOT NULL,
    remote_key BLOB NOT NULL,
    thumbnail BLOB,
    local_file TEXT,
    local_key BLOB,
    state INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_by_message ON attachments(message_seq);
)sql");
}

} // namespace lapis::store
