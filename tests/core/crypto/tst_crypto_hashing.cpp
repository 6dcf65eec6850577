// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/HashingThread.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/Sodium.h>

#include <QTest>

#include <set>
#include <thread>
#include <vector>

using namespace lapis;
using namespace lapis::crypto;

class TestHashing : public QObject {
    Q_OBJECT
private slots:
    void blake2bKnownAnswer()
    {
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        const auto digest = Blake2b::hash(toBytes("abc"), 64);
        QVERIFY(digest.ok());
        QCOMPARE(QString::fromStdString(toHex(*digest)),
                 QStringLiteral("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                                "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
    }

    void blake2bIncrementalAndKeyed()
    {
        auto h = Blake2b::create(32);
        QVERIFY(h.ok());
        h->update(toBytes("ab")).update(toBytes("c"));
        QCOMPARE(h->finish(), *Blake2b::hash(toBytes("abc"), 32));
        const auto keyed = Blake2b::hash(toBytes("abc"), 32, Bytes(32, 7));
        QVERIFY(keyed.ok());
        QVERIFY(*keyed != *Blake2b::hash(toBytes("abc"), 32));
        QVERIFY(!Blake2b::create(8).ok());
        QVERIFY(!Blake2b::create(32, Bytes(4)).ok());
    }

    void hashingThreadEqualsHashingInLine()
    {
        // Many blocks of different sizes (more than may wait at once), each overwritten by the
        // caller right after update(): the digest is that of the blocks in their order.
        auto inLine = Blake2b::create(32);
        auto background = Blake2b::create(32);
        QVERIFY(inLine.ok() && background.ok());
        Bytes digest;
        {
            HashingThread thread(std::move(*background), 2);
            Bytes block;
            for (std::size_t i = 0; i < 40; ++i) {
                block = randomBytes(1 + (i * 7919) % 70'000);
                inLine->update(block);
                thread.update(block);
                std::fill(block.begin(), block.end(), std::uint8_t{0});
            }
            digest = thread.finish();
        }
        QCOMPARE(digest, inLine->finish());
        // Nothing given: the digest of no bytes; and a thread never finished still ends cleanly.
        auto empty = Blake2b::create(32);
        QVERIFY(empty.ok());
        HashingThread nothing(std::move(*empty));
        QCOMPARE(nothing.finish(), *Blake2b::hash({}, 32));
        auto unfinished = Blake2b::create(32);
        QVERIFY(unfinished.ok());
        HashingThread abandoned(std::move(*unfinished));
        abandoned.update(toBytes("abc"));
    }

    void constantTimeEquality()
    {
        QVERIFY(constantTimeEqual(toBytes("abc"), toBytes("abc")));
        QVERIFY(!constantTimeEqual(toBytes("abc"), toBytes("abd")));
        QVERIFY(!constantTimeEqual(toBytes("abc"), toBytes("abcd")));
        QVERIFY(constantTimeEqual({}, {}));
    }

    void randomBytesDiffer()
    {
        std::set<std::string> seen;
        for (int i = 0; i < 100; ++i)
            seen.insert(toHex(randomBytes(16)));
        QCOMPARE(seen.size(), std::size_t{100});
    }

    void deterministicRandomRepeats()
    {
        DeterministicRandom a(42), b(42), c(43);
        const auto x = a.bytes(64);
        QCOMPARE(b.bytes(64), x);
        QVERIFY(c.bytes(64) != x);
        QVERIFY(a.bytes(64) != x); // the stream moves on
        for (int i = 0; i < 1000; ++i)
            QVERIFY(a.uniform(10) < 10);
    }

    void initialiseFromManyThreads()
    {
        std::vector<std::thread> threads;
        std::atomic<int> ok{0};
        for (int i = 0; i < 8; ++i)
            threads.emplace_back([&] { ok += initialise() ? 1 : 0; });
        for (auto &t : threads)
            t.join();
        QCOMPARE(ok.load(), 8);
    }
};

QTEST_APPLESS_MAIN(TestHashing)
#include "tst_crypto_hashing.moc"
