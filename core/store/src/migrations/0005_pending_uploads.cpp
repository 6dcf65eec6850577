// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 5: attachments on their way to the relay, so that an upload resumes after a restart.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0005PendingUploads(Database &db)
{
    // cipher_file is the sealed copy under attachments/; file_key opens it and becomes the
    // pointer's key once the message goes out. A row lives from the relay's CreateUpload until
    // the message that carries the pointer is in the outbox (same transaction), or until cancelled.
    return db.exec(R"sql(
CREATE TABLE pending_uploads (
    blob_id TEXT PRIMARY KEY,
    recipient_account_id TEXT NOT NULL,
    allow_plaintext INTEGER NOT NULL,
    cipher_file TEXT NOT NULL,
    file_key BLOB NOT NULL,
    digest BLOB NOT NULL,
    plaintext_size INTEGER NOT NULL,
    cipher_size INTEGER NOT NULL,
    mime_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    thumbnail BLOB,
    created_at INTEGER NOT NULL
);
)sql");
}

} // namespace lapis::store
