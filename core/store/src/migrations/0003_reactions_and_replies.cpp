// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 3: replies (a message may quote another by id) and emoji reactions.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0003ReactionsAndReplies(Database &db)
{
    // reply_to is the quoted message's 16-byte id, not a foreign key: the quoted message may be
    // one this device never received, or one deleted since.
    return db.exec(R"sql(
ALTER TABLE messages ADD COLUMN reply_to BLOB;

CREATE TABLE reactions (
    message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
    reactor_account_id TEXT NOT NULL,
    emoji TEXT NOT NULL,
    reacted_at INTEGER NOT NULL,
    PRIMARY KEY (message_seq, reactor_account_id)
) WITHOUT ROWID;
)sql");
}

} // namespace lapis::store
