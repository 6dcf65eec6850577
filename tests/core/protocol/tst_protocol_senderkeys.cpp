// SPDX-License-Identifier: GPL-3.0-or-later
// Sender keys (issue 18, PROTOCOL.md §15): a group message encrypted once reads on every member
// device that holds the chain, in any order within the skip bound, once; a member holding the
// chain key cannot forge the sender (the signature), an altered or replayed message changes
// nothing, a member given the chain later cannot read what came before, and the chain at rest
// round-trips.
#include <lapis/protocol/SenderKey.h>

#include <QTest>

#include <string>

using namespace lapis;
using namespace lapis::protocol;

namespace {

const Bytes Ad = toBytes("group 47 / alice.1");

Bytes text(int i)
{
    const auto s = "group message " + std::to_string(i);
    return Bytes(s.begin(), s.end());
}

std::string plainOf(const Result<WipedBytes> &r)
{
    return r.ok() ? std::string(r->view().begin(), r->view().end()) : std::string("<" + r.error().message + ">");
}

GroupId group()
{
    std::array<std::uint8_t, 16> b{};
    b.fill(0x47);
    return GroupId(b);
}

} // namespace

class TestProtocolSenderKeys : public QObject {
    Q_OBJECT
private slots:
    void everyMemberReadsInAnyOrderOnce()
    {
        auto sender = SenderKeySender::create(group());
        auto bob = SenderKeyReceiver::fromDistribution(sender.distribution());
        auto carol = SenderKeyReceiver::fromDistribution(
            *SenderKeyDistribution::deserialize(sender.distribution().serialize().view()));
        std::vector<Bytes> messages;
        for (int i = 0; i < 10; ++i)
            messages.push_back(*sender.encrypt(text(i), Ad));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(plainOf(bob.decrypt(messages[i], Ad)), "group message " + std::to_string(i));
        // Carol gets them backwards: each reads once, from the keys kept for skipped messages.
        for (int i = 9; i >= 0; --i)
            QCOMPARE(plainOf(carol.decrypt(messages[i], Ad)), "group message " + std::to_string(i));
        // A replay finds no key.
        QCOMPARE(carol.decrypt(messages[3], Ad).error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(bob.decrypt(messages[9], Ad).error().code, ErrorCode::AuthenticationFailed);
    }

    void memberCannotForgeTheSender()
    {
        auto alice = SenderKeySender::create(group());
        auto bob = SenderKeyReceiver::fromDistribution(alice.distribution());
        // Mallory is a member: she holds Alice's chain key (the distribution), not her signing key.
        // She builds a sender with the same key id and chain, and her own signing key.
        auto dist = alice.distribution();
        auto stolen = SenderKeySender::create(group());
        auto forgedState = stolen.serialize();
        Bytes state(forgedState.view().begin(), forgedState.view().end());
        std::copy(dist.keyId.begin(), dist.keyId.end(), state.begin() + 17);
        std::copy(dist.chainKey.view().begin(), dist.chainKey.view().end(), state.begin() + 37);
        auto mallory = SenderKeySender::deserialize(state);
        QVERIFY(mallory.ok());
        const auto forged = *mallory->encrypt(toBytes("send me your password"), Ad);
        const auto refused = bob.decrypt(forged, Ad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::AuthenticationFailed);
        // Nothing moved: Alice's real first message still reads.
        QCOMPARE(plainOf(bob.decrypt(*alice.encrypt(text(0), Ad), Ad)), std::string("group message 0"));
    }

    void alteredOrMisboundMessageChangesNothing()
    {
        auto alice = SenderKeySender::create(group());
        auto bob = SenderKeyReceiver::fromDistribution(alice.distribution());
        const auto message = *alice.encrypt(text(0), Ad);
        for (std::size_t at :
             {std::size_t{0}, std::size_t{5}, std::size_t{20}, message.size() / 2, message.size() - 1}) {
            auto altered = message;
            altered[at] ^= 0x01;
            QVERIFY2(!bob.decrypt(altered, Ad).ok(), qPrintable(QString::number(at)));
        }
        // Bound to its group and sender: another associated data fails.
        QVERIFY(!bob.decrypt(message, toBytes("group 47 / mallory.1")).ok());
        QVERIFY(!bob.decrypt(ByteView(message).first(40), Ad).ok());
        QCOMPARE(plainOf(bob.decrypt(message, Ad)), std::string("group message 0"));
    }

    void laterMemberCannotReadTheEarlierMessages()
    {
        auto alice = SenderKeySender::create(group());
        std::vector<Bytes> before;
        for (int i = 0; i < 3; ++i)
            before.push_back(*alice.encrypt(text(i), Ad));
        auto dave = SenderKeyReceiver::fromDistribution(alice.distribution()); // joins now
        for (const auto &m : before)
            QVERIFY(!dave.decrypt(m, Ad).ok());
        QCOMPARE(plainOf(dave.decrypt(*alice.encrypt(text(3), Ad), Ad)), std::string("group message 3"));
    }

    void skipIsBounded()
    {
        auto alice = SenderKeySender::create(group());
        auto bob = SenderKeyReceiver::fromDistribution(alice.distribution());
        Bytes last;
        for (std::uint32_t i = 0; i <= MaxSenderKeySkip + 1; ++i)
            last = *alice.encrypt(text(static_cast<int>(i)), Ad);
        QCOMPARE(bob.decrypt(last, Ad).error().code, ErrorCode::LimitExceeded);
        // Another chain's message (a new key after a removal) is told apart by its key id.
        auto renewed = SenderKeySender::create(group());
        QCOMPARE(bob.decrypt(*renewed.encrypt(text(0), Ad), Ad).error().code, ErrorCode::NotFound);
    }

    void chainsAtRestRoundTrip()
    {
        auto alice = SenderKeySender::create(group());
        auto bob = SenderKeyReceiver::fromDistribution(alice.distribution());
        const auto first = *alice.encrypt(text(0), Ad);
        const auto second = *alice.encrypt(text(1), Ad);
        QVERIFY(bob.decrypt(second, Ad).ok()); // the first is kept as skipped
        auto storedAlice = SenderKeySender::deserialize(alice.serialize().view());
        auto storedBob = SenderKeyReceiver::deserialize(bob.serialize().view());
        QVERIFY(storedAlice.ok() && storedBob.ok());
        QCOMPARE(plainOf(storedBob->decrypt(first, Ad)), std::string("group message 0"));
        QCOMPARE(plainOf(storedBob->decrypt(*storedAlice->encrypt(text(2), Ad), Ad)), std::string("group message 2"));
        // Damaged states and distributions are refused, not half-read.
        const auto bytes = bob.serialize();
        for (std::size_t cut = 0; cut < bytes.size(); cut += 7)
            QVERIFY(!SenderKeyReceiver::deserialize(bytes.view().first(cut)).ok());
        const auto dist = alice.distribution().serialize();
        QVERIFY(!SenderKeyDistribution::deserialize(dist.view().first(dist.size() - 1)).ok());
    }
};

QTEST_APPLESS_MAIN(TestProtocolSenderKeys)
#include "tst_protocol_senderkeys.moc"
