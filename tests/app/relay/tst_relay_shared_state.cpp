// SPDX-License-Identifier: GPL-3.0-or-later
// What relays on one database share beyond their rows, and group commit under failures: one
// suite run against both backends (the SQLite file and a throwaway PostgreSQL server), as
// tst_relay_storage is.
#include "RelayStorageFixture.h"

#include <lapis/testsupport/PostgresServer.h>

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <map>
#include <thread>

using namespace lapis;
using namespace lapis::relay;

class TestRelaySharedState : public QObject, protected test::RelayStorageFixture {
    Q_OBJECT

public:
    explicit TestRelaySharedState(test::PostgresServer *postgres)
        : RelayStorageFixture(postgres, QStringLiteral("shared"))
    {}

private:
private slots:
    void initTestCase() { QVERIFY(startBackend()); }

    void init() { QVERIFY(freshPlace()); }

    // Group commit runs a group first without savepoints and holds mailbox rows back to store
    // them in one statement; a batch that fails (a rule, or a row the database refuses when it
    // is finally written) must still fail alone, while its neighbours in the same transaction
    // are stored once each and in their order.
    void failingBatchesLeaveTheirNeighbours()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("rx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("tx", "hash", false, "d", Bytes(32, 2), 1).ok());
        QVERIFY(s.createAccount("full", "hash", false, "d", Bytes(32, 3), 1).ok());
        QVERIFY(s.storeBatch({"tx", 1, "full", {{1, toBytes("fills it"), false, nullptr}}, false, 2, 1})->stored);
        constexpr int Threads = 6;
        constexpr int Rounds = 30;
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < Rounds; ++i) {
                    const std::string tag = std::to_string(t) + ":" + std::to_string(i) + ":";
                    // Odd rounds fail only in the held rows, so that the optimistic pass reaches
                    // its COMMIT before it learns of the failure.
                    const bool heldOnly = i % 2 == 1;
                    std::vector<SendRequest> batches{
                        {"tx", 1, "rx", {{1, toBytes(tag + "a"), false, nullptr}}, false, 2, 100000}};
                    if (!heldOnly) {
                        batches.push_back({"tx", 1, "nobody", {{1, toBytes("x"), false, nullptr}}, false, 2, 0});
                        batches.push_back({"tx", 1, "full", {{1, toBytes("x"), false, nullptr}}, false, 2, 1});
                        batches.push_back({"tx", 1, "rx", {{1, toBytes("x"), true, nullptr}}, false, 2, 0});
                    }
                    // Invalid UTF-8 in a text column: PostgreSQL refuses the row only when the
                    // held rows are written, at the next statement or at COMMIT.
                    batches.push_back({"tx\xff", 1, "rx", {{1, toBytes(tag + "bad"), false, nullptr}}, false, 2, 0});
                    batches.push_back({"tx", 1, "rx", {{1, toBytes(tag + "b"), false, nullptr}}, false, 2, 100000});
                    auto outcomes = s.storeBatches(batches);
                    if (!outcomes.ok() || outcomes->size() != batches.size()) {
                        ++wrong;
                        continue;
                    }
                    const auto &o = *outcomes;
                    const bool postgres = m_postgres != nullptr;
                    const std::size_t last = o.size() - 1;
                    if (!o[0].ok() || !o[0]->stored || !o[last].ok() || !o[last]->stored
                        || o[last - 1].ok() == postgres)
                        ++wrong;
                    if (!heldOnly
                        && (o[1].ok() || o[1].error().code != ErrorCode::NotFound || o[2].ok()
                            || o[2].error().code != ErrorCode::LimitExceeded || o[3].ok()
                            || o[3].error().code != ErrorCode::PermissionDenied))
                        ++wrong;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
        auto items = s.fetchMailbox("rx", 1, 0, 10000);
        QVERIFY(items.ok());
        // Each thread's sends in the mailbox's order, exactly as they were sent.
        std::map<int, std::vector<std::string>> byThread;
        for (const auto &item : *items) {
            const std::string text(item.payload.begin(), item.payload.end());
            byThread[std::stoi(text)].push_back(text);
        }
        for (int t = 0; t < Threads; ++t) {
            std::vector<std::string> expected;
            for (int i = 0; i < Rounds; ++i) {
                const std::string tag = std::to_string(t) + ":" + std::to_string(i) + ":";
                expected.push_back(tag + "a");
                if (!m_postgres)
                    expected.push_back(tag + "bad"); // SQLite keeps any bytes in a text column
                expected.push_back(tag + "b");
            }
            QCOMPARE(byThread[t], expected);
        }
        QCOMPARE(s.fetchMailbox("full", 1, 0, 10)->size(), 1u);
    }

    // The per-account buckets relays on one database share (issue 19): two relays taking from
    // one bucket at once get exactly its burst between them, never a token twice.
    void sharedBucketsGiveEachTokenOnce()
    {
        auto first = open();
        QVERIFY(first.ok());
        auto second = open();
        QVERIFY(second.ok());
        auto a = (*first)->backend().sharedTokenBuckets("test", 0.001, 40);
        auto b = (*second)->backend().sharedTokenBuckets("test", 0.001, 40);
        if (!m_postgres) {
            QVERIFY(!a && !b); // one relay: its buckets live in its memory
            return;
        }
        QVERIFY(a && b);
        std::atomic<int> taken{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 6; ++t) {
            threads.emplace_back([&, t] {
                auto &buckets = t % 2 ? *a : *b;
                for (int i = 0; i < 20; ++i)
                    taken += buckets.take("alice") ? 0 : 1;
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(taken.load(), 40);
        const auto wait = a->take("alice");
        QVERIFY(wait && *wait > std::chrono::milliseconds(900)); // 1 token per 1000 s
        QVERIFY(!b->take("bob"));                                // another key has its own bucket
    }
};

int main(int argc, char **argv)
{
    return test::runOnBothBackends<TestRelaySharedState>(argc, argv);
}

#include "tst_relay_shared_state.moc"
