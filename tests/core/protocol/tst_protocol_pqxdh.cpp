// SPDX-License-Identifier: GPL-3.0-or-later
// PQXDH (Signal's specification rev. 3) on top of X3DH: signed one-time and last-resort ML-KEM
// prekeys, the KEM secret in the KDF, the prekey message's KEM part, no downgrade, bad input.
#include "PreKeyMessage.h"
#include "ProtocolTestUtil.h"
#include "X3dh.h"

#include <lapis/crypto/Hkdf.h>
#include <lapis/crypto/Kem.h>
#include <lapis/protocol/KemPreKeyManager.h>
#include <lapis/protocol/Limits.h>

using namespace lapis;
using namespace lapis::protocol;
using namespace lapis::protocol::test;

namespace {

/// A TestDevice that publishes ML-KEM prekeys: a last-resort key, a one-time pool, and a signed
/// prekey signed with the KEM label.
class PqDevice : public TestDevice {
public:
    PqDevice(const TestAccount &account, std::uint32_t device, std::uint64_t seed)
        : TestDevice(account, device, seed)
    {
        publishKemPreKeys();
    }

    /// What a device does when it starts publishing ML-KEM prekeys.
    void publishKemPreKeys()
    {
        KemPreKeyManager manager(local().keys, kemPreKeys, rng());
        lastResortId = manager.rotateLastResortKey(T0)->id();
        (void)manager.replenishOneTimeKeys(T0);
        PreKeyManager preKeyManager(local().keys, preKeys, signedPreKeys, rng());
        signedPreKey = *preKeyManager.rotateSignedPreKey(T0, true);
    }

    /// The bundle as the relay hands it out: a one-time ML-KEM key not handed out yet, else the
    /// last-resort one.
    PreKeyBundle pqBundle(bool oneTimeKem = true, bool oneTimeX25519 = true)
    {
        auto b = bundle(oneTimeX25519);
        std::optional<KemPreKeyRecord> kem;
        if (oneTimeKem) {
            for (const auto &id : kemPreKeys.oneTimeKemPreKeyIds()) {
                if (m_kemHandedOut.insert(id.value()).second) {
                    kem = kemPreKeys.loadKemPreKey(id);
                    break;
                }
            }
        }
        if (!kem)
            kem = kemPreKeys.loadKemPreKey(lastResortId);
        b.kemPreKey = kem->signedKey;
        return b;
    }

    SessionCipher pqCipher()
    {
        return SessionCipher(local(), sessions, identities, preKeys, signedPreKeys, kemPreKeys, rng());
    }

    Result<std::string> receivePq(const Envelope &envelope)
    {
        LAPIS_TRY_ASSIGN(auto plain, pqCipher().decrypt(envelope, T0));
        return toString(plain.view());
    }

    InMemoryKemPreKeyStore kemPreKeys;
    PreKeyId lastResortId;

private:
    std::set<std::uint32_t> m_kemHandedOut;
};

bool isPostQuantum(const TestDevice &device, const Address &peer)
{
    const auto record = device.sessions.loadSession(peer);
    return record && record->hasCurrent() && record->current().postQuantum;
}

} // namespace

class TestPqxdh : public QObject {
    Q_OBJECT
private slots:
    void oneTimeKemPreKey()
    {
        crypto::DeterministicRandom rng(1);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 11);
        PqDevice b(bob, 1, 12);
        const auto bundle = b.pqBundle();
        const auto kemId = bundle.kemPreKey->id;
        const auto poolBefore = b.kemPreKeys.oneTimeKemPreKeyIds().size();
        QVERIFY(a.builder().processBundle(b.address(), bundle, T0).ok());
        QVERIFY(isPostQuantum(a, b.address()));

        auto first = a.send(b.address(), "hello");
        QVERIFY(first.ok());
        QCOMPARE(first->type, Envelope::Type::PreKey);
        const auto parsed = PreKeyMessage::parse(first->ciphertext);
        QVERIFY(parsed.ok());
        QCOMPARE(first->ciphertext[0], PqxdhPreKeyMessageVersion);
        QVERIFY(parsed->kem.has_value());
        QCOMPARE(parsed->kem->preKeyId, kemId);
        QCOMPARE(parsed->kem->ciphertext.size(), crypto::Kem::CiphertextBytes);

