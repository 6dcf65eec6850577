// SPDX-License-Identifier: GPL-3.0-or-later
// The link box: seal to the new device's ephemeral key, open, and the comparison code.

#include <lapis/protocol/LinkCipher.h>

#include <QTest>

#include <set>

using namespace lapis;
using namespace lapis::protocol;

class TestLinkCipher : public QObject {
    Q_OBJECT

private:
    crypto::DeterministicRandom m_rng{6};

private slots:
    void roundTrip()
    {
        const auto newDevice = crypto::X25519KeyPair::generate(m_rng);
        const Bytes bundle = toBytes("account alice, AIK seed, contacts, history, token");
        auto sealed = LinkCipher::seal(newDevice.publicKey(), bundle, m_rng);
        QVERIFY(sealed.ok());
        QCOMPARE(sealed->size(), 1 + 32 + bundle.size() + 16);
        auto opened = LinkCipher::open(newDevice, *sealed);
        QVERIFY(opened.ok());
        QCOMPARE(Bytes(opened->view().begin(), opened->view().end()), bundle);
        // Fresh ephemeral per box.
        QVERIFY(*LinkCipher::seal(newDevice.publicKey(), bundle, m_rng) != *sealed);
    }

    void wrongKeyOrTamperingFails()
    {
        const auto newDevice = crypto::X25519KeyPair::generate(m_rng);
        const auto attacker = crypto::X25519KeyPair::generate(m_rng);
        auto sealed = *LinkCipher::seal(newDevice.publicKey(), toBytes("secret bundle"), m_rng);
        QCOMPARE(LinkCipher::open(attacker, sealed).error().code, ErrorCode::AuthenticationFailed);
        for (std::size_t bit = 8; bit < sealed.size() * 8; ++bit) {
            auto t = sealed;
            t[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
            QVERIFY(!LinkCipher::open(newDevice, t).ok());
        }
        auto v2 = sealed;
        v2[0] = 2;
        QCOMPARE(LinkCipher::open(newDevice, v2).error().code, ErrorCode::Unsupported);
        QCOMPARE(LinkCipher::open(newDevice, ByteView(sealed).first(40)).error().code, ErrorCode::Corrupt);
    }

    void comparisonCode()
    {
        const auto key = crypto::X25519KeyPair::generate(m_rng).publicKey();
        const auto code = LinkCipher::comparisonCode(key);
        // 15 digits in groups of three: a swapped link must match ~10^15 codes, not 10^6.
        QCOMPARE(code.size(), std::size_t{19});
        for (std::size_t i = 0; i < code.size(); ++i)
            QVERIFY(i % 4 == 3 ? code[i] == ' ' : (code[i] >= '0' && code[i] <= '9'));
        QCOMPARE(LinkCipher::comparisonCode(key), code);
        // A swapped key shows a different code (checked over many keys: no collisions expected
        // among 200 codes with overwhelming probability, and never with the original).
        std::set<std::string> seen{code};
        for (int i = 0; i < 200; ++i) {
            const auto other = crypto::X25519KeyPair::generate(m_rng).publicKey();
            QVERIFY(LinkCipher::comparisonCode(other) != code);
            seen.insert(LinkCipher::comparisonCode(other));
        }
        QCOMPARE(seen.size(), std::size_t{201});
        // A one-bit change of the key changes the code.
        auto bytes = Bytes(key.bytes().begin(), key.bytes().end());
        bytes[31] ^= 1;
        QVERIFY(LinkCipher::comparisonCode(*crypto::X25519PublicKey::fromBytes(bytes)) != code);
    }

    void comparisonCodeIsStable()
    {
        // Pinned: both devices may run different versions; their codes must agree.
        Bytes fixed(32);
        for (std::size_t i = 0; i < fixed.size(); ++i)
            fixed[i] = static_cast<std::uint8_t>(i * 7);
        const auto code = LinkCipher::comparisonCode(*crypto::X25519PublicKey::fromBytes(fixed));
        QCOMPARE(QString::fromStdString(code), QString("686 546 815 058 281"));
    }
};

QTEST_APPLESS_MAIN(TestLinkCipher)
#include "tst_protocol_linkcipher.moc"
