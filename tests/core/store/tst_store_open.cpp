// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a store: keys, the cipher settings, the schema version gate.
#include "Database.h"
#include "Migrations.h"
#include "StoreTestUtil.h"

#include <QTemporaryDir>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

class TestStoreOpen : public QObject {
    Q_OBJECT

private slots:
    void processUsesSqlCipher()
    {
        auto version = Store::sqlCipherVersion();
        QVERIFY_OK(version);
        QVERIFY(!version->empty());
    }

    void createsAndReopens()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path(), 1);
            QVERIFY_OK(store);
            QVERIFY((*store)->searchEngine() == "fts4" || (*store)->searchEngine() == "fts5");
            auto created = (*store)->transact(
                [](Transaction &tx) { return tx.conversations().findOrCreate(AccountId("bob"), "Bob", 1000); });
            QVERIFY_OK(created.get());
        }
        auto store = openStore(dir.path(), 1, OpenMode::OpenExisting);
        QVERIFY_OK(store);
        auto found =
            (*store)->transact([](Transaction &tx) { return tx.conversations().findByPeer(AccountId("bob")); }).get();
        QVERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->title, std::string("Bob"));
    }

    void fileIsEncryptedWithExplicitCipherSettings()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path(), 1);
            QVERIFY_OK(store);
        }
        const QByteArray db = fileBytes(StorePaths(dir.path().toStdString()).database);
        QVERIFY(db.size() >= 4096);
        QCOMPARE(db.size() % 4096, 0);
        QVERIFY(!db.startsWith("SQLite format 3"));

        auto raw = Database::open(StorePaths(dir.path().toStdString()).database, fixedKey(1).view(), false);
        QVERIFY_OK(raw);
        auto version = (*raw)->queryText("PRAGMA cipher_version");
        QVERIFY_OK(version);
        QVERIFY(version->has_value());
        auto pageSize = (*raw)->queryInteger("PRAGMA cipher_page_size");
        QVERIFY_OK(pageSize);
        QCOMPARE(*pageSize, std::int64_t(4096));
        auto journal = (*raw)->queryText("PRAGMA journal_mode");
        QVERIFY_OK(journal);
        QCOMPARE(journal->value_or(""), std::string("wal"));
    }

    void wrongKeyIsRefusedAndTouchesNothing()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path(), 1);
            QVERIFY_OK(store);
            QVERIFY_OK((*store)
                           ->transact([](Transaction &tx) {
                               return tx.conversations().findOrCreate(AccountId("bob"), "Bob", 1);
                           })
                           .get());
        }
        const auto before = snapshot(dir.path().toStdString());
        for (auto mode : {OpenMode::OpenExisting, OpenMode::CreateIfMissing}) {
            auto store = openStore(dir.path(), 2, mode);
            QVERIFY(!store.ok());
            QCOMPARE(store.error().code, ErrorCode::WrongPassphrase);
        }
        QVERIFY(snapshot(dir.path().toStdString()) == before);
        QVERIFY_OK(openStore(dir.path(), 1, OpenMode::OpenExisting));
    }

    void missingDatabaseIsNotCreated()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path(), 1, OpenMode::OpenExisting);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ErrorCode::NotFound);
        QVERIFY(snapshot(dir.path().toStdString()).empty());
    }

    void newerSchemaIsRefusedUnchanged()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path(), 1);
            QVERIFY_OK(store);
        }
        const auto path = StorePaths(dir.path().toStdString()).database;
        {
            auto raw = Database::open(path, fixedKey(1).view(), false);
            QVERIFY_OK(raw);
            QVERIFY_OK((*raw)->exec("PRAGMA user_version = " + std::to_string(LatestSchemaVersion + 1)));
        }
        const auto before = snapshot(dir.path().toStdString());
        auto store = openStore(dir.path(), 1, OpenMode::OpenExisting);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ErrorCode::Unsupported);
        QVERIFY2(store.error().message.find("newer version") != std::string::npos, store.error().message.c_str());
        QVERIFY(snapshot(dir.path().toStdString()) == before);

        // The gate itself: equal and older pass, only newer is refused (Nheko had it inverted).
        QVERIFY_OK(checkSchemaIsNotNewer(LatestSchemaVersion));
        QVERIFY_OK(checkSchemaIsNotNewer(0));
        QVERIFY(!checkSchemaIsNotNewer(LatestSchemaVersion + 1).ok());
    }

    void integrityCheckPasses()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path(), 1);
        QVERIFY_OK(store);
        auto report = (*store)->integrityCheck().get();
        QVERIFY_OK(report);
        QCOMPARE(*report, std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "tst_store_open.moc"
