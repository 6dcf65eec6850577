// SPDX-License-Identifier: GPL-3.0-or-later
// RelayStorage (RelayRules over a backend), one suite run against both backends: the SQLite file
// and a throwaway PostgreSQL server (tests/support PostgresServer). The SQLite file's upgrades
// from older schemas are in tst_relay_storage_upgrades.
#include "RelayStorageFixture.h"
#include "SqliteBackend.h"

#include <lapis/protocol/Identity.h>
#include <lapis/testsupport/PostgresServer.h>

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace lapis;
using namespace lapis::relay;

namespace {
constexpr std::int64_t Minute = 60'000;
}

class TestRelayStorage : public QObject, protected test::RelayStorageFixture {
    Q_OBJECT

public:
    explicit TestRelayStorage(test::PostgresServer *postgres)
        : RelayStorageFixture(postgres, QStringLiteral("relay"))
    {}

private:
private slots:
    void initTestCase() { QVERIFY(startBackend()); }

    void init() { QVERIFY(freshPlace()); }

    void concurrentWritesShareCommits()
    {
        auto storage = open();
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
                    SendRequest r{"tx",  1, "rx", {{1, toBytes(std::to_string(t * 1000 + i)), false, nullptr}},
                                  false, 2};
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
        auto storage = open();
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
        {
            auto storage = open();
            QVERIFY(storage.ok());
            QVERIFY((*storage)->createAccount("a", "hash", false, "d", Bytes(32, 1), 1).ok());
            QVERIFY((*storage)->createAccount("b", "hash", false, "d", Bytes(32, 1), 1).ok());
            SendRequest r{"b", 1, "a", {{1, toBytes("kept"), false, nullptr}}, false, 5};
            QVERIFY((*storage)->storeBatch(r).ok());
        }
        auto reopened = open();
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
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("a", "hash", false, "d", Bytes(32, 1), 0).ok());
        SendRequest old{"a", 1, "a", {}, false, 1000};
        // One's own other devices only: send from a second device.
        QVERIFY(s.addDevice("a", "d2", Bytes(32, 2), std::nullopt, 0).ok());
        old.senderDevice = 2;
        old.items = {{1, toBytes("old"), false, nullptr}};
        QVERIFY(s.storeBatch(old)->stored);
        QVERIFY(s.purgeExpired(1000 + 31LL * 24 * 3600 * 1000, 30LL * 24 * 3600 * 1000).ok());
        QCOMPARE(s.fetchMailbox("a", 1, 0, 10)->size(), 0u);
    }

    void batchesSkipDevicesTheAccountKeyDidNotCertify()
    {
        auto storage = open();
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
                r.items.push_back({d, toBytes("x"), false, nullptr});
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
        auto storage = open();
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
        auto storage = open();
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

    void kemPreKeyPoolIsCapped()
    {
        auto storage = open();
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
        {
            auto storage = open();
            QVERIFY(storage.ok());
        }
        if (m_postgres) {
            bool ok = false;
            m_postgres->psql(m_database, QStringLiteral("UPDATE relay_schema SET version=99"), &ok);
            QVERIFY(ok);
        } else {
            auto db = SqliteConnection::open(m_dir.filePath(m_database + QStringLiteral("/relay.db")).toStdString());
            QVERIFY(db.ok());
            QVERIFY(db->exec("PRAGMA user_version=99").ok());
        }
        auto storage = open();
        QVERIFY(!storage.ok());
        QCOMPARE(storage.error().code, ErrorCode::Unsupported);
        QVERIFY2(storage.error().message.find("newer lapis-relay (schema 99") != std::string::npos,
                 storage.error().message.c_str());
    }

    // Two relays on one database (two storages on one file or database here): each one-time
    // prekey is handed out once, and every failed log-in counts, however the calls spread.
    void twoRelaysShareOneTimeKeysAndCounters()
    {
        auto first = open();
        auto second = open();
        QVERIFY(first.ok() && second.ok());
        QVERIFY((*first)->createAccount("shared", "hash", false, "d", Bytes(32, 1), 1).ok());
        std::vector<OneTimePreKeyRecord> keys;
        for (std::uint32_t id = 1; id <= 150; ++id)
            keys.push_back({id, Bytes(32, static_cast<std::uint8_t>(id))});
        QVERIFY((*first)->publishKeys("shared", 1, {}, {}, toBytes("spk"), keys).ok());
        constexpr int Threads = 4;
        constexpr int Calls = 50;
        std::mutex mutex;
        std::vector<std::uint32_t> taken;
        std::atomic<int> errors{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            RelayRules &relay = t % 2 ? **second : **first;
            threads.emplace_back([&] {
                for (int i = 0; i < Calls; ++i) {
                    auto bundles = relay.takePreKeyBundles("shared", {});
                    auto counted = relay.recordLoginFailure("shared", 1'000);
                    if (!bundles.ok() || !counted.ok()) {
                        ++errors;
                        continue;
                    }
                    if (bundles->front().oneTimePreKey) {
                        std::lock_guard lock(mutex);
                        taken.push_back(bundles->front().oneTimePreKey->id);
                    }
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(errors.load(), 0);
        std::sort(taken.begin(), taken.end());
        QVERIFY2(std::adjacent_find(taken.begin(), taken.end()) == taken.end(),
                 "a one-time prekey was handed out twice");
        QCOMPARE(taken.size(), keys.size());
        QCOMPARE((*second)->findAccount("shared")->value().failedAttempts, std::int64_t{Threads * Calls});
    }

    // A stream reads its mailbox with a cursor (the last id it pushed): with two relays writing
    // at once, no item may become visible below a cursor that has already passed it.
    void cursorReaderSkipsNothingWhileTwoRelaysWrite()
    {
        auto first = open();
        auto second = open();
        QVERIFY(first.ok() && second.ok());
        QVERIFY((*first)->createAccount("rx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY((*first)->createAccount("tx", "hash", false, "d", Bytes(32, 2), 1).ok());
        constexpr int PerWriter = 100;
        std::atomic<int> writersLeft{4};
        std::atomic<int> errors{0};
        std::vector<std::thread> writers;
        for (int w = 0; w < 4; ++w) {
            RelayRules &relay = w % 2 ? **second : **first;
            writers.emplace_back([&, w] {
                for (int i = 0; i < PerWriter; ++i) {
                    SendRequest r{"tx",  1, "rx", {{1, toBytes(std::to_string(w * 1000 + i)), false, nullptr}},
                                  false, 2};
                    auto stored = relay.storeBatch(r);
                    if (!stored.ok() || !stored->stored)
                        ++errors;
                }
                --writersLeft;
            });
        }
        std::set<std::string> seen;
        std::uint64_t cursor = 0;
        for (bool last = false; !last;) {
            last = writersLeft == 0;
            auto items = (*first)->fetchMailbox("rx", 1, cursor, 1000);
            QVERIFY(items.ok());
            for (const auto &item : *items) {
                seen.insert(toString(item.payload));
                cursor = item.id;
            }
        }
        for (auto &writer : writers)
            writer.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE((*first)->fetchMailbox("rx", 1, 0, 1000)->size(), std::size_t{4 * PerWriter});
        QCOMPARE(seen.size(), std::size_t{4 * PerWriter});
    }

    // The account identity key is set once; another is refused until an operator reset.
    void accountKeyIsPinned()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("pin", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.publishKeys("pin", 1, Bytes(32, 7), {}, {}, {}).ok());
        QVERIFY(s.publishKeys("pin", 1, Bytes(32, 7), {}, {}, {}).ok());
        auto swapped = s.publishKeys("pin", 1, Bytes(32, 8), {}, {}, {});
        QVERIFY(!swapped.ok());
        QCOMPARE(swapped.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(s.findAccount("pin")->value().accountKey, Bytes(32, 7));
        QVERIFY(s.resetAccount("pin").ok());
        QVERIFY(s.publishKeys("pin", 1, Bytes(32, 8), {}, {}, {}).ok());
        QCOMPARE(s.findAccount("pin")->value().accountKey, Bytes(32, 8));
    }

    // Four free failures, then 30 s doubling per failure; a success clears it.
    void lockOutScheduleDoubles()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("lock", "hash", false, "d", Bytes(32, 1), 1).ok());
        const std::int64_t now = 1'000'000;
        for (int i = 0; i < 4; ++i)
            QCOMPARE(*s.recordLoginFailure("lock", now), std::int64_t{0});
        QCOMPARE(*s.recordLoginFailure("lock", now), now + 30'000);
        QCOMPARE(*s.recordLoginFailure("lock", now), now + 60'000);
        for (int i = 0; i < 20; ++i)
            (void)s.recordLoginFailure("lock", now);
        QCOMPARE(*s.recordLoginFailure("lock", now), now + 3'600'000);
        QCOMPARE(s.findAccount("lock")->value().failedAttempts, std::int64_t{27});
        QVERIFY(s.clearLoginFailures("lock").ok());
        QCOMPARE(s.findAccount("lock")->value().lockedUntilMs, std::int64_t{0});
        QCOMPARE(*s.recordLoginFailure("nobody", now), std::int64_t{0});
    }

    // A TOTP step and a link token each work once.
    void totpStepsAndLinkTokensAreUsedOnce()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("once", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.setTotpPending("once", Bytes(20, 3)).ok());
        QVERIFY(s.confirmTotp("once", 100).ok());
        QCOMPARE(s.findAccount("once")->value().totpSecret, Bytes(20, 3));
        QCOMPARE(s.addDevice("once", "d2", Bytes(32, 2), 100, 1).error().code, ErrorCode::Duplicate);
        QCOMPARE(s.addDevice("once", "d2", Bytes(32, 2), 99, 1).error().code, ErrorCode::Duplicate);
        QVERIFY(s.addDevice("once", "d2", Bytes(32, 2), 101, 1).ok());

        QVERIFY(s.createLinkToken("once", Bytes(32, 9), 10 * Minute).ok());
        QCOMPARE(s.addLinkedDevice("other", Bytes(32, 9), "d3", Bytes(32, 3), Minute).error().code,
                 ErrorCode::NotFound);
        auto linked = s.addLinkedDevice("once", Bytes(32, 9), "d3", Bytes(32, 3), Minute);
        QVERIFY(linked.ok());
        QCOMPARE(linked->deviceId, 3u);
        QCOMPARE(linked->notified, (std::vector<std::uint32_t>{1, 2}));
        QCOMPARE(s.addLinkedDevice("once", Bytes(32, 9), "d4", Bytes(32, 4), Minute).error().code, ErrorCode::NotFound);
        QVERIFY(s.createLinkToken("once", Bytes(32, 10), Minute).ok());
        QCOMPARE(s.addLinkedDevice("once", Bytes(32, 10), "d4", Bytes(32, 4), Minute).error().code,
                 ErrorCode::NotFound); // expired at its deadline
    }

    // Plaintext needs the sender's allowance (or a plaintext-only account); a full mailbox
    // refuses the batch whole.
    void plaintextAndMailboxLimits()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("e2e", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("plain", "hash", true, "d", Bytes(32, 2), 1).ok());
        SendRequest clear{"plain", 1, "e2e", {{1, toBytes("hi"), true, nullptr}}, false, 5};
        QCOMPARE(s.storeBatch(clear).error().code, ErrorCode::PermissionDenied);
        clear.allowPlaintext = true;
        QVERIFY(s.storeBatch(clear)->stored);
        SendRequest toPlain{"e2e", 1, "plain", {{1, toBytes("hi"), true, nullptr}}, false, 5};
        QVERIFY(s.storeBatch(toPlain)->stored);
        QCOMPARE(s.publishKeys("plain", 1, Bytes(32, 7), {}, {}, {}).error().code, ErrorCode::PermissionDenied);

        SendRequest full{"plain", 1, "e2e", {{1, toBytes("x"), false, nullptr}}, false, 5, 2};
        QVERIFY(s.storeBatch(full)->stored); // the mailbox holds "hi" and this
        QCOMPARE(s.storeBatch(full).error().code, ErrorCode::LimitExceeded);
        QCOMPARE(s.fetchMailbox("e2e", 1, 0, 10)->size(), 2u);
    }

    // Every bundle of a device with ML-KEM prekeys carries one: one-time keys first, each once,
    // then the last-resort key, which stays; a caller with a session takes none.
    void kemPreKeysOneTimeFirstThenLastResort()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("kem", "hash", false, "d", Bytes(32, 1), 1).ok());
        KemPreKeyUpload kem;
        kem.lastResort = KemPreKeyWireRecord{100, Bytes(1184, 1), Bytes(64, 1)};
        kem.oneTime = {{7, Bytes(1184, 7), Bytes(64, 7)}, {8, Bytes(1184, 8), Bytes(64, 8)}};
        QVERIFY(s.publishKeys("kem", 1, {}, {}, toBytes("spk"), {{5, Bytes(32, 5)}}, kem).ok());
        auto counts = s.preKeyCount("kem", 1);
        QCOMPARE(counts->oneTime, 1u);
        QCOMPARE(counts->kemOneTime, 2u);
        QVERIFY(counts->kemLastResort);
        auto bundles = s.takePreKeyBundles("kem", {1});
        QVERIFY(bundles.ok() && bundles->front().kemPreKey && !bundles->front().oneTimePreKey);
        QCOMPARE(bundles->front().kemPreKey->id, 100u);
        std::vector<std::uint32_t> handedOut;
        for (int i = 0; i < 4; ++i) {
            bundles = s.takePreKeyBundles("kem", {});
            QVERIFY(bundles.ok() && bundles->front().kemPreKey);
            handedOut.push_back(bundles->front().kemPreKey->id);
            const auto fill = handedOut.back() == 100 ? 1 : handedOut.back(); // the last-resort key is all 1s
            QCOMPARE(bundles->front().kemPreKey->publicKey, Bytes(1184, static_cast<std::uint8_t>(fill)));
            QCOMPARE(bundles->front().kemPreKey->signature.size(), std::size_t{64});
        }
        QCOMPARE(handedOut, (std::vector<std::uint32_t>{7, 8, 100, 100}));
        QCOMPARE(s.preKeyCount("kem", 1)->oneTime, 0u);
        kem.lastResort->id = 101;
        kem.oneTime.clear();
        QVERIFY(s.publishKeys("kem", 1, {}, {}, {}, {}, kem).ok());
        QCOMPARE(s.takePreKeyBundles("kem", {})->front().kemPreKey->id, 101u);
        QVERIFY(s.removeDevice("kem", 1, 2).ok());
        QCOMPARE(s.preKeyCount("kem", 1)->kemLastResort, false);
    }
};

int main(int argc, char **argv)
{
    return test::runOnBothBackends<TestRelayStorage>(argc, argv);
}

#include "tst_relay_storage.moc"
