// SPDX-License-Identifier: GPL-3.0-or-later
// Session state serialisation: exact round trips, damaged input, and the committed fixture
// written by format version 1, which every later version must keep reading and continuing.
//
// To rewrite the fixture (only when adding a new format version, never to "fix" this test):
//   LAPIS_WRITE_FIXTURES=1 tst_protocol_session_record writeFixture

#include "ProtocolTestUtil.h"

#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Padding.h>
#include <lapis/protocol/Ratchet.h>
#include <lapis/testsupport/TestData.h>

#include <QFile>
#include <QTest>

using namespace lapis;
using namespace lapis::protocol;
using namespace lapis::protocol::test;

namespace {

QString fixturePath(const char *name)
{
    return lapis::test::sourceDir() + "/tests/core/protocol/fixtures/" + name;
}

Bytes readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    const auto data = f.readAll();
    return Bytes(data.begin(), data.end());
}

void writeFile(const QString &path, ByteView bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<qint64>(bytes.size()));
}

Bytes bytesOf(const WipedBytes &w)
{
    return Bytes(w.view().begin(), w.view().end());
}

// Deterministic scenario: a session with skipped keys, an archived state and messages in flight.
struct Scenario {
    crypto::DeterministicRandom rng{2024};
    TestAccount alice{"alice", rng};
    TestAccount bob{"bob", rng};
    TestDevice a{alice, 1, 101};
    TestDevice b{bob, 1, 202};
    Envelope pendingToBob;
    Envelope pendingToAlice;

    Scenario()
    {
        establish(a, b);
        auto m0 = *a.send(b.address(), "fixture 0");
        auto m1 = *a.send(b.address(), "fixture 1");
        (void)b.receive(m1); // m0 stays skipped
        auto r = *b.send(a.address(), "fixture reply");
        (void)a.receive(r);
        pendingToBob = *a.send(b.address(), "fixture: in flight to bob");
        pendingToAlice = *b.send(a.address(), "fixture: in flight to alice");
        (void)m0;
    }
};

} // namespace

