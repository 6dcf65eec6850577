// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLite relay file's schema migrations: files written by older relays open with what they
// hold (tst_relay_storage runs the backend-neutral storage tests on SQLite and PostgreSQL).
#include "SqliteBackend.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::relay;

class TestRelayStorageUpgrades : public QObject {
    Q_OBJECT

private slots:
    void versionOneDatabaseGainsSignIns()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("relay.db").toStdString();
        {
            auto db = SqliteConnection::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("CREATE TABLE accounts(username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
                             "plaintext_only INTEGER NOT NULL, created_ms INTEGER NOT NULL, totp_enabled INTEGER "
                             "NOT NULL DEFAULT 0, totp_secret BLOB, totp_pending BLOB, totp_last_step INTEGER NOT "
                             "NULL DEFAULT -1, failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until_ms INTEGER "
                             "NOT NULL DEFAULT 0, next_device INTEGER NOT NULL DEFAULT 1, account_key BLOB NOT NULL "
                             "DEFAULT x''); PRAGMA user_version=1")
                        .ok());
        }
        auto storage = openSqliteStorage(path);
        QVERIFY2(storage.ok(), storage.ok() ? "" : storage.error().message.c_str());
        QVERIFY((*storage)->createAccount("old", "hash", false, "laptop", Bytes(32, 1), 1).ok());
        SignInRecord r{"cccccccccccccccc", "old", "222222", "phone", 10, 610, 0, SignInRecord::State::Pending, {}};
        QVERIFY((*storage)->createSignIn(r).ok());
    }

    // Issue 16 item 17: codes kept in the clear by schema 3 do not survive the upgrade, and their
    // requests cannot be completed any more.
    void versionThreeSignInCodesAreErased()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("relay.db").toStdString();
        {
            auto db = SqliteConnection::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("CREATE TABLE sign_ins(id TEXT PRIMARY KEY, username TEXT NOT NULL, code TEXT NOT "
                             "NULL, device_name TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT "
                             "NULL, wrong_codes INTEGER NOT NULL DEFAULT 0, state INTEGER NOT NULL DEFAULT 0); "
                             "CREATE TABLE mailbox(id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL, "
                             "device_id INTEGER NOT NULL, kind INTEGER NOT NULL, sender_account TEXT NOT NULL, "
                             "sender_device INTEGER NOT NULL, plaintext INTEGER NOT NULL, server_time_ms INTEGER "
                             "NOT NULL, payload BLOB NOT NULL, event_device INTEGER NOT NULL DEFAULT 0, event_name "
                             "TEXT NOT NULL DEFAULT ''); "
                             "INSERT INTO sign_ins VALUES('dddddddddddddddd', 'v3', '314159', 'phone', 10, "
                             "99999999999999, 0, 0); "
                             "INSERT INTO mailbox(username, device_id, kind, sender_account, sender_device, "
                             "plaintext, server_time_ms, payload) VALUES('v3', 1, 3, 'v3', 0, 0, 10, "
                             "CAST('dddddddddddddddd 314159 10 99999999999999' AS BLOB)); PRAGMA user_version=3")
                        .ok());
        }
        auto storage = openSqliteStorage(path);
        QVERIFY2(storage.ok(), storage.ok() ? "" : storage.error().message.c_str());
        auto kept = (*storage)->findSignIn("v3", "dddddddddddddddd");
        QVERIFY(kept.ok() && kept->has_value());
        QVERIFY((*kept)->code.empty());
        QCOMPARE((*kept)->state, SignInRecord::State::Closed);
        QVERIFY((*storage)->pendingSignIns("v3", 20)->empty());
        auto items = (*storage)->fetchMailbox("v3", 1, 0, 100);
        QVERIFY(items.ok());
        QVERIFY(items->empty());
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        storage.value().reset(); // checkpointed and closed before the scan
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains("314159"), "an old sign-in code is still in relay.db");
    }

    // Schema 4 -> 5 (issue 21): a relay.db from before ML-KEM prekeys opens with its accounts,
    // devices and prekeys kept, and gains kem_prekeys.
    void versionFourDatabaseGainsKemPreKeys()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("relay.db").toStdString();
        {
            auto storage = openSqliteStorage(path);
            QVERIFY(storage.ok());
            QVERIFY((*storage)->createAccount("old", "hash", false, "laptop", Bytes(32, 1), 1).ok());
            QVERIFY((*storage)
                        ->publishKeys("old", 1, Bytes(32, 7), toBytes("cert"), toBytes("spk"), {{5, Bytes(32, 5)}})
                        .ok());
        }
        {
            // As lapis-relay at schema 4 left it.
            auto db = SqliteConnection::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("DROP TABLE kem_prekeys; PRAGMA user_version=4").ok());
        }
        auto storage = openSqliteStorage(path);
        QVERIFY2(storage.ok(), storage.ok() ? "" : storage.error().message.c_str());
        auto &s = **storage;
        {
            auto db = SqliteConnection::open(path);
            QVERIFY(db.ok());
            auto version = db->prepare("PRAGMA user_version");
            QVERIFY(version.ok() && *version->step());
            QCOMPARE(version->int64(0), std::int64_t(RelaySchemaVersion));
        }
        auto counts = s.preKeyCount("old", 1);
        QVERIFY(counts.ok());
        QCOMPARE(counts->oneTime, 1u);
        QCOMPARE(counts->kemOneTime, 0u);
        QVERIFY(!counts->kemLastResort);
        // An old device has no ML-KEM prekey: its bundle carries none (and its signed prekey,
        // signed the old way, says so).
        auto bundles = s.takePreKeyBundles("old", {});
        QVERIFY(bundles.ok() && bundles->size() == 1);
        QVERIFY(bundles->front().oneTimePreKey && !bundles->front().kemPreKey);
        QCOMPARE(bundles->front().device.signedPreKey, toBytes("spk"));

        // It publishes them at its next start; the relay hands them out one-time first, each
        // once, then the last-resort one, which stays.
        KemPreKeyUpload kem;
        kem.lastResort = KemPreKeyWireRecord{100, Bytes(1184, 1), Bytes(64, 1)};
        kem.oneTime = {{7, Bytes(1184, 7), Bytes(64, 7)}, {8, Bytes(1184, 8), Bytes(64, 8)}};
        QVERIFY(s.publishKeys("old", 1, {}, {}, toBytes("spk+kem"), {}, kem).ok());
        counts = s.preKeyCount("old", 1);
        QCOMPARE(counts->kemOneTime, 2u);
        QVERIFY(counts->kemLastResort);
        // A caller with a session (or over its limit) gets the last-resort key and takes nothing.
        bundles = s.takePreKeyBundles("old", {1});
        QVERIFY(bundles.ok() && bundles->front().kemPreKey);
        QCOMPARE(bundles->front().kemPreKey->id, 100u);
        std::vector<std::uint32_t> handedOut;
        for (int i = 0; i < 4; ++i) {
            bundles = s.takePreKeyBundles("old", {});
            QVERIFY(bundles.ok() && bundles->front().kemPreKey);
            handedOut.push_back(bundles->front().kemPreKey->id);
            QCOMPARE(bundles->front().kemPreKey->publicKey.size(), std::size_t{1184});
        }
        QCOMPARE(handedOut, (std::vector<std::uint32_t>{7, 8, 100, 100}));
        counts = s.preKeyCount("old", 1);
        QCOMPARE(counts->kemOneTime, 0u);
        QVERIFY(counts->kemLastResort);
        // A new last-resort key replaces the old one; removing the device removes its keys.
        kem.lastResort->id = 101;
        kem.oneTime.clear();
        QVERIFY(s.publishKeys("old", 1, {}, {}, {}, {}, kem).ok());
        bundles = s.takePreKeyBundles("old", {});
        QCOMPARE(bundles->front().kemPreKey->id, 101u);
        QVERIFY(s.resetAccount("old").ok());
        QVERIFY(s.createAccount("fresh", "hash", false, "d", Bytes(32, 2), 1).ok());
        auto db = SqliteConnection::open(path);
        auto left = db->prepare("SELECT count(*) FROM kem_prekeys");
        QVERIFY(left.ok() && *left->step());
        QCOMPARE(left->int64(0), std::int64_t(0));
    }

    void newerSchemaFileRefused()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("relay.db").toStdString();
        {
            auto db = SqliteConnection::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("PRAGMA user_version=99").ok());
        }
        auto storage = openSqliteStorage(path);
        QVERIFY(!storage.ok());
        QCOMPARE(storage.error().code, ErrorCode::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestRelayStorageUpgrades)
#include "tst_relay_storage_upgrades.moc"
