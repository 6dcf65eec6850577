// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/Random.h>

#include <QTest>

using namespace lapis;
using namespace lapis::crypto;

class TestPasswordHash : public QObject {
    Q_OBJECT
private slots:
    void deriveKeyIsDeterministicPerSalt()
    {
        const auto params = Argon2Params::minimumForTests();
        const auto salt = randomBytes(Argon2::SaltSize);
        const auto a = Argon2::deriveKey("correct horse", salt, params);
        const auto b = Argon2::deriveKey("correct horse", salt, params);
        const auto c = Argon2::deriveKey("correct horsf", salt, params);
        const auto d = Argon2::deriveKey("correct horse", randomBytes(Argon2::SaltSize), params);
        QVERIFY(a.ok() && b.ok() && c.ok() && d.ok());
        QCOMPARE(a->size(), std::size_t{32});
        QVERIFY(a->equals(b->view()));
        QVERIFY(!a->equals(c->view()));
        QVERIFY(!a->equals(d->view()));
    }

    void knownAnswer()
    {
        // Argon2id v1.3, t=1, m=8 KiB, p=1 (libsodium's fixed parallelism), 32-byte output, as
        // computed independently by the reference implementation's CLI (Debian's argon2):
        //   echo -n password | argon2 somesaltsomesalt -id -t 1 -k 8 -p 1 -l 32 -r
        // A passphrase-protected store written today must open tomorrow.
        const auto salt = toBytes("somesaltsomesalt");
        const auto key = Argon2::deriveKey("password", salt, {1, 8192});
        QVERIFY(key.ok());
        QCOMPARE(QString::fromStdString(toHex(key->view())),
                 QStringLiteral("05b6ca8f8038b683887ad4916533858b49cb52040126c134f4c6e9d8711b8c09"));
    }

    void badParametersRejected()
    {
        const auto salt = randomBytes(Argon2::SaltSize);
        QCOMPARE(Argon2::deriveKey("x", Bytes(8), Argon2Params::minimumForTests()).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(Argon2::deriveKey("x", salt, {0, 8192}).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(Argon2::deriveKey("x", salt, {1, 1024}).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(Argon2::deriveKey("x", salt, Argon2Params::minimumForTests(), 8).error().code,
                 ErrorCode::InvalidArgument);
    }

    void passwordHashVerifies()
    {
        const auto params = Argon2Params::minimumForTests();
        const auto hash = Argon2::hashPassword("hunter2", params);
        QVERIFY(hash.ok());
        QVERIFY(hash->rfind("$argon2id$", 0) == 0);
        QVERIFY(Argon2::verifyPassword(*hash, "hunter2"));
        QVERIFY(!Argon2::verifyPassword(*hash, "hunter3"));
        QVERIFY(!Argon2::verifyPassword("garbage", "hunter2"));
        QVERIFY(!Argon2::verifyPassword(std::string(500, 'a'), "hunter2"));
        QVERIFY(!Argon2::needsRehash(*hash, params));
        QVERIFY(Argon2::needsRehash(*hash, Argon2Params::interactive()));
        // Two hashes of one password differ (random salt).
        QVERIFY(*Argon2::hashPassword("hunter2", params) != *hash);
    }
};

QTEST_APPLESS_MAIN(TestPasswordHash)
#include "tst_crypto_passwordhash.moc"