class TestSessionRecord : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsExact()
    {
        Scenario s;
        // Add an archived state on Bob's side: Alice restarts the session.
        QVERIFY(s.a.startSessionWith(s.b).ok());
        auto restart = s.a.send(s.b.address(), "restart");
        QVERIFY(s.b.receive(*restart).ok());
        for (auto *device : {&s.a, &s.b}) {
            const auto peer = device == &s.a ? s.b.address() : s.a.address();
            const auto record = *device->sessions.loadSession(peer);
            const auto bytes = bytesOf(record.serialize());
            auto parsed = SessionRecord::deserialize(bytes);
            QVERIFY(parsed.ok());
            QCOMPARE(bytesOf(parsed->serialize()), bytes);
            QCOMPARE(parsed->archived().size(), record.archived().size());
            QCOMPARE(parsed->current().skipped.size(), record.current().skipped.size());
            QVERIFY(parsed->current().sendBinding == record.current().sendBinding);
            QVERIFY(parsed->current().recvBinding == record.current().recvBinding);
        }
        QVERIFY(!s.b.sessions.loadSession(s.a.address())->archived().empty());
        // A deserialised record keeps working: pending messages and late ones decrypt.
        auto reloaded = *SessionRecord::deserialize(bytesOf(s.b.sessions.loadSession(s.a.address())->serialize()));
        QVERIFY(s.b.sessions.storeSession(s.a.address(), reloaded).ok());
        QCOMPARE(*s.b.receive(s.pendingToBob), std::string("fixture: in flight to bob"));
    }

    void damagedInputRejected()
    {
        Scenario s;
        const auto bytes = bytesOf(s.b.sessions.loadSession(s.a.address())->serialize());
        int accepted = 0;
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            auto r = SessionRecord::deserialize(ByteView(bytes).first(cut));
            if (r.ok())
                ++accepted; // a cut at a field boundary can still parse: it must not crash
        }
        QVERIFY(accepted < int(bytes.size()));
        QCOMPARE(SessionRecord::deserialize(Bytes{0xFF, 0x01}).error().code, ErrorCode::Corrupt);
        // A newer format version is refused, not misread.
        Bytes newer = bytes;
        QCOMPARE(newer[0], std::uint8_t{0x08}); // field 1 (version), varint
        newer[1] = 2;
        QCOMPARE(SessionRecord::deserialize(newer).error().code, ErrorCode::Unsupported);
    }

    void writeFixture()
    {
        if (qEnvironmentVariableIsEmpty("LAPIS_WRITE_FIXTURES"))
            QSKIP("Set LAPIS_WRITE_FIXTURES=1 to rewrite the version 1 fixture");
        Scenario s;
        writeFile(fixturePath("session_v1_alice.bin"), s.a.sessions.loadSession(s.b.address())->serialize().view());
        writeFile(fixturePath("session_v1_bob.bin"), s.b.sessions.loadSession(s.a.address())->serialize().view());
        writeFile(fixturePath("envelope_v1_to_bob.bin"), s.pendingToBob.serialize());
        writeFile(fixturePath("envelope_v1_to_alice.bin"), s.pendingToAlice.serialize());
    }

    void fixtureFromVersion1StillWorks()
    {
        const auto aliceBytes = readFile(fixturePath("session_v1_alice.bin"));
        const auto bobBytes = readFile(fixturePath("session_v1_bob.bin"));
        auto alice = SessionRecord::deserialize(aliceBytes);
        auto bob = SessionRecord::deserialize(bobBytes);
        QVERIFY2(alice.ok(), alice.ok() ? "" : alice.error().message.c_str());
        QVERIFY2(bob.ok(), bob.ok() ? "" : bob.error().message.c_str());
        // What version 1 wrote loads; written again it gains only our_ratchet_public (field 25,
        // PROTOCOL.md §7), after which the round trip is exact.
        for (const auto *record : {&*alice, &*bob}) {
            const auto rewritten = bytesOf(record->serialize());
            auto again = SessionRecord::deserialize(rewritten);
            QVERIFY(again.ok());
            QCOMPARE(bytesOf(again->serialize()), rewritten);
            QVERIFY(again->current().ourRatchet.publicKey() == record->current().ourRatchet.publicKey());
            auto recomputed = crypto::X25519KeyPair::fromSecret(record->current().ourRatchet.secretKey().view());
            QVERIFY(recomputed->publicKey() == again->current().ourRatchet.publicKey());
        }
        QVERIFY(bytesOf(alice->serialize()).size() > aliceBytes.size());
        QCOMPARE(bob->current().skipped.size(), std::size_t{1});

        auto toBob = Envelope::deserialize(readFile(fixturePath("envelope_v1_to_bob.bin")));
        auto toAlice = Envelope::deserialize(readFile(fixturePath("envelope_v1_to_alice.bin")));
        QVERIFY(toBob.ok() && toAlice.ok());
        auto openOn = [](SessionState &state, const Envelope &e) {
            auto padded = ratchet::decrypt(state, e.ciphertext, T0);
            if (!padded.ok())
                return std::string("<") + padded.error().message + ">";
            return toString(unpad(padded->view())->view());
        };
        QCOMPARE(openOn(bob->current(), *toBob), std::string("fixture: in flight to bob"));
        QCOMPARE(openOn(alice->current(), *toAlice), std::string("fixture: in flight to alice"));

        // And the conversation continues with new ratchet steps both ways.
        crypto::DeterministicRandom rng(7);
        for (int i = 0; i < 4; ++i) {
            auto &from = i % 2 ? *bob : *alice;
            auto &to = i % 2 ? *alice : *bob;
            Envelope e;
            const auto padded = pad(asBytes("continued " + std::to_string(i)));
            QVERIFY(ratchet::encrypt(from.current(), padded.view(), rng, e.ciphertext).ok());
            QCOMPARE(openOn(to.current(), e), "continued " + std::to_string(i));
        }
    }
};

QTEST_APPLESS_MAIN(TestSessionRecord)
#include "tst_protocol_session_record.moc"
