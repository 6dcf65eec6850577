// SPDX-License-Identifier: GPL-3.0-or-later
// A seeded random conversation: sends both ways, drops, bounded reordering and duplicate
// deliveries over thousands of steps. Every delivered message must equal what was sent; every
// re-delivery must be reported as a duplicate.

#include "ProtocolTestUtil.h"

#include <QTest>

#include <deque>
#include <map>

using namespace lapis;
using namespace lapis::protocol;
using namespace lapis::protocol::test;

class TestRandomised : public QObject {
    Q_OBJECT

private slots:
    void conversation_data()
    {
        QTest::addColumn<std::uint64_t>("seed");
        for (std::uint64_t seed : {1u, 2u, 3u, 42u})
            QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }

    void conversation()
    {
        QFETCH(std::uint64_t, seed);
        crypto::DeterministicRandom rng(seed);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, seed * 7 + 1), b(bob, 1, seed * 7 + 2);
        QVERIFY(a.startSessionWith(b).ok());

        struct InFlight {
            Envelope envelope;
            std::string text;
            bool toB;
        };
        std::deque<InFlight> inFlight;
        std::vector<InFlight> delivered;
        constexpr int Steps = 4000;
        constexpr std::uint32_t Window = 12; // how far delivery may reorder
        int sent = 0, received = 0, dropped = 0, duplicates = 0;
        std::int64_t now = T0;

        for (int step = 0; step < Steps; ++step) {
            now += 1 + rng.uniform(60);
            const auto action = rng.uniform(100);
            if (action < 40) {
                // Send: Alice always can; Bob once he has heard from Alice.
                const bool fromA = rng.uniform(2) == 0 || !b.cipher().hasSession(a.address());
                auto &from = fromA ? a : b;
                const auto &to = fromA ? b.address() : a.address();
                std::string text =
                    "s" + std::to_string(seed) + "-" + std::to_string(step) + std::string(rng.uniform(300), 'x');
                auto e = from.send(to, text);
                QVERIFY2(e.ok(), e.ok() ? "" : describe(e.error()));
                inFlight.push_back({*e, text, fromA});
                ++sent;
            } else if (action < 85 && !inFlight.empty()) {
                const auto pick = rng.uniform(std::min<std::uint32_t>(Window, std::uint32_t(inFlight.size())));
                auto item = inFlight[pick];
                inFlight.erase(inFlight.begin() + pick);
                auto &to = item.toB ? b : a;
                auto got = to.receive(item.envelope, now);
                QVERIFY2(got.ok(),
                         qPrintable(QString("step %1: %2").arg(step).arg(got.ok() ? "" : describe(got.error()))));
                QCOMPARE(*got, item.text);
                delivered.push_back(std::move(item));
                ++received;
            } else if (action < 90 && !inFlight.empty()) {
                inFlight.erase(inFlight.begin() + rng.uniform(std::uint32_t(inFlight.size())));
                ++dropped;
            } else if (!delivered.empty()) {
                // Recent ones: older replays are the engine's message-id dedupe's job (PROTOCOL.md).
                const auto recent = std::min<std::uint32_t>(40, std::uint32_t(delivered.size()));
                const auto &again = delivered[delivered.size() - 1 - rng.uniform(recent)];
                auto &to = again.toB ? b : a;
                const auto peer = again.toB ? a.address() : b.address();
                const auto before = to.snapshot(peer);
                auto got = to.receive(again.envelope, now);
                QVERIFY(!got.ok());
                QCOMPARE(got.error().code, ErrorCode::Duplicate);
                QCOMPARE(to.snapshot(peer), before);
                ++duplicates;
            }
        }
        qInfo("sent %d, received %d, dropped %d, duplicates %d", sent, received, dropped, duplicates);
        QVERIFY(received > Steps / 4);
        QVERIFY(duplicates > 100);
    }
};

QTEST_APPLESS_MAIN(TestRandomised)
#include "tst_protocol_randomised.moc"
