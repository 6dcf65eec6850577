// SPDX-License-Identifier: GPL-3.0-or-later
// The protocol running on real SQLCipher stores through ProtocolStores: a session set up, messages
// both ways, the one-time prekey consumed in the same transaction, and a tampered message that
// leaves the stored state exactly as it was.
#include <lapis/engine/ProtocolStores.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/PreKeyManager.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>
#include <lapis/store/ContactRepository.h>
#include <lapis/store/Store.h>

#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::engine;

namespace {
constexpr std::int64_t Now = 1'800'000'000;

struct Party {
    Party(const std::string &name, const QString &dir, crypto::RandomSource &rng)
        : account(AccountId(name))
        , identity(protocol::AccountIdentity::generate(rng))
        , local{protocol::Address{account, DeviceId(1)}, identity.publicKey(), protocol::DeviceKeys::generate(rng), {}}
    {
        local.certificate = identity.certify(account, DeviceId(1), local.keys.signingKey().publicKey(),
                                             local.keys.identityKey().publicKey(), Now);
        store::StoreOptions options{dir.toStdString(), crypto::Argon2Params::minimumForTests()};
        auto opened = store::Store::open(options, store::Store::generateKey(), store::OpenMode::CreateIfMissing).get();
        if (!opened.ok())
            qFatal("store: %s", opened.error().message.c_str());
        db = std::move(opened).value();
    }

    template<typename F>
    auto withProtocol(F body)
    {
        return db
            ->transact([this, body](store::Transaction &tx) {
                ProtocolStores stores(tx, account, identity.publicKey(), Now * 1000);
                return body(stores);
            })
            .get();
    }

    AccountId account;
    protocol::AccountIdentity identity;
    protocol::LocalDevice local;
    std::unique_ptr<store::Store> db;
};
} // namespace

class TestProtocolStores : public QObject {
    Q_OBJECT
private slots:
    void sessionOverSqlCipher()
    {
        QTemporaryDir aliceDir, bobDir;
        crypto::DeterministicRandom rng(11);
        Party alice("alice", aliceDir.path(), rng);
        Party bob("bob", bobDir.path(), rng);

        // Bob makes and stores his prekeys; the bundle is what the relay would hand out.
        auto bundle = bob.withProtocol([&](ProtocolStores &s) -> Result<protocol::PreKeyBundle> {
            protocol::PreKeyManager manager(bob.local.keys, s, s, rng);
            LAPIS_TRY_ASSIGN(auto signedPreKey, manager.rotateSignedPreKey(Now));
            LAPIS_TRY_ASSIGN(auto oneTime, manager.replenishOneTimePreKeys());
            if (oneTime.empty())
                return fail(ErrorCode::Internal, "no one-time prekeys made");
            return protocol::PreKeyManager::bundleFor(bob.local, signedPreKey, &oneTime.front());
        });
        QVERIFY2(bundle.ok(), bundle.ok() ? "" : bundle.error().message.c_str());
        const auto poolBefore =
            bob.db->transact([](store::Transaction &tx) { return tx.preKeys().oneTimePreKeyCount(); }).get();
        QVERIFY(poolBefore.ok() && *poolBefore > 0);

        // Alice starts the session and encrypts; everything commits in her transaction.
        const protocol::Address bobAddress{bob.account, DeviceId(1)};
        const protocol::Address aliceAddress{alice.account, DeviceId(1)};
        auto first = alice.withProtocol([&](ProtocolStores &s) -> Result<protocol::Envelope> {
            protocol::SessionBuilder builder(alice.local, s, s, rng);
            LAPIS_TRY(builder.processBundle(bobAddress, *bundle, Now));
            protocol::SessionCipher cipher(alice.local, s, s, s, s, rng);
            return cipher.encrypt(bobAddress, toBytes("hello bob"));
        });
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QCOMPARE(first->type, protocol::Envelope::Type::PreKey);

        const auto decryptAtBob = [&](const protocol::Envelope &envelope) {
            return bob.withProtocol([&](ProtocolStores &s) -> Result<Bytes> {
                protocol::SessionCipher cipher(bob.local, s, s, s, s, rng);
                LAPIS_TRY_ASSIGN(auto plain, cipher.decrypt(envelope, Now));
                return Bytes(plain.view().begin(), plain.view().end());
            });
        };

        // A tampered copy fails and rolls back: the one-time prekey is still there.
        auto tampered = *first;
        tampered.ciphertext.back() ^= 1;
        QVERIFY(!decryptAtBob(tampered).ok());
        QCOMPARE(*bob.db->transact([](store::Transaction &tx) { return tx.preKeys().oneTimePreKeyCount(); }).get(),
                 *poolBefore);

        const auto plain = decryptAtBob(*first);
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.error().message.c_str());
        QCOMPARE(*plain, toBytes("hello bob"));
        // The one-time prekey went with the same commit as the session.
        QCOMPARE(*bob.db->transact([](store::Transaction &tx) { return tx.preKeys().oneTimePreKeyCount(); }).get(),
                 *poolBefore - 1);
        // The same envelope again is a duplicate: the session was saved.
        QCOMPARE(decryptAtBob(*first).error().code, ErrorCode::Duplicate);

