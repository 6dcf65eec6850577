// SPDX-License-Identifier: GPL-3.0-or-later
// Each schema migration, applied to a database of the previous version that holds data.
#include "Database.h"
#include "Migrations.h"
#include "StoreTestUtil.h"

#include <lapis/store/MessageRepository.h>
#include <lapis/store/PendingUploadRepository.h>
#include <lapis/store/PreKeyRepository.h>
#include <lapis/store/ProcessedEnvelopeRepository.h>
#include <lapis/store/Store.h>

#include <QTemporaryDir>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

std::unique_ptr<Database> databaseAt(const std::filesystem::path &path, int version)
{
    auto db = Database::open(path, fixedKey(5).view(), true);
    if (!db.ok())
        qFatal("open: %s", db.error().message.c_str());
    if (auto r = (*db)->configureForWriting(); !r.ok())
        qFatal("configure: %s", r.error().message.c_str());
    if (auto r = migrate(**db, version); !r.ok())
        qFatal("migrate: %s", r.error().message.c_str());
    return std::move(db).value();
}

// Rows as schema 1 knew them (no reply_to yet).
const char *const SchemaOneData = R"sql(
INSERT INTO own_account VALUES (1, 'alice', 'relay:443', 3, x'0102', x'0304', x'0506', 10);
INSERT INTO contacts VALUES ('bob', 'Bob', x'b0b0', 1, 1, 10);
INSERT INTO contact_devices VALUES ('bob', 1, x'c1', 10);
INSERT INTO sessions VALUES ('bob', 1, x'5e55', 10);
INSERT INTO conversations(id, peer_account_id, title, created_at, last_activity_at) VALUES (1, 'bob', 'Bob', 10, 10);
INSERT INTO messages(id, conversation_id, sender_account_id, sender_device_id, direction, body, sent_at, state, end_to_end)
    VALUES (x'00000000000000000000000000000001', 1, 'bob', 1, 0, 'pancakes for breakfast', 100, 2, 1);
INSERT INTO messages(id, conversation_id, sender_account_id, sender_device_id, direction, body, sent_at, state, end_to_end)
    VALUES (x'00000000000000000000000000000002', 1, 'alice', 3, 1, 'waffles for lunch', 200, 1, 1);
INSERT INTO outbox(message_id, recipient_account_id, recipient_device_id, payload, next_attempt_at, created_at)
    VALUES (x'00000000000000000000000000000002', 'bob', 1, x'ee', 300, 200);
)sql";

// From schema 2 to 7, MessageRepository::insert indexed each message; raw inserts must do the same.
const char *const IndexAsRepositoryDoes = "INSERT INTO message_search(rowid, body) SELECT seq, body FROM messages";

/// A database at `version` (2 or later) holding SchemaOneData, indexed for search.
std::unique_ptr<Database> withIndexedData(const std::filesystem::path &path, int version)
{
    auto db = databaseAt(path, version);
    if (auto r = db->exec(SchemaOneData); !r.ok())
        qFatal("data: %s", r.error().message.c_str());
    if (auto r = db->exec(IndexAsRepositoryDoes); !r.ok())
        qFatal("index: %s", r.error().message.c_str());
    return db;
}

MessageId id(std::uint8_t last)
{
    std::array<std::uint8_t, 16> b{};
    b[15] = last;
    return MessageId(b);
}

/// A message from Bob in SchemaOneData's conversation.
StoredMessage fromBob(const MessageId &messageId, const std::string &text)
{
    StoredMessage m;
    m.id = messageId;
    m.conversationId = 1;
    m.sender = AccountId("bob");
    m.senderDevice = DeviceId(1);
    m.text = text;
    m.sentAtMs = 300;
    return m;
}

} // namespace

class TestStoreMigrations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::filesystem::path freshPath() { return m_dir.path().toStdString() + "/db" + std::to_string(++m_run); }

