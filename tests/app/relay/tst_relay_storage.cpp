// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteBackend.h"

#include <lapis/protocol/Identity.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace lapis;
using namespace lapis::relay;

class TestRelayStorage : public QObject {
    Q_OBJECT

private slots:
    void concurrentWritesShareCommits()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("rx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("tx", "hash", false, "d", Bytes(32, 2), 1).ok());
        constexpr int Threads = 8;
        constexpr int PerThread = 50;
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < PerThread; ++i) {
                    SendRequest r{"tx", 1, "rx", {{1, toBytes(std::to_string(t * 1000 + i)), false}}, false, 2};
                    auto outcome = s.storeBatch(r);
                    if (!outcome.ok() || !outcome->stored)
                        ++failures;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        auto items = s.fetchMailbox("rx", 1, 0, 1000);
        QVERIFY(items.ok());
        QCOMPARE(items->size(), static_cast<std::size_t>(Threads * PerThread));
    }

    void failedJobRollsBackAlone()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("a", "hash", false, "d", Bytes(32, 1), 1).ok());
        auto again = s.createAccount("a", "hash", false, "d", Bytes(32, 1), 1);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        auto devices = s.listDevices("a");
        QVERIFY(devices.ok());
        QCOMPARE(devices->size(), 1u);
    }

    void dataSurvivesReopen()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("relay.db").toStdString();
        {
            auto storage = openSqliteStorage(path);
            QVERIFY(storage.ok());
            QVERIFY((*storage)->createAccount("a", "hash", false, "d", Bytes(32, 1), 1).ok());
            QVERIFY((*storage)->createAccount("b", "hash", false, "d", Bytes(32, 1), 1).ok());
            SendRequest r{"b", 1, "a", {{1, toBytes("kept"), false}}, false, 5};
            QVERIFY((*storage)->storeBatch(r).ok());
        }
        auto reopened = openSqliteStorage(path);
        QVERIFY(reopened.ok());
        auto items = (*reopened)->fetchMailbox("a", 1, 0, 10);
        QVERIFY(items.ok());
        QCOMPARE(items->size(), 1u);
        QCOMPARE(toString(items->front().payload), std::string("kept"));
        QVERIFY((*reopened)->acknowledge("a", 1, {items->front().id}).ok());
        QCOMPARE((*reopened)->fetchMailbox("a", 1, 0, 10)->size(), 0u);
    }

    void expiredEnvelopesPurged()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("a", "hash", false, "d", Bytes(32, 1), 0).ok());
        SendRequest old{"a", 1, "a", {}, false, 1000};
        // One's own other devices only: send from a second device.
        QVERIFY(s.addDevice("a", "d2", Bytes(32, 2), std::nullopt, 0).ok());
        old.senderDevice = 2;
        old.items = {{1, toBytes("old"), false}};
        QVERIFY(s.storeBatch(old)->stored);
        QVERIFY(s.purgeExpired(1000 + 31LL * 24 * 3600 * 1000, 30LL * 24 * 3600 * 1000).ok());
        QCOMPARE(s.fetchMailbox("a", 1, 0, 10)->size(), 0u);
    }

    void batchesSkipDevicesTheAccountKeyDidNotCertify()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("a", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("b", "hash", false, "d", Bytes(32, 2), 1).ok());
        QVERIFY(s.addDevice("b", "rogue", Bytes(32, 3), std::nullopt, 1).ok());
        QVERIFY(s.addDevice("b", "keyless", Bytes(32, 4), std::nullopt, 1).ok());
        crypto::DeterministicRandom rng(7);
        const auto accountKey = protocol::AccountIdentity::generate(rng);
        const auto otherKey = protocol::AccountIdentity::generate(rng);
        const auto keys = protocol::DeviceKeys::generate(rng);
        const auto certify = [&](const protocol::AccountIdentity &by, std::uint32_t device) {
            return by
                .certify(AccountId("b"), DeviceId(device), keys.signingKey().publicKey(),
                         keys.identityKey().publicKey(), 1)
                .serialize();
        };
        const auto k = accountKey.publicKey().bytes();
        QVERIFY(s.publishKeys("b", 1, k, certify(accountKey, 1), toBytes("spk"), {}).ok());
        // Device 2's certificate is signed by another key; device 3 published none.
        QVERIFY(s.publishKeys("b", 2, {}, certify(otherKey, 2), toBytes("spk"), {}).ok());

        const auto send = [&](std::vector<std::uint32_t> devices) {
            SendRequest r{"a", 1, "b", {}, false, 5};
            for (auto d : devices)
                r.items.push_back({d, toBytes("x"), false});
            auto outcome = s.storeBatch(r);
            return outcome.ok() && outcome->stored;
        };
        QVERIFY(send({1}));       // the certified device is enough
        QVERIFY(send({1, 2, 3})); // the others may be addressed too
        QVERIFY(!send({2, 3}));   // the certified one may not be left out
        QVERIFY(!send({1, 4}));   // nor a device the account does not have be added
        // Device 2's mailbox: the envelope of the one batch that addressed it (and the event of
        // device 3's arrival).
        const auto items = s.fetchMailbox("b", 2, 0, 10);
        QVERIFY(items.ok());
        const auto envelopes = std::count_if(items->begin(), items->end(),
                                             [](const MailboxItem &i) { return toString(i.payload) == "x"; });
        QCOMPARE(envelopes, std::ptrdiff_t{1});

        // Verdicts are remembered per certificate: once device 2 publishes one the account key
        // signed, it is certified and must be addressed, although its old verdict was "no".
        QVERIFY(s.publishKeys("b", 2, {}, certify(accountKey, 2), toBytes("spk"), {}).ok());
        QVERIFY(!send({1}));
        QVERIFY(send({1, 2}));
    }

    void signInIsConsumedOnceAndToldToEveryDevice()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("si", "hash", false, "laptop", Bytes(32, 1), 1).ok());
        SignInRecord r{"00112233445566aa", "si", "123456", "phone", 10, 610, 0, SignInRecord::State::Pending, {}};
        auto told = s.createSignIn(r);
        QVERIFY(told.ok());
        QCOMPARE(*told, std::vector<std::uint32_t>{1});
        // The pushed event carries the request and its code.
        auto items = s.fetchMailbox("si", 1, 0, 10);
        QVERIFY(items.ok());
        QCOMPARE(items->size(), 1u);
        QCOMPARE(items->front().kind, int(MailboxItem::SignInRequested));
        QCOMPARE(items->front().signInId, r.id);
        QCOMPARE(items->front().signInCode, r.code);
        QCOMPARE(items->front().eventDeviceName, std::string("phone"));
        QCOMPARE(items->front().signInExpiresMs, 610);
        QVERIFY(items->front().payload.empty());
        QCOMPARE(s.pendingSignIns("si", 100)->size(), 1u);
        QVERIFY(s.pendingSignIns("si", 610)->empty()); // expired at its deadline

        auto added = s.addDeviceBySignIn("si", r.id, Bytes(32, 2), 20);
        QVERIFY(added.ok());
        QCOMPARE(added->deviceId, 2u);
        auto twice = s.addDeviceBySignIn("si", r.id, Bytes(32, 3), 21);
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, ErrorCode::Duplicate);
        QCOMPARE(s.listDevices("si")->size(), 2u);
        QCOMPARE(s.findSignIn("si", r.id)->value().state, SignInRecord::State::Approved);
        // Another account's id is unknown here.
        QVERIFY(!s.findSignIn("other", r.id)->has_value());
        // Device 1 hears "added" and "approved" (without the code); the new device neither.
        items = s.fetchMailbox("si", 1, 0, 10);
        QVERIFY(std::any_of(items->begin(), items->end(), [](const MailboxItem &i) {
            return i.kind == MailboxItem::SignInApproved && i.eventDevice == 2 && i.signInCode.empty();
        }));
        QVERIFY(s.fetchMailbox("si", 2, 0, 10)->empty());
    }

    void wrongCodesCloseAndDenialEnds()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("wc", "hash", false, "laptop", Bytes(32, 1), 1).ok());
        SignInRecord r{"aaaaaaaaaaaaaaaa", "wc", "654321", "phone", 10, 610, 0, SignInRecord::State::Pending, {}};
        QVERIFY(s.createSignIn(r).ok());
        std::vector<std::uint32_t> told;
        for (int i = 1; i < 5; ++i) {
            auto counted = s.recordWrongSignInCode("wc", r.id, 5, 20, told);
            QVERIFY(counted.ok());
            QCOMPARE(counted->wrongCodes, i);
            QCOMPARE(counted->state, SignInRecord::State::Pending);
            QVERIFY(told.empty());
        }
        auto fifth = s.recordWrongSignInCode("wc", r.id, 5, 20, told);
        QVERIFY(fifth.ok());
        QCOMPARE(fifth->state, SignInRecord::State::Closed);
        QCOMPARE(told, std::vector<std::uint32_t>{1});
        QCOMPARE(s.addDeviceBySignIn("wc", r.id, Bytes(32, 2), 21).error().code, ErrorCode::Duplicate);
        QCOMPARE(s.denySignIn("wc", r.id, 22).error().code, ErrorCode::NotFound);

        SignInRecord d{"bbbbbbbbbbbbbbbb", "wc", "111111", "tablet", 30, 630, 0, SignInRecord::State::Pending, {}};
        QVERIFY(s.createSignIn(d).ok());
        QVERIFY(s.denySignIn("wc", d.id, 31).ok());
        QCOMPARE(s.findSignIn("wc", d.id)->value().state, SignInRecord::State::Denied);
        QVERIFY(s.pendingSignIns("wc", 32)->empty());
        // A reset forgets the account's sign-ins.
        QVERIFY(s.resetAccount("wc").ok());
        QVERIFY(!s.findSignIn("wc", d.id)->has_value());
    }

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
            QCOMPARE(version->int64(0), std::int64_t(5));
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

    void kemPreKeyPoolIsCapped()
    {
        QTemporaryDir dir;
        auto storage = openSqliteStorage(dir.filePath("relay.db").toStdString());
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("cap", "hash", false, "d", Bytes(32, 1), 1).ok());
        KemPreKeyUpload kem;
        for (std::uint32_t id = 1; id <= 150; ++id)
            kem.oneTime.push_back({id, Bytes(1184, 1), Bytes(64, 1)});
        QVERIFY(s.publishKeys("cap", 1, {}, {}, {}, {}, kem).ok());
        for (auto &key : kem.oneTime)
            key.id += 1000;
        auto over = s.publishKeys("cap", 1, {}, {}, toBytes("spk"), {}, kem);
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, ErrorCode::LimitExceeded);
        // Refused whole: not even the signed prekey of the same call was kept.
        QCOMPARE(s.listDevices("cap")->front().signedPreKey, Bytes{});
        QCOMPARE(s.preKeyCount("cap", 1)->kemOneTime, 150u);
    }

    void newerSchemaRefused()
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

QTEST_GUILESS_MAIN(TestRelayStorage)
#include "tst_relay_storage.moc"
