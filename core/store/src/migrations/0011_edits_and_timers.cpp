// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 11: edit history, changes that came before their message, and disappearing messages
// (issue 20).
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

namespace {

// A message sent under a disappearing timer is never put in the search index: an erased row
// leaves its words in the index's older segments until they are merged, and expiring messages
// are erased all the time. The triggers of schema 8 (indexed rows only) gain the same condition;
// expire_timer is set when a row is stored and never changes, so index and triggers agree.
constexpr std::string_view Fts5Triggers = R"sql(
DROP TRIGGER message_search_after_delete;
DROP TRIGGER message_search_after_update;
CREATE TRIGGER message_search_after_delete AFTER DELETE ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) AND old.expire_timer = 0 BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) AND old.expire_timer = 0 BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
    INSERT INTO message_search(rowid, body) VALUES (new.seq, new.body);
END;
)sql";

constexpr std::string_view Fts4Triggers = R"sql(
DROP TRIGGER message_search_before_delete;
DROP TRIGGER message_search_before_update;
DROP TRIGGER message_search_after_update;
CREATE TRIGGER message_search_before_delete BEFORE DELETE ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) AND old.expire_timer = 0 BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_before_update BEFORE UPDATE OF body ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) AND old.expire_timer = 0 BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages
WHEN new.seq <= (SELECT indexed_through FROM search_progress) AND new.expire_timer = 0 BEGIN
    INSERT INTO message_search(docid, body) VALUES (new.seq, new.body);
END;
)sql";

} // namespace

Result<void> migration0011EditsAndTimers(Database &db)
{
    // message_edits keeps each earlier text of an edited message with the time it was written;
    // deleting the message (for me, for everyone, or at expiry) erases them with it.
    // early_changes holds an edit or a delete for everyone whose message has not arrived yet
    // (the relay may reorder); it is applied, and dropped, when the message comes.
    // messages.kind: 0 a message someone wrote, 1 a notice that the conversation's timer changed
    // (to expire_timer). expire_timer: the seconds a message disappears after; expires_at: when
    // (our clock, ms), NULL until its countdown starts (at sending for our own, at reading for
    // others'). The partial index keeps the expiry sweep to the rows that can expire.
    LAPIS_TRY(db.exec(R"sql(
ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN expire_timer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN expires_at INTEGER;
CREATE INDEX messages_by_expiry ON messages(expires_at) WHERE expires_at IS NOT NULL;
ALTER TABLE conversations ADD COLUMN expire_timer INTEGER NOT NULL DEFAULT 0;
CREATE TABLE message_edits (
    message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    written_at  INTEGER NOT NULL
);
CREATE INDEX message_edits_by_message ON message_edits(message_seq);
CREATE TABLE early_changes (
    target_id         BLOB NOT NULL CHECK (length(target_id) = 16),
    author_account_id TEXT NOT NULL,
    kind              INTEGER NOT NULL,
    body              TEXT NOT NULL,
    changed_at        INTEGER NOT NULL,
    received_at       INTEGER NOT NULL
);
CREATE INDEX early_changes_by_target ON early_changes(target_id);
)sql"));
    LAPIS_TRY_ASSIGN(auto engine, db.queryText("SELECT value FROM store_meta WHERE key = 'search_engine'"));
    return db.exec(engine && *engine == "fts5" ? Fts5Triggers : Fts4Triggers);
}

} // namespace lapis::store
