// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 13: who has received and read our messages in a group, one row per member (issue 18).
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0013GroupReceipts(Database &db)
{
    // A one-to-one message's state is its row's; a group message's is each member's, kept here
    // (the row's own state follows the slowest member). Erasing the message erases its receipts.
    return db.exec(R"sql(
CREATE TABLE message_receipts (
    message_id BLOB NOT NULL CHECK (length(message_id) = 16),
    account_id TEXT NOT NULL,
    state      INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (message_id, account_id)
) WITHOUT ROWID;

CREATE TRIGGER message_receipts_after_message_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_receipts WHERE message_id = old.id;
END;
)sql");
}

} // namespace lapis::store
