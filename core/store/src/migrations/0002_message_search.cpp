// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 2: full-text search over message bodies, in the same encrypted file.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

namespace {

// FTS5 where the library has it (SQLCipher 4 builds usually do); Debian's 3.4.1 has only FTS3/4.
// Both are external-content tables over messages(seq, body), so the text is stored once, and
// both answer `SELECT rowid FROM message_search WHERE message_search MATCH ?` with the same query
// syntax for the quoted words the repository sends: the search SQL needs no branch.
//
// New messages are indexed by MessageRepository::insert itself, not by an AFTER INSERT trigger:
// a trigger makes every INSERT a statement transaction, FTS flushes its pending terms at each
// statement savepoint, and bulk inserts became 6x slower (a new index segment per message, each
// page of it encrypted). Updates and deletes are rare and stay with triggers.
bool libraryHasFts5(Database &db)
{
    if (!db.exec("CREATE VIRTUAL TABLE temp.lapis_fts5_probe USING fts5(x)").ok())
        return false;
    (void)db.exec("DROP TABLE temp.lapis_fts5_probe");
    return true;
}

constexpr std::string_view Fts5 = R"sql(
CREATE VIRTUAL TABLE message_search USING fts5(body, content='messages', content_rowid='seq', tokenize='unicode61');
CREATE TRIGGER message_search_after_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO message_search(message_search, rowid, body) VALUES ('delete', old.seq, old.body);
    INSERT INTO message_search(rowid, body) VALUES (new.seq, new.body);
END;
INSERT INTO message_search(message_search) VALUES ('rebuild');
INSERT INTO store_meta(key, value) VALUES ('search_engine', 'fts5');
)sql";

// FTS4 with external content reads the old text from `messages` to unindex it, so deletes
// and the first half of an update must run BEFORE the row changes.
constexpr std::string_view Fts4 = R"sql(
CREATE VIRTUAL TABLE message_search USING fts4(content="messages", body, tokenize=unicode61);
CREATE TRIGGER message_search_before_delete BEFORE DELETE ON messages BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_before_update BEFORE UPDATE OF body ON messages BEGIN
    DELETE FROM message_search WHERE docid = old.seq;
END;
CREATE TRIGGER message_search_after_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO message_search(docid, body) VALUES (new.seq, new.body);
END;
INSERT INTO message_search(message_search) VALUES ('rebuild');
INSERT INTO store_meta(key, value) VALUES ('search_engine', 'fts4');
)sql";

} // namespace

Result<void> migration0002MessageSearch(Database &db)
{
    return db.exec(libraryHasFts5(db) ? Fts5 : Fts4);
}

} // namespace lapis::store