        // Bob answers; Alice decrypts on the session she stored.
        auto reply = bob.withProtocol([&](ProtocolStores &s) {
            protocol::SessionCipher cipher(bob.local, s, s, s, s, rng);
            return cipher.encrypt(aliceAddress, toBytes("hi alice"));
        });
        QVERIFY(reply.ok());
        auto back = alice.withProtocol([&](ProtocolStores &s) -> Result<Bytes> {
            protocol::SessionCipher cipher(alice.local, s, s, s, s, rng);
            LAPIS_TRY_ASSIGN(auto p, cipher.decrypt(*reply, Now));
            return Bytes(p.view().begin(), p.view().end());
        });
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(*back, toBytes("hi alice"));
    }

    // Issue 16, item 20: a pinned key that cannot be read is an error, never "nothing pinned"
    // (which would let the sender's key be pinned over it).
    void unreadablePinnedKeyIsAnError()
    {
        QTemporaryDir aliceDir, bobDir;
        crypto::DeterministicRandom rng(12);
        Party alice("alice", aliceDir.path(), rng);
        Party bob("bob", bobDir.path(), rng);
        auto bundle = bob.withProtocol([&](ProtocolStores &s) -> Result<protocol::PreKeyBundle> {
            protocol::PreKeyManager manager(bob.local.keys, s, s, rng);
            LAPIS_TRY_ASSIGN(auto signedPreKey, manager.rotateSignedPreKey(Now));
            return protocol::PreKeyManager::bundleFor(bob.local, signedPreKey, nullptr);
        });
        QVERIFY2(bundle.ok(), bundle.ok() ? "" : bundle.error().message.c_str());
        const protocol::Address bobAddress{bob.account, DeviceId(1)};
        auto first = alice.withProtocol([&](ProtocolStores &s) -> Result<protocol::Envelope> {
            protocol::SessionBuilder builder(alice.local, s, s, rng);
            LAPIS_TRY(builder.processBundle(bobAddress, *bundle, Now));
            protocol::SessionCipher cipher(alice.local, s, s, s, s, rng);
            return cipher.encrypt(bobAddress, toBytes("hello bob"));
        });
        QVERIFY(first.ok());

        // Bob's record of Alice's key is damaged on disk.
        const Bytes damaged{1, 2, 3, 4, 5};
        QVERIFY(bob.db
                    ->transact([&](store::Transaction &tx) {
                        store::Contact contact;
                        contact.account = alice.account;
                        contact.displayName = "Alice";
                        contact.pinnedAccountKey = damaged;
                        return tx.contacts().save(contact);
                    })
                    .get()
                    .ok());
        bool sawReadError = false;
        auto opened = bob.withProtocol([&](ProtocolStores &s) -> Result<Bytes> {
            protocol::SessionCipher cipher(bob.local, s, s, s, s, rng);
            auto plain = cipher.decrypt(*first, Now);
            sawReadError = s.readError().has_value();
            if (s.readError())
                return *s.readError();
            if (!plain.ok())
                return std::move(plain).error();
            return Bytes(plain->view().begin(), plain->view().end());
        });
        QVERIFY2(!opened.ok(), "a message was accepted over a pinned key that could not be read");
        QVERIFY(sawReadError);
        QCOMPARE(opened.error().code, ErrorCode::Corrupt);
        // Nothing was pinned over the damaged key.
        auto stored = bob.db->transact([&](store::Transaction &tx) { return tx.contacts().find(alice.account); }).get();
        QVERIFY(stored.ok() && *stored);
        QCOMPARE((*stored)->pinnedAccountKey, damaged);
    }

    void prekeyRecordsRoundTrip()
    {
        crypto::DeterministicRandom rng(5);
        const auto keys = protocol::DeviceKeys::generate(rng);
        const auto spk = protocol::SignedPreKeyRecord::generate(PreKeyId(7), keys.signingKey(), Now, rng);
        const auto decoded = decodeSignedPreKey(PreKeyId(7), encodeSignedPreKey(spk).view());
        QVERIFY(decoded.ok());
        QVERIFY(decoded->keyPair.publicKey() == spk.keyPair.publicKey());
        QCOMPARE(decoded->signature, spk.signature);
        QCOMPARE(decoded->createdAt, Now);
        const auto opk = protocol::OneTimePreKeyRecord::generate(PreKeyId(9), rng);
        const auto opk2 = decodeOneTimePreKey(PreKeyId(9), encodeOneTimePreKey(opk).view());
        QVERIFY(opk2.ok() && opk2->keyPair.publicKey() == opk.keyPair.publicKey());
        QCOMPARE(decodeOneTimePreKey(PreKeyId(9), Bytes(32)).error().code, ErrorCode::Corrupt);
        QCOMPARE(decodeSignedPreKey(PreKeyId(9), Bytes(105, 2)).error().code, ErrorCode::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestProtocolStores)
#include "tst_engine_protocolstores.moc"
