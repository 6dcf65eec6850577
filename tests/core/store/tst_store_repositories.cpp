// SPDX-License-Identifier: GPL-3.0-or-later
// Identity, contacts, sessions, prekeys, conversations, outbox, dedupe; transactions.
#include "StoreTestUtil.h"

#include <QTemporaryDir>

#include <stdexcept>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

/// A stand-in for the engine's session cache: its value becomes bob's session row at commit.
struct PendingSession final : TransactionState {
    static constexpr const char *Refuse = "refuse";
    std::string value;
    Result<void> writeBack(Transaction &tx) override
    {
        if (value.empty())
            return {};
        if (value == Refuse)
            return fail(ErrorCode::Corrupt, "refused to write back");
        return tx.sessions().save(AccountId("bob"), DeviceId(1), asBytes(value), 1);
    }
};

class TestStoreRepositories : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_run = 0;

    template<typename F>
    auto tx(F body)
    {
        return m_store->transact(std::move(body)).get();
    }

private slots:
    void init()
    {
        auto store = openStore(m_dir.path() + "/p" + QString::number(++m_run), 4);
        QVERIFY_OK(store);
        m_store = std::move(store).value();
    }

    void cleanup() { m_store.reset(); }

    void ownAccountAndDevices()
    {
        QVERIFY(!tx([](Transaction &t) { return t.accounts().load(); })->has_value());
        OwnAccount account;
        account.account = AccountId("alice");
        account.relayAddress = "relay.example:443";
        account.device = DeviceId(3);
        account.deviceCredentials = SecureBytes::copyOf(toBytes("credential"));
        account.identityKeyPair = SecureBytes::copyOf(toBytes("identity-secret"));
        account.identityPublicKey = toBytes("identity-public");
        account.createdAtMs = 42;
        QVERIFY_OK(tx([&](Transaction &t) { return t.accounts().save(account); }));
        auto loaded = tx([](Transaction &t) { return t.accounts().load(); });
        QVERIFY_OK(loaded);
        QVERIFY(loaded->has_value());
        QCOMPARE((*loaded)->account.value(), std::string("alice"));
        QCOMPARE((*loaded)->device.value(), 3u);
        QVERIFY((*loaded)->identityKeyPair.equals(asBytes("identity-secret")));
        QVERIFY((*loaded)->deviceCredentials.equals(asBytes("credential")));
        QCOMPARE((*loaded)->identityPublicKey, toBytes("identity-public"));

        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.accounts().saveDevice({DeviceId(3), "Laptop", toBytes("c3"), 1}));
            LAPIS_TRY(t.accounts().saveDevice({DeviceId(5), "Desktop", toBytes("c5"), 2}));
            return t.accounts().removeDevice(DeviceId(3));
        }));
        auto devices = tx([](Transaction &t) { return t.accounts().devices(); });
        QCOMPARE(devices->size(), std::size_t(1));
        QCOMPARE((*devices)[0].name, std::string("Desktop"));
    }

    void contactsWithDevicesAndDowngradeFlag()
    {
        Contact bob;
        bob.account = AccountId("bob");
        bob.displayName = "Bob";
        bob.pinnedAccountKey = toBytes("bob-key");
        bob.addedAtMs = 7;
        bob.devices = {{DeviceId(1), toBytes("cert1"), 7}, {DeviceId(2), toBytes("cert2"), 7}};
        QVERIFY_OK(tx([&](Transaction &t) { return t.contacts().save(bob); }));
        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.contacts().markEndToEnd(AccountId("bob")));
            return t.contacts().setVerification(AccountId("bob"), VerificationState::Verified);
        }));
        // Saving again without the flag must not clear it, nor drop the devices.
        bob.displayName = "Bobby";
        bob.everHadEndToEnd = false;
        bob.verification = VerificationState::Verified;
        bob.devices.clear();
        QVERIFY_OK(tx([&](Transaction &t) { return t.contacts().save(bob); }));
        auto found = tx([](Transaction &t) { return t.contacts().find(AccountId("bob")); });
        QVERIFY_OK(found);
        QCOMPARE((*found)->displayName, std::string("Bobby"));
        QVERIFY((*found)->everHadEndToEnd);
        QVERIFY((*found)->verification == VerificationState::Verified);
        QCOMPARE((*found)->devices.size(), std::size_t(2));
        QCOMPARE((*found)->pinnedAccountKey, toBytes("bob-key"));

        QVERIFY_OK(tx([](Transaction &t) {
            return t.contacts().replaceDevices(AccountId("bob"), {{DeviceId(9), toBytes("cert9"), 8}});
        }));
        auto list = tx([](Transaction &t) { return t.contacts().list(); });
        QCOMPARE(list->size(), std::size_t(1));
        QCOMPARE((*list)[0].devices.size(), std::size_t(1));
        QCOMPARE((*list)[0].devices[0].device.value(), 9u);

        auto orphan = tx([](Transaction &t) {
            return t.contacts().replaceDevices(AccountId("nobody"), {{DeviceId(1), toBytes("c"), 1}});
        });
        QCOMPARE(orphan.error().code, ErrorCode::NotFound);
        QVERIFY_OK(tx([](Transaction &t) { return t.contacts().remove(AccountId("bob")); }));
        QCOMPARE(tx([](Transaction &t) { return t.contacts().remove(AccountId("bob")); }).error().code,
                 ErrorCode::NotFound);
    }

    void sessionsAndPreKeys()
    {
        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.sessions().save(AccountId("bob"), DeviceId(1), asBytes("state-1"), 1));
            LAPIS_TRY(t.sessions().save(AccountId("bob"), DeviceId(2), asBytes("state-2"), 1));
            return t.sessions().save(AccountId("bob"), DeviceId(1), asBytes("state-1b"), 2);
        }));
        auto s = tx([](Transaction &t) { return t.sessions().load(AccountId("bob"), DeviceId(1)); });
        QVERIFY((*s)->equals(asBytes("state-1b")));
        QCOMPARE(tx([](Transaction &t) { return t.sessions().devicesWithSessions(AccountId("bob")); })->size(),
                 std::size_t(2));
        QVERIFY_OK(tx([](Transaction &t) { return t.sessions().remove(AccountId("bob"), DeviceId(2)); }));
        QVERIFY(!tx([](Transaction &t) { return t.sessions().load(AccountId("bob"), DeviceId(2)); })->has_value());

        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.preKeys().saveSignedPreKey(PreKeyId(1), asBytes("spk1"), 100));
            LAPIS_TRY(t.preKeys().saveSignedPreKey(PreKeyId(2), asBytes("spk2"), 200));
            return t.preKeys().saveOneTimePreKeys(
                {{PreKeyId(10), asBytes("otk10")}, {PreKeyId(11), asBytes("otk11")}, {PreKeyId(12), asBytes("x")}});
        }));
        auto latest = tx([](Transaction &t) { return t.preKeys().latestSignedPreKey(); });
        QCOMPARE((*latest)->id.value(), 2u);
        QCOMPARE(*tx([](Transaction &t) { return t.preKeys().removeSignedPreKeysOlderThan(1000); }), 1);
        QVERIFY(tx([](Transaction &t) { return t.preKeys().loadSignedPreKey(PreKeyId(2)); })->has_value());
        QCOMPARE(*tx([](Transaction &t) { return t.preKeys().consumeOneTimePreKey(PreKeyId(12)); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.preKeys().consumeOneTimePreKey(PreKeyId(12)); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.preKeys().oneTimePreKeyCount(); }), 2);
        // Ids are not reused after the highest one was consumed.
        QCOMPARE(*tx([](Transaction &t) { return t.preKeys().maxOneTimePreKeyId(); }), 12u);
        auto dup = tx([](Transaction &t) { return t.preKeys().saveOneTimePreKeys({{PreKeyId(10), asBytes("y")}}); });
        QCOMPARE(dup.error().code, ErrorCode::AlreadyExists);
        auto otk = tx([](Transaction &t) { return t.preKeys().loadOneTimePreKey(PreKeyId(11)); });
        QVERIFY((*otk)->equals(asBytes("otk11")));
    }

    void conversations()
    {
        auto a = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("bob"), "Bob", 10); });
        auto again = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("bob"), "X", 11); });
        QCOMPARE(a->id, again->id);
        QCOMPARE(again->title, std::string("Bob"));
        auto b = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("carol"), "Carol", 20); });
        QVERIFY_OK(tx([&](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.conversations().recordActivity(a->id, 30, 2));
            LAPIS_TRY(t.conversations().recordActivity(a->id, 25, 1)); // never backwards
            return t.conversations().setArchived(b->id, true);
        }));
        auto list = tx([](Transaction &t) { return t.conversations().list(); });
        QCOMPARE(list->size(), std::size_t(1));
        QCOMPARE((*list)[0].lastActivityAtMs, std::int64_t(30));
        QCOMPARE((*list)[0].unreadCount, 3);
        QCOMPARE(tx([](Transaction &t) { return t.conversations().list(true); })->size(), std::size_t(2));
        QVERIFY_OK(tx([&](Transaction &t) { return t.conversations().markAllRead(a->id); }));
        QCOMPARE((*tx([&](Transaction &t) { return t.conversations().find(a->id); }))->unreadCount, 0);

        // Removing a conversation takes its messages with it.
        QVERIFY_OK(tx([&](Transaction &t) { return t.messages().insert(message(a->id, 1, "bye", 1)); }));
        QVERIFY_OK(tx([&](Transaction &t) { return t.conversations().remove(a->id); }));
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(1)); }), false);
    }

    void outboxSchedulesRetries()
    {
        const auto entry = [](std::uint32_t n, std::int64_t due) {
            OutboxEntry e;
            e.messageId = messageId(n);
            e.recipient = AccountId("bob");
            e.recipientDevice = DeviceId(n);
            e.payload = toBytes("sealed-envelope");
            e.nextAttemptAtMs = due;
            e.createdAtMs = 1;
            return e;
        };
        auto first = tx([&](Transaction &t) { return t.outbox().enqueue(entry(1, 100)); });
        QVERIFY_OK(first);
        QVERIFY_OK(tx([&](Transaction &t) { return t.outbox().enqueue(entry(2, 50)); }));
        QVERIFY_OK(tx([&](Transaction &t) { return t.outbox().enqueue(entry(2, 500)); }));
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().nextAttemptAt(); }), std::int64_t(50));
        auto due = tx([](Transaction &t) { return t.outbox().due(100, 10); });
        QCOMPARE(due->size(), std::size_t(2));
        QCOMPARE((*due)[0].nextAttemptAtMs, std::int64_t(50));
        QCOMPARE((*due)[1].payload, toBytes("sealed-envelope"));
        QVERIFY_OK(tx([&](Transaction &t) { return t.outbox().recordAttempt(*first, 1000); }));
        due = tx([](Transaction &t) { return t.outbox().due(100, 10); });
        QCOMPARE(due->size(), std::size_t(1));
        auto later = tx([](Transaction &t) { return t.outbox().due(1000, 10); });
        QCOMPARE(later->back().attempts, 1);
        // A message's entries for one account go, its entries for another stay.
        auto toCarol = entry(2, 500);
        toCarol.recipient = AccountId("carol");
        QVERIFY_OK(tx([&](Transaction &t) { return t.outbox().enqueue(toCarol); }));
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().removeForMessageTo(messageId(2), AccountId("carol")); }),
                 1);
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().removeForMessageTo(messageId(2), AccountId("carol")); }),
                 0);
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().count(); }), 3);
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().removeForMessage(messageId(2)); }), 2);
        QVERIFY_OK(tx([&](Transaction &t) { return t.outbox().remove(*first); }));
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().count(); }), 0);
        QCOMPARE(*tx([](Transaction &t) { return t.outbox().nextAttemptAt(); }), std::int64_t(0));
    }

    void processedEnvelopesDedupe()
    {
        // Recognised by the id alone (schema 9): a replay with another time is refused too
        // (issue 16, item 2: schema 7 let a relay replay an envelope under a new time).
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(1), 10); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(1), 10); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(1), 11); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(1), 9); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(2), 10); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().contains(messageId(1)); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().contains(messageId(4)); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().markProcessed(messageId(3), 12); }), true);
        // Pruning goes by the time recorded at the first delivery.
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().pruneOlderThan(11); }), 2);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().contains(messageId(1)); }), false);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().contains(messageId(3)); }), true);
        // Session starts are kept for good.
        const auto start = asBytes("a prekey envelope's digest");
        QCOMPARE(*tx([&](Transaction &t) { return t.processedEnvelopes().markSessionStart(start); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().pruneOlderThan(1000); }), 1);
        QCOMPARE(*tx([&](Transaction &t) { return t.processedEnvelopes().markSessionStart(start); }), false);
    }

    // The engine's receive path: message + session + dedupe commit together, or not at all.
    void transactionRollsBackOnError()
    {
        auto conv = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("bob"), "Bob", 1); });
        auto failed = tx([&](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.messages().insert(message(conv->id, 1, "hi", 1)));
            LAPIS_TRY(t.sessions().save(AccountId("bob"), DeviceId(1), asBytes("ratchet"), 1));
            LAPIS_TRY(t.processedEnvelopes().markProcessed(messageId(1), 1));
            return fail(ErrorCode::AuthenticationFailed, "decryption failed late");
        });
        QCOMPARE(failed.error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(1)); }), false);
        QVERIFY(!tx([](Transaction &t) { return t.sessions().load(AccountId("bob"), DeviceId(1)); })->has_value());
        QCOMPARE(*tx([](Transaction &t) { return t.processedEnvelopes().contains(messageId(1)); }), false);

        auto threw = tx([&](Transaction &t) -> Result<int> {
            LAPIS_TRY(t.messages().insert(message(conv->id, 2, "hi", 1)));
            throw std::runtime_error("boom");
        });
        QCOMPARE(threw.error().code, ErrorCode::Internal);
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(2)); }), false);

        // A savepoint undoes only its own part.
        QVERIFY_OK(tx([&](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.messages().insert(message(conv->id, 3, "kept", 1)));
            auto inner = t.savepoint([&](Transaction &s) -> Result<void> {
                LAPIS_TRY(s.messages().insert(message(conv->id, 4, "dropped", 1)));
                return fail(ErrorCode::Corrupt, "bad part");
            });
            if (inner.ok())
                return fail(ErrorCode::Internal, "savepoint should have failed");
            return {};
        }));
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(3)); }), true);
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(4)); }), false);

        auto value = tx([](Transaction &) -> Result<int> { return 42; });
        QCOMPARE(*value, 42);
    }

    // The engine keeps session states in the transaction and writes them just before COMMIT.
    void transactionStatesWriteBackBeforeCommit()
    {
        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            t.state<PendingSession>().value = "first";
            t.state<PendingSession>().value = "second"; // the same object: one write
            return {};
        }));
        auto stored = tx([](Transaction &t) { return t.sessions().load(AccountId("bob"), DeviceId(1)); });
        QVERIFY(stored.ok() && stored->has_value());
        QVERIFY((*stored)->equals(asBytes("second")));

        // A failed transaction writes nothing back.
        auto failed = tx([](Transaction &t) -> Result<void> {
            t.state<PendingSession>().value = "rolled back";
            return fail(ErrorCode::Corrupt, "bad");
        });
        QVERIFY(!failed.ok());
        // A failed savepoint drops what was pending inside it; what came before it was written.
        QVERIFY_OK(tx([](Transaction &t) -> Result<void> {
            t.state<PendingSession>().value = "before the savepoint";
            auto inner = t.savepoint([](Transaction &s) -> Result<void> {
                s.state<PendingSession>().value = "inside the savepoint";
                return fail(ErrorCode::Corrupt, "bad part");
            });
            if (inner.ok())
                return fail(ErrorCode::Internal, "savepoint should have failed");
            if (!t.state<PendingSession>().value.empty())
                return fail(ErrorCode::Internal, "the state of the failed savepoint survived it");
            return {};
        }));
        stored = tx([](Transaction &t) { return t.sessions().load(AccountId("bob"), DeviceId(1)); });
        QVERIFY((*stored)->equals(asBytes("before the savepoint")));

        // A write-back that fails rolls the whole transaction back.
        auto conv = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("bob"), "Bob", 1); });
        auto refused = tx([&](Transaction &t) -> Result<void> {
            LAPIS_TRY(t.messages().insert(message(conv->id, 9, "with a failing write-back", 1)));
            t.state<PendingSession>().value = PendingSession::Refuse;
            return {};
        });
        QCOMPARE(refused.error().code, ErrorCode::Corrupt);
        QCOMPARE(*tx([](Transaction &t) { return t.messages().contains(messageId(9)); }), false);
    }

    void manyQueuedTransactionsAllCommit()
    {
        auto conv = tx([](Transaction &t) { return t.conversations().findOrCreate(AccountId("bob"), "Bob", 1); });
        std::vector<std::future<Result<void>>> futures;
        for (std::uint32_t i = 1; i <= 200; ++i)
            futures.push_back(m_store->transact(
                [i, id = conv->id](Transaction &t) { return t.messages().insert(message(id, i, "m", i)); }));
        for (auto &f : futures)
            QVERIFY_OK(f.get());
        auto page = tx([&](Transaction &t) { return t.messages().page(conv->id, 500); });
        QCOMPARE(page->messages.size(), std::size_t(200));
    }
};

QTEST_GUILESS_MAIN(TestStoreRepositories)
#include "tst_store_repositories.moc"
