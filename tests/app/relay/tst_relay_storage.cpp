// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStorage.h"

#include <lapis/protocol/Identity.h>

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
        auto storage = SqliteStorage::open(dir.filePath("relay.db").toStdString());
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
        auto storage = SqliteStorage::open(dir.filePath("relay.db").toStdString());
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
            auto storage = SqliteStorage::open(path);
            QVERIFY(storage.ok());
            QVERIFY((*storage)->createAccount("a", "hash", false, "d", Bytes(32, 1), 1).ok());
            QVERIFY((*storage)->createAccount("b", "hash", false, "d", Bytes(32, 1), 1).ok());
            SendRequest r{"b", 1, "a", {{1, toBytes("kept"), false}}, false, 5};
            QVERIFY((*storage)->storeBatch(r).ok());
        }
        auto reopened = SqliteStorage::open(path);
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
        auto storage = SqliteStorage::open(dir.filePath("relay.db").toStdString());
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
        auto storage = SqliteStorage::open(dir.filePath("relay.db").toStdString());
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
        auto storage = SqliteStorage::open(path);
        QVERIFY(!storage.ok());
        QCOMPARE(storage.error().code, ErrorCode::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestRelayStorage)
#include "tst_relay_storage.moc"