private slots:
    void tableIsInOrder()
    {
        static_assert(migrationsAreNumberedInOrder());
        QCOMPARE(LatestSchemaVersion, static_cast<int>(Migrations.size()));
    }

    void migration1CreatesSchemaFromEmpty()
    {
        auto db = databaseAt(freshPath(), 0);
        QCOMPARE(*schemaVersion(*db), 0);
        QVERIFY_OK(migrate(*db, 1));
        QCOMPARE(*schemaVersion(*db), 1);
        QVERIFY_OK(db->exec(SchemaOneData));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM messages"), std::int64_t(2));
    }

    void migration2IndexesExistingMessages()
    {
        auto db = databaseAt(freshPath(), 1);
        QVERIFY_OK(db->exec(SchemaOneData));
        QVERIFY_OK(migrate(*db, 2));
        QCOMPARE(*schemaVersion(*db), 2);
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'pancakes'"),
                 std::int64_t(1));
        // Edits and deletes are followed by the triggers.
        QVERIFY_OK(db->exec("UPDATE messages SET body = 'more pancakes' WHERE seq = 2"));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'pancakes'"),
                 std::int64_t(2));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'waffles'"),
                 std::int64_t(0));
        QVERIFY_OK(db->exec("DELETE FROM messages WHERE seq = 1"));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'pancakes'"),
                 std::int64_t(1));
        QVERIFY(db->queryText("SELECT value FROM store_meta WHERE key = 'search_engine'")->has_value());
    }

    void migration3AddsRepliesAndReactions()
    {
        auto db = withIndexedData(freshPath(), 2);
        QVERIFY_OK(migrate(*db, 3));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM messages WHERE reply_to IS NULL"), std::int64_t(2));
        QVERIFY_OK(db->exec("INSERT INTO reactions VALUES (1, 'bob', 'x', 5)"));
        QCOMPARE(*db->queryText("SELECT body FROM messages WHERE seq = 1"), std::string("pancakes for breakfast"));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'waffles'"),
                 std::int64_t(1));
    }

    void migration4AddsAttachments()
    {
        auto db = withIndexedData(freshPath(), 3);
        QVERIFY_OK(db->exec("INSERT INTO reactions VALUES (1, 'bob', 'x', 5)"));
        QVERIFY_OK(migrate(*db, 4));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM reactions"), std::int64_t(1));
        QVERIFY_OK(db->exec("INSERT INTO attachments(message_seq, blob_id, file_name, mime_type, size, digest, "
                            "remote_key) VALUES (1, 'b', 'f.png', 'image/png', 3, x'00', x'01')"));
        QVERIFY_OK(db->exec("PRAGMA foreign_key_check"));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'pancakes'"),
                 std::int64_t(1));
    }

    void migration5AddsPendingUploads()
    {
        auto db = withIndexedData(freshPath(), 4);
        QVERIFY_OK(db->exec("INSERT INTO attachments(message_seq, blob_id, file_name, mime_type, size, digest, "
                            "remote_key) VALUES (1, 'b', 'f.png', 'image/png', 3, x'00', x'01')"));
        QVERIFY_OK(migrate(*db, 5));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM attachments"), std::int64_t(1));

        PendingUploadRepository uploads(*db);
        PendingUpload p;
        p.blobId = "blob-1";
        p.recipient = AccountId("bob");
        p.allowPlaintext = true;
        p.cipherFile = "out-1.bin";
        p.fileKey = SecureBytes::copyOf(Bytes(32, 7));
        p.digest = Bytes(32, 9);
        p.plaintextSize = 1000;
        p.cipherSize = 1100;
        p.mimeType = "image/png";
        p.fileName = "cat.png";
        p.thumbnail = Bytes{1, 2, 3};
        p.createdAtMs = 42;
        QVERIFY_OK(uploads.add(p));
        QVERIFY(!uploads.add(p).ok()); // one row per blob
        QVERIFY_OK(uploads.replaceBlob("blob-1", "blob-2"));
        QCOMPARE(uploads.replaceBlob("blob-1", "blob-3").error().code, ErrorCode::NotFound);
        auto listed = uploads.list();
        QVERIFY_OK(listed);
        QCOMPARE(listed->size(), std::size_t(1));
        const auto &back = listed->front();
        QCOMPARE(back.blobId, std::string("blob-2"));
        QCOMPARE(back.recipient.value(), std::string("bob"));
        QVERIFY(back.allowPlaintext);
        QVERIFY(back.fileKey.view().size() == 32 && back.fileKey.view()[0] == 7);
        QVERIFY(back.digest == p.digest && back.thumbnail == p.thumbnail);
        QCOMPARE(back.plaintextSize, std::uint64_t(1000));
        QCOMPARE(back.cipherSize, std::uint64_t(1100));
        QCOMPARE(back.fileName, std::string("cat.png"));
        QVERIFY(*uploads.remove("blob-2"));
        QVERIFY(!*uploads.remove("blob-2"));
        QVERIFY(uploads.list()->empty());
    }

    void migration6KeepsReplyQuotes()
    {
        auto db = withIndexedData(freshPath(), 5);
        // A reply written at schema 5: a reference without a quote.
        QVERIFY_OK(db->exec("UPDATE messages SET reply_to = x'00000000000000000000000000000001' WHERE seq = 2"));
        QVERIFY_OK(db->exec("INSERT INTO reactions VALUES (1, 'bob', 'x', 5)"));
        QVERIFY_OK(migrate(*db, 6));
        QCOMPARE(*schemaVersion(*db), 6);
        QVERIFY_OK(migrate(*db)); // the repository writes the latest schema

        MessageRepository messages(*db);
        auto old = messages.find(id(2));
        QVERIFY_OK(old);
        QVERIFY((*old)->replyTo && *(*old)->replyTo == id(1));
        QVERIFY((*old)->replyAuthor.value().empty());
        QVERIFY((*old)->replyExcerpt.empty());
        QCOMPARE((*old)->text, std::string("waffles for lunch"));
        QCOMPARE((*messages.find(id(1)))->reactions.size(), std::size_t(1));

        StoredMessage reply = fromBob(id(3), "syrup?");
        reply.replyTo = id(1);
        reply.replyAuthor = AccountId("bob");
        reply.replyExcerpt = "pancakes for breakfast";
        QVERIFY_OK(messages.insert(reply));
        auto back = messages.find(id(3));
        QVERIFY_OK(back);
        QVERIFY((*back)->replyTo && *(*back)->replyTo == id(1));
        QCOMPARE((*back)->replyAuthor.value(), std::string("bob"));
        QCOMPARE((*back)->replyExcerpt, std::string("pancakes for breakfast"));
        // The excerpt is not indexed as the reply's own text.
        QCOMPARE(messages.search("breakfast", 10)->size(), std::size_t(1));

        // Deleting the quoted message erases the quoted words in the replies too.
        QVERIFY_OK(messages.erase(id(1), Erasure::LeaveNotice));
        back = messages.find(id(3));
        QVERIFY((*back)->replyTo && (*back)->replyExcerpt.empty());
        QCOMPARE((*back)->replyAuthor.value(), std::string("bob"));
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM messages WHERE reply_excerpt LIKE '%pancakes%'"),
                 std::int64_t(0));
    }

    void migration7KeysDedupeByRelayTime()
    {
        auto db = databaseAt(freshPath(), 6);
        QVERIFY_OK(db->exec("INSERT INTO processed_envelopes VALUES (x'000000000000000000000000000000aa', 500)"));
        QVERIFY_OK(migrate(*db, 7));
        QCOMPARE(*schemaVersion(*db), 7);
        ProcessedEnvelopeRepository processed(*db);
        // The old row is kept, its processing time standing in for the relay's time.
        QCOMPARE(*processed.contains(id(0xaa)), true);
        QCOMPARE(*processed.markProcessed(id(0xaa), 500), false);
        QCOMPARE(*processed.markProcessed(id(0xbb), 900), true);
        QCOMPARE(*processed.pruneOlderThan(600), 1);
        QCOMPARE(*processed.contains(id(0xbb)), true);
    }

    void migration9RecognisesAnIdWhateverTheRelayTime()
    {
        auto db = databaseAt(freshPath(), 8);
        // Schema 7 took the same id twice under two relay times (the replay of issue 16, item 2).
        QVERIFY_OK(db->exec("INSERT INTO processed_envelopes(relay_time, envelope_id) VALUES "
                            "(500, x'000000000000000000000000000000aa'), (800, x'000000000000000000000000000000aa'), "
                            "(700, x'000000000000000000000000000000bb')"));
        QVERIFY_OK(migrate(*db, 9));
        QCOMPARE(*schemaVersion(*db), 9);
        QCOMPARE(*db->queryInteger("SELECT count(*) FROM processed_envelopes"), std::int64_t(2));
        QCOMPARE(*db->queryInteger("SELECT relay_time FROM processed_envelopes WHERE "
                                   "envelope_id = x'000000000000000000000000000000aa'"),
                 std::int64_t(500));
        ProcessedEnvelopeRepository processed(*db);
        QCOMPARE(*processed.markProcessed(id(0xaa), 5000), false);
        QCOMPARE(*processed.markProcessed(id(0xbb), 1), false);
        QCOMPARE(*processed.markProcessed(id(0xcc), 5000), true);
        QCOMPARE(*processed.markSessionStart(asBytes("digest")), true);
        QCOMPARE(*processed.markSessionStart(asBytes("digest")), false);
    }

    void migration10AddsKemPreKeysAndKeepsTheRest()
    {
        const auto path = freshPath();
        {
            auto db = withIndexedData(path, 9);
            QVERIFY_OK(db->exec("INSERT INTO one_time_prekeys(prekey_id, record) VALUES (7, x'0707')"));
            QVERIFY_OK(db->exec("INSERT INTO session_starts_seen VALUES (x'5151')"));
        }
        // Reopened from the SQLCipher file, as a profile at schema 9 is at the next start.
        auto db = Database::open(path, fixedKey(5).view(), true);
        QVERIFY_OK(db);
        QVERIFY_OK((*db)->configureForWriting());
        QCOMPARE(*schemaVersion(**db), 9);
        QVERIFY(!(*db)->exec("SELECT count(*) FROM kem_prekeys").ok());
        QVERIFY_OK(migrate(**db, 10));
        QCOMPARE(*schemaVersion(**db), 10);
        // What was there is untouched: messages, sessions, X25519 prekeys, replay digests.
        QCOMPARE(*(*db)->queryInteger("SELECT count(*) FROM messages"), std::int64_t(2));
        QCOMPARE(*(*db)->queryInteger("SELECT count(*) FROM sessions"), std::int64_t(1));
        QCOMPARE(*(*db)->queryInteger("SELECT count(*) FROM one_time_prekeys"), std::int64_t(1));
        QCOMPARE(*(*db)->queryInteger("SELECT count(*) FROM session_starts_seen"), std::int64_t(1));
        QCOMPARE(*(*db)->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH 'pancakes'"),
                 std::int64_t(1));

        PreKeyRepository preKeys(**db);
        QVERIFY(preKeys.kemPreKeyIds(true)->empty());
        QVERIFY_OK(preKeys.saveKemPreKey(PreKeyId(5), asBytes("last resort"), true, 100));
        QVERIFY_OK(preKeys.saveKemPreKey(PreKeyId(9), asBytes("one time"), false, 100));
        QVERIFY(!preKeys.saveKemPreKey(PreKeyId(9), asBytes("again"), false, 100).ok()); // ids are unique
        QCOMPARE(preKeys.kemPreKeyIds(true)->size(), std::size_t(1));
        QCOMPARE(preKeys.kemPreKeyIds(false)->front(), PreKeyId(9));
        QCOMPARE(*preKeys.removeKemPreKey(PreKeyId(9)), true);
        QCOMPARE(*preKeys.removeKemPreKey(PreKeyId(9)), false);
        QVERIFY(!preKeys.loadKemPreKey(PreKeyId(9))->has_value());
        QVERIFY(preKeys.loadKemPreKey(PreKeyId(5))->has_value());
    }

    void migration8IndexesInBulkAfterStoring()
    {
        auto db = withIndexedData(freshPath(), 7);
        QVERIFY_OK(migrate(*db, 8));
        QCOMPARE(*db->queryInteger("SELECT indexed_through FROM search_progress"), std::int64_t(2));
        QVERIFY_OK(migrate(*db)); // the repository reads the latest schema; its triggers keep the rule
        const auto matches = [&](const std::string &word) {
            return *db->queryInteger("SELECT count(*) FROM message_search WHERE message_search MATCH '" + word + "'");
        };
        MessageRepository messages(*db);
        QCOMPARE(messages.search("pancakes", 10)->size(), std::size_t(1));

        // The newest row goes (its seq would be handed out again): a new row still lands above
        // everything the index has seen.
        QVERIFY_OK(db->exec("DELETE FROM messages WHERE seq = 2"));
        QCOMPARE(matches("waffles"), std::int64_t(0));
        StoredMessage row = fromBob(id(3), "toast with syrup");
        QVERIFY_OK(messages.insert(row));
        QCOMPARE(*db->queryInteger("SELECT seq FROM messages WHERE body = 'toast with syrup'"), std::int64_t(3));
        QCOMPARE(matches("syrup"), std::int64_t(0)); // stored, not indexed yet

        // Edits and deletes of rows not indexed yet leave the index alone (FTS would be corrupt).
        QVERIFY_OK(messages.edit(id(3), "toast with jam", 310));
        row.id = id(4);
        row.text = "a muffin";
        QVERIFY_OK(messages.insert(row));
        QVERIFY_OK(db->exec("DELETE FROM messages WHERE body = 'a muffin'"));

        QCOMPARE(*messages.indexSearchBacklog(10), std::size_t(1));
        QCOMPARE(*messages.indexSearchBacklog(10), std::size_t(0));
        QCOMPARE(matches("jam"), std::int64_t(1));
        QCOMPARE(matches("syrup"), std::int64_t(0));
        QCOMPARE(matches("muffin"), std::int64_t(0));

        // Indexed now, so the triggers follow it again.
        QVERIFY_OK(messages.edit(id(3), "toast with honey", 320));
        QCOMPARE(matches("jam"), std::int64_t(0));
        QCOMPARE(matches("honey"), std::int64_t(1));

        // search() takes in what is waiting, in chunks or all at once.
        for (std::uint8_t i = 10; i < 15; ++i) {
            row.id = id(i);
            row.text = "scones " + std::to_string(i);
            QVERIFY_OK(messages.insert(row));
        }
        QCOMPARE(*messages.indexSearchBacklog(2), std::size_t(2));
        QCOMPARE(matches("scones"), std::int64_t(2));
        QCOMPARE(messages.search("scones", 10)->size(), std::size_t(5));
        QVERIFY_OK(db->exec("INSERT INTO message_search(message_search) VALUES ('integrity-check')"));
    }

    // Schema 11 (issue 20): old rows keep their text and index; a row sent under a disappearing
    // timer is never indexed, and its erasure leaves the index consistent.
    void migration11KeepsTheIndexAndLeavesTimedMessagesOut()
    {
        auto db = withIndexedData(freshPath(), 10);
        QVERIFY_OK(migrate(*db));
        QCOMPARE(*schemaVersion(*db), LatestSchemaVersion);
        MessageRepository messages(*db);
        QCOMPARE(messages.search("pancakes", 10)->size(), std::size_t(1));
        auto old = messages.find(id(1));
        QVERIFY_OK(old);
        QCOMPARE((*old)->kind, MessageKind::Text);
        QCOMPARE((*old)->expireTimerSeconds, 0U);
        QVERIFY(!(*old)->expiresAtMs);

        StoredMessage timed = fromBob(id(3), "crumpets vanish");
        timed.expireTimerSeconds = 30;
        QVERIFY_OK(messages.insert(timed));
        StoredMessage plain = fromBob(id(4), "crumpets stay");
        QVERIFY_OK(messages.insert(plain));
        QCOMPARE(messages.search("crumpets", 10)->size(), std::size_t(1)); // indexes the backlog first
        QCOMPARE(*db->queryInteger("SELECT indexed_through FROM search_progress"), std::int64_t(4));
        QVERIFY_OK(messages.erase(id(3), Erasure::Remove));
        QVERIFY_OK(messages.erase(id(4), Erasure::LeaveNotice));
        QVERIFY_OK(messages.compactSearchIndex());
        QCOMPARE(messages.search("crumpets", 10)->size(), std::size_t(0));
        QVERIFY_OK(db->exec("INSERT INTO message_search(message_search) VALUES ('integrity-check')"));
        // An edit of an old, indexed row moves the index with it and keeps the earlier text.
        QVERIFY_OK(messages.edit(id(1), "pancakes with syrup", 500));
        QCOMPARE(messages.search("syrup", 10)->size(), std::size_t(1));
        QCOMPARE(messages.editHistory(id(1))->front().text, std::string("pancakes for breakfast"));
    }

    // A profile at schema 1 with data, opened by this build: every step applies and the
    // repositories read the old rows.
    void storeOpensOldProfile()
    {
        const QString profile = m_dir.path() + "/old";
        const StorePaths paths(profile.toStdString());
        std::filesystem::create_directories(paths.profileDir);
        {
            auto db = databaseAt(paths.database, 1);
            QVERIFY_OK(db->exec(SchemaOneData));
        }
        auto store = openStore(profile, 5, OpenMode::OpenExisting);
        QVERIFY_OK(store);
        auto found = (*store)->transact([](Transaction &tx) { return tx.messages().search("waffles", 10); }).get();
        QVERIFY_OK(found);
        QCOMPARE(found->size(), std::size_t(1));
        QVERIFY((*found)[0].id == id(2));
        QVERIFY(!(*found)[0].replyTo);
        auto contact = (*store)->transact([](Transaction &tx) { return tx.contacts().find(AccountId("bob")); }).get();
        QVERIFY((*contact)->everHadEndToEnd);
        QCOMPARE((*contact)->devices.size(), std::size_t(1));
        auto account = (*store)->transact([](Transaction &tx) { return tx.accounts().load(); }).get();
        QCOMPARE((*account)->relayAddress, std::string("relay:443"));
        auto outbox = (*store)->transact([](Transaction &tx) { return tx.outbox().due(1000, 10); }).get();
        QCOMPARE(outbox->size(), std::size_t(1));
    }

    // What a transaction's statements delete is zeroed (secure_delete); only COMMIT runs without
    // it, and the next transaction has it again whatever state the connection was left in.
    void transactionsRunWithSecureDelete()
    {
        auto db = databaseAt(freshPath(), LatestSchemaVersion);
        const auto secureDeleteInside = [&]() -> Result<std::int64_t> {
            std::int64_t seen = -1;
            LAPIS_TRY(detail::runTransaction(*db, [&](Transaction &) -> Result<void> {
                LAPIS_TRY_ASSIGN(seen, db->queryInteger("PRAGMA secure_delete"));
                return {};
            }));
            return seen;
        };
        QCOMPARE(*secureDeleteInside(), std::int64_t{1});
        QCOMPARE(*db->queryInteger("PRAGMA secure_delete"), std::int64_t{1}); // on again after COMMIT
        QVERIFY_OK(db->exec("PRAGMA secure_delete = OFF"));
        QCOMPARE(*secureDeleteInside(), std::int64_t{1});
    }

    void failedMigrationLeavesPreviousVersion()
    {
        auto db = databaseAt(freshPath(), 2);
        QVERIFY_OK(db->exec(SchemaOneData));
        // A table in the way makes migration 3's CREATE TABLE fail half-way through.
        QVERIFY_OK(db->exec("CREATE TABLE reactions (x)"));
        auto r = migrate(*db, 3);
        QVERIFY(!r.ok());
        QCOMPARE(*schemaVersion(*db), 2);
        // The ALTER TABLE of the same step was rolled back with it.
        QVERIFY(!db->exec("SELECT reply_to FROM messages").ok());
    }
};

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_store_migrations.moc"