        auto got = b.receivePq(*first);
        QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
        QCOMPARE(*got, std::string("hello"));
        QVERIFY(isPostQuantum(b, a.address()));
        // The one-time ML-KEM key is gone with the one-time X25519 key; the last-resort one stays.
        QVERIFY(!b.kemPreKeys.loadKemPreKey(kemId));
        QCOMPARE(b.kemPreKeys.oneTimeKemPreKeyIds().size(), poolBefore - 1);
        QVERIFY(!b.preKeys.loadPreKey(*bundle.oneTimePreKeyId));
        QVERIFY(b.kemPreKeys.loadKemPreKey(b.lastResortId));

        // Every prekey message until the answer carries the same KEM part; then ratchet messages.
        auto second = a.send(b.address(), "again");
        QCOMPARE(PreKeyMessage::parse(second->ciphertext)->kem->ciphertext, parsed->kem->ciphertext);
        QCOMPARE(*b.receivePq(*second), std::string("again"));
        auto reply = b.pqCipher().encrypt(a.address(), asBytes("hi"));
        QVERIFY(reply.ok());
        QCOMPARE(reply->type, Envelope::Type::Ratchet);
        QCOMPARE(*a.receive(*reply), std::string("hi"));
        auto third = a.send(b.address(), "ratchet now");
        QCOMPARE(third->type, Envelope::Type::Ratchet);
        QCOMPARE(*b.receivePq(*third), std::string("ratchet now"));
    }

    void lastResortKemPreKeyServesEveryone()
    {
        crypto::DeterministicRandom rng(2);
        TestAccount alice("alice", rng), carol("carol", rng), bob("bob", rng);
        TestDevice a(alice, 1, 21), c(carol, 1, 22);
        PqDevice b(bob, 1, 23);
        for (TestDevice *initiator : {&a, &c}) {
            const auto bundle = b.pqBundle(false, false);
            QCOMPARE(bundle.kemPreKey->id, b.lastResortId);
            QVERIFY(initiator->builder().processBundle(b.address(), bundle, T0).ok());
            auto first = initiator->send(b.address(), "via last resort");
            auto got = b.receivePq(*first);
            QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
            QVERIFY(isPostQuantum(b, initiator->address()));
            QVERIFY(b.kemPreKeys.loadKemPreKey(b.lastResortId)); // not used up
        }
    }

    void kemSecretIsAppendedToTheX3dhInput()
    {
        // Signal's PQXDH rev. 3, 3.3: SK = KDF(DH1 ‖ DH2 ‖ DH3 ‖ DH4 ‖ SS), KDF input prefixed by
        // 32 0xFF bytes, salt zero, info naming curve, hash and KEM.
        crypto::DeterministicRandom rng(3);
        const auto ikA = crypto::X25519KeyPair::generate(rng), ekA = crypto::X25519KeyPair::generate(rng);
        const auto ikB = crypto::X25519KeyPair::generate(rng), spkB = crypto::X25519KeyPair::generate(rng);
        const auto opkB = crypto::X25519KeyPair::generate(rng);
        const auto kemPair = crypto::Kem::keypair(rng);
        const auto enc = crypto::Kem::encapsulate(kemPair.publicKey, rng);
        const auto sk =
            x3dh::initiator(ikA, ekA, ikB.publicKey(), spkB.publicKey(), opkB.publicKey(), &enc->sharedSecret);
        QVERIFY(sk.ok());
        Bytes ikm(32, 0xFF);
        for (const auto &dh : {*ikA.agree(spkB.publicKey()), *ekA.agree(ikB.publicKey()), *ekA.agree(spkB.publicKey()),
                               *ekA.agree(opkB.publicKey())})
            ikm.insert(ikm.end(), dh.view().begin(), dh.view().end());
        ikm.insert(ikm.end(), enc->sharedSecret.view().begin(), enc->sharedSecret.view().end());
        SecretArray<32> expected;
        QVERIFY(
            crypto::Hkdf::derive({}, ikm, asBytes("Lapis_CURVE25519_SHA-256_ML-KEM-768"), expected.mutableView()).ok());
        QCOMPARE(toHex(sk->view()), toHex(expected.view()));
        // The responder gets the same from the decapsulated secret.
        const auto ss = crypto::Kem::decapsulate(enc->ciphertext, kemPair.secretKey.view());
        const auto skB = x3dh::responder(ikB, spkB, &opkB, ikA.publicKey(), ekA.publicKey(), &*ss);
        QCOMPARE(toHex(skB->view()), toHex(expected.view()));
        // Without the KEM secret: X3DH's label and input, a different key.
        const auto classical = x3dh::initiator(ikA, ekA, ikB.publicKey(), spkB.publicKey(), opkB.publicKey());
        QVERIFY(toHex(classical->view()) != toHex(expected.view()));
    }

    void bundleStrippedOfItsKemPreKeyIsRefused()
    {
        crypto::DeterministicRandom rng(4);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 41);
        PqDevice b(bob, 1, 42);
        auto bundle = b.pqBundle();
        bundle.kemPreKey.reset(); // what a hostile relay would hand out
        const auto result = a.builder().processBundle(b.address(), bundle, T0);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(QString::fromStdString(result.error().message).contains(QStringLiteral("post-quantum")));
        QVERIFY(!a.sessions.loadSession(b.address()));
        QVERIFY(!a.identities.pinnedAccountKey(bob.id));
    }

    void classicalPreKeyMessageToAPqDeviceIsRefused()
    {
        crypto::DeterministicRandom rng(5);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 51);
        PqDevice b(bob, 1, 52);
        // A classical session set-up: the bundle of a device that published nothing post-quantum
        // (bob's old signed prekey, before he published ML-KEM prekeys, still in its grace period).
        auto classicalSigned = SignedPreKeyRecord::generate(PreKeyId(900), b.local().keys.signingKey(), T0, b.rng());
        QVERIFY(b.signedPreKeys.storeSignedPreKey(classicalSigned).ok());
        auto bundle = PreKeyManager::bundleFor(b.local(), classicalSigned, nullptr);
        QVERIFY(a.builder().processBundle(b.address(), bundle, T0).ok());
        QVERIFY(!isPostQuantum(a, b.address()));
        auto first = a.send(b.address(), "classical");
        QCOMPARE(first->ciphertext[0], ProtocolVersion);
        const auto before = b.snapshot(a.address());
        const auto result = b.receivePq(*first);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(QString::fromStdString(result.error().message).contains(QStringLiteral("post-quantum")));
        QCOMPARE(b.snapshot(a.address()), before);
        // The same message to a device without ML-KEM prekeys is read (sessions that exist keep
        // working; only devices that published a KEM prekey insist).
        QCOMPARE(*b.receive(*first), std::string("classical"));
    }

    void badKemInputIsAClearErrorAndStoresNothing()
    {
        crypto::DeterministicRandom rng(6);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 61);
        PqDevice b(bob, 1, 62);
        const auto &signingKey = b.local().keys.signingKey();
        auto expectBundleError = [&](PreKeyBundle bundle, ErrorCode code) {
            const auto result = a.builder().processBundle(b.address(), bundle, T0);
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, code);
            QVERIFY(!a.sessions.loadSession(b.address()));
        };
        // Wrong size, signed properly.
        auto bundle = b.pqBundle();
        bundle.kemPreKey->publicKey.pop_back();
        bundle.kemPreKey->signature =
            signingKey.sign(kemPreKeySigningInput(bundle.kemPreKey->id, bundle.kemPreKey->publicKey));
        expectBundleError(bundle, ErrorCode::InvalidKey);
        // Unsigned (the signature of another key).
        bundle = b.pqBundle();
        bundle.kemPreKey->signature = b.pqBundle().kemPreKey->signature;
        expectBundleError(bundle, ErrorCode::AuthenticationFailed);
        // Signed but not an ML-KEM key (a coefficient >= q).
        bundle = b.pqBundle();
        bundle.kemPreKey->publicKey[0] = 0xff;
        bundle.kemPreKey->publicKey[1] |= 0x0f;
        bundle.kemPreKey->signature =
            signingKey.sign(kemPreKeySigningInput(bundle.kemPreKey->id, bundle.kemPreKey->publicKey));
        expectBundleError(bundle, ErrorCode::InvalidKey);

        // Prekey messages: a good one, then altered copies.
        bundle = b.pqBundle();
        QVERIFY(a.builder().processBundle(b.address(), bundle, T0).ok());
        auto envelope = *a.send(b.address(), "hello");
        const auto kemPool = b.kemPreKeys.oneTimeKemPreKeyIds().size();
        auto withMessage = [&](auto change) {
            auto parsed = *PreKeyMessage::parse(envelope.ciphertext);
            change(parsed);
            Envelope altered = envelope;
            altered.ciphertext.clear();
            parsed.appendPrefix(altered.ciphertext);
            wireAppend(altered.ciphertext, parsed.ratchetMessage);
            return altered;
        };
        auto expectRefused = [&](const Envelope &altered, ErrorCode code) {
            const auto result = b.receivePq(altered);
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, code);
            QVERIFY(!b.sessions.loadSession(a.address()));
            QCOMPARE(b.kemPreKeys.oneTimeKemPreKeyIds().size(), kemPool);
        };
        expectRefused(withMessage([](PreKeyMessage &m) { m.kem->ciphertext.resize(1087); }),
                      ErrorCode::InvalidArgument);
        expectRefused(withMessage([](PreKeyMessage &m) { m.kem->ciphertext.resize(1089); }),
                      ErrorCode::InvalidArgument);
        expectRefused(withMessage([](PreKeyMessage &m) { m.kem->preKeyId = PreKeyId(0x12345); }),
                      ErrorCode::InvalidKey);
        // A flipped ciphertext bit decapsulates to another secret: the first message fails to
        // authenticate.
        expectRefused(withMessage([](PreKeyMessage &m) { m.kem->ciphertext[500] ^= 0x04; }),
                      ErrorCode::AuthenticationFailed);
        // The KEM part removed (a version 1 message) is a downgrade.
        expectRefused(withMessage([](PreKeyMessage &m) { m.kem.reset(); }), ErrorCode::AuthenticationFailed);
        // And the real one still works afterwards.
        QCOMPARE(*b.receivePq(envelope), std::string("hello"));
    }

    void replayedPreKeyMessage()
    {
        crypto::DeterministicRandom rng(7);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 71);
        PqDevice b(bob, 1, 72);
        QVERIFY(a.builder().processBundle(b.address(), b.pqBundle(), T0).ok());
        const auto first = *a.send(b.address(), "once");
        QCOMPARE(*b.receivePq(first), std::string("once"));
        const auto pool = b.kemPreKeys.oneTimeKemPreKeyIds().size();
        const auto before = b.snapshot(a.address());
        const auto replay = b.receivePq(first);
        QVERIFY(!replay.ok());
        QCOMPARE(replay.error().code, ErrorCode::Duplicate);
        QCOMPARE(b.snapshot(a.address()), before);
        QCOMPARE(b.kemPreKeys.oneTimeKemPreKeyIds().size(), pool);
    }

    void pendingKemPartSurvivesTheSessionRecord()
    {
        crypto::DeterministicRandom rng(8);
        TestAccount alice("alice", rng), bob("bob", rng);
        TestDevice a(alice, 1, 81);
        PqDevice b(bob, 1, 82);
        QVERIFY(a.builder().processBundle(b.address(), b.pqBundle(), T0).ok());
        const auto record = *a.sessions.loadSession(b.address());
        const auto bytes = record.serialize();
        const auto loaded = SessionRecord::deserialize(bytes.view());
        QVERIFY(loaded.ok());
        QVERIFY(loaded->current().postQuantum);
        QCOMPARE(loaded->current().pendingPreKey->kemPreKeyId, record.current().pendingPreKey->kemPreKeyId);
        QCOMPARE(loaded->current().pendingPreKey->kemCiphertext, record.current().pendingPreKey->kemCiphertext);
        QCOMPARE(toHex(loaded->serialize().view()), toHex(bytes.view()));
    }

    void kemPreKeyRotationAndPool()
    {
        crypto::DeterministicRandom rng(9);
        TestAccount bob("bob", rng);
        PqDevice b(bob, 1, 91);
        QCOMPARE(b.kemPreKeys.oneTimeKemPreKeyIds().size(), OneTimePreKeyTarget);
        KemPreKeyManager manager(b.local().keys, b.kemPreKeys, b.rng());
        QVERIFY(manager.replenishOneTimeKeys(T0)->empty());
        // A week later the last-resort key rotates; the old one stays for the grace period.
        const auto next = manager.rotateLastResortKey(T0 + SignedPreKeyRotation);
        QVERIFY(!(next->id() == b.lastResortId));
        QVERIFY(b.kemPreKeys.loadKemPreKey(b.lastResortId));
        QVERIFY(next->signedKey.verify(b.local().keys.signingKey().publicKey()).ok());
        (void)manager.rotateLastResortKey(T0 + SignedPreKeyRotation + SignedPreKeyGrace + 1);
        QVERIFY(!b.kemPreKeys.loadKemPreKey(b.lastResortId));
        // The pool is refilled below the low mark.
        const auto ids = b.kemPreKeys.oneTimeKemPreKeyIds();
        for (std::size_t i = 0; i + OneTimePreKeyLow - 1 < ids.size(); ++i)
            QVERIFY(b.kemPreKeys.removeKemPreKey(ids[i]).ok());
        QCOMPARE(manager.replenishOneTimeKeys(T0)->size(), OneTimePreKeyTarget - OneTimePreKeyLow + 1);
    }

private:
    static void wireAppend(Bytes &out, ByteView bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }
};

QTEST_GUILESS_MAIN(TestPqxdh)
#include "tst_protocol_pqxdh.moc"
