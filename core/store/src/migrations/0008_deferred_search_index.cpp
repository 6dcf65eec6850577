// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 8: messages are indexed for search in bulk, after they are stored.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

namespace {

// Indexing each message in the transaction that stores it cost as much as encrypting and storing
// it (a burst of 5,000 spent about 10 us a message on both ends); indexing thousands at a time
// costs a third of that. MessageRepository::indexSearchBacklog indexes what came in since, and
// search() does so before it answers, so no message is ever missing from a result.
//
// Rows up to `indexed_through` are in the index; later ones are not. MessageRepository::insert
// gives a new row a seq above it even after the newest rows were deleted (a rowid is otherwise
// reused), and the triggers that keep edits and deletes in step touch indexed rows only: FTS must
// never be told to unindex a row it never indexed.
constexpr std::string_view Progress = R"sql(
CREATE TABLE search_progress (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    indexed_through INTEGER NOT NULL
);
INSERT INTO search_progress VALUES (1, (SELECT coalesce(max(seq), 0) FROM messages));
)sql";

constexpr std::string_view Fts5Triggers = R"sql(
DROP TRIGGER message_search_after_delete;
DROP TRIGGER message_search_after_update;
CREATE TRIGGER message_search_after_delete AFTER DELETE ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
    INSERT INTO message_search(rowid, body) VALUES (new.seq, new.body);
END;
)sql";

constexpr std::string_view Fts4Triggers = R"sql(
DROP TRIGGER message_search_before_delete;
DROP TRIGGER message_search_before_update;
DROP TRIGGER message_search_after_update;
CREATE TRIGGER message_search_before_delete BEFORE DELETE ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_before_update BEFORE UPDATE OF body ON messages
WHEN old.seq <= (SELECT indexed_through FROM search_progress) BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages
WHEN new.seq <= (SELECT indexed_through FROM search_progress) BEGIN
    INSERT INTO message_search(docid, body) VALUES (new.seq, new.body);
END;
)sql";

} // namespace

Result<void> migration0008DeferredSearchIndex(Database &db)
{
    LAPIS_TRY_ASSIGN(auto engine, db.queryText("SELECT value FROM store_meta WHERE key = 'search_engine'"));
    LAPIS_TRY(db.exec(Progress));
    return db.exec(engine && *engine == "fts5" ? Fts5Triggers : Fts4Triggers);
}

} // namespace lapis::store
