// SPDX-License-Identifier: GPL-3.0-or-later
// Account security against a password thief (issue 16, items 9-11), through core/transport
// against the real lapis-relay: a device that joined by a sign-in code can only finish linking;
// TOTP is asked on the code path too; wrong codes are capped per account across requests;
// password change; `admin reset-account` turns TOTP off and drops pending sign-ins.
#include "RelayTestSupport.h"
#include "SqliteConnection.h"

#include <lapis/protocol/Identity.h>
#include <lapis/protocol/KemPreKeys.h>

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace {

std::string otherCode(const std::string &code)
{
    char text[8];
    std::snprintf(text, sizeof text, "%06d", (std::stoi(code) + 1) % 1'000'000);
    return text;
}

std::int64_t totpStepNow()
{
    return static_cast<std::int64_t>(std::time(nullptr)) / 30;
}

/// A pending sign-in as the new device knows it.
struct Attempt {
    std::unique_ptr<RelayClient> device;
    LoginRequest login;
};

} // namespace

class TestTransportAccountSecurity : public RelayTestBase {
    Q_OBJECT

    static std::string codeOf(RelayClient &trusted, const std::string &id)
    {
        auto requests = trusted.signInRequests();
        if (!requests.ok())
            return {};
        for (const auto &r : *requests)
            if (r.id == id)
                return r.code;
        return {};
    }

    static Attempt attempt(std::unique_ptr<RelayClient> device, const std::string &account)
    {
        Attempt a{std::move(device), LoginRequest{account, Password, "thief", {}, {}, {}}};
        std::optional<SignInPending> pending;
        auto refused = a.device->loginDevice(a.login, &pending);
        if (refused.ok() || !pending)
            qWarning("no pending sign-in: %s", refused.ok() ? "logged in" : refused.error().message.c_str());
        else
            a.login.signInId = pending->id;
        return a;
    }

    static Bytes certificateFor(const protocol::AccountIdentity &account, const std::string &name, std::uint32_t device)
    {
        auto keys = protocol::DeviceKeys::generate(crypto::systemRandom());
        return account
            .certify(AccountId(name), DeviceId(device), keys.signingKey().publicKey(), keys.identityKey().publicKey(),
                     std::time(nullptr))
            .serialize();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    // Item 9: the password and a code the owner was tricked into reading out get a device, but
    // not the account: it cannot turn TOTP on, remove the owner's device, add devices, read
    // further sign-in codes or change the password.
    void keylessDeviceCanOnlyFinishLinking()
    {
        auto owner = registered("kara");
        auto thief = signedIn("kara", *owner, "thief");
        QVERIFY(thief->credentials());
        const auto ownerId = owner->credentials()->deviceId;
        EXPECT_ERROR(thief->enrollTotp(), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->disableTotp("123456"), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->removeDevice(ownerId), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->createLinkToken(), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->postLinkBundle("AAAAAAAAAAAAAAAAAAAAAA", toBytes("bundle")), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->signInRequests(), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->changePassword(Password, "a new password 1"), ErrorCode::PermissionDenied);
        EXPECT_ERROR(thief->allowSignIns(), ErrorCode::PermissionDenied);
        // The owner's device still runs the account, and removes the intruder.
        TRY_OK(devices, owner->listDevices());
        QCOMPARE(devices->size(), 2u);
        TRY_OK(enrollment, owner->enrollTotp());
        QVERIFY(!enrollment->secret.empty());
        QVERIFY(owner->removeDevice(thief->credentials()->deviceId).ok());
        EXPECT_ERROR(thief->listDevices(), ErrorCode::AuthenticationFailed);
    }

    // Item 9: a device that joined by code proves the account key with a certificate the key
    // signed (what linking gives it); one of its own making does not count. It may retire itself.
    void certificateFromTheAccountKeyLiftsTheRestriction()
    {
        auto &rng = crypto::systemRandom();
        const auto account = protocol::AccountIdentity::generate(rng);
        const auto forger = protocol::AccountIdentity::generate(rng);
        auto owner = registered("lena");
        const auto ownerId = owner->credentials()->deviceId;
        QVERIFY(owner
                    ->publishKeys(account.publicKey().bytes(), certificateFor(account, "lena", ownerId),
                                  toBytes("signed prekey"), {})
                    .ok());
        auto tablet = signedIn("lena", *owner, "tablet");
        const auto tabletId = tablet->credentials()->deviceId;
        QVERIFY(tablet->publishKeys({}, certificateFor(forger, "lena", tabletId), toBytes("spk"), {}).ok());
        EXPECT_ERROR(tablet->createLinkToken(), ErrorCode::PermissionDenied);
        // Signed for another device id: still no proof.
        QVERIFY(tablet->publishKeys({}, certificateFor(account, "lena", tabletId + 7), toBytes("spk"), {}).ok());
        EXPECT_ERROR(tablet->createLinkToken(), ErrorCode::PermissionDenied);
        QVERIFY(tablet->publishKeys({}, certificateFor(account, "lena", tabletId), toBytes("spk"), {}).ok());
        TRY_OK(token, tablet->createLinkToken());
        QCOMPARE(token->token.size(), proto::limits::LinkTokenSize);

        auto keyless = signedIn("lena", *owner, "phone");
        EXPECT_ERROR(keyless->removeDevice(ownerId), ErrorCode::PermissionDenied);
        QVERIFY(keyless->removeDevice(keyless->credentials()->deviceId).ok());
    }

    // Issue 21: the relay stores only ML-KEM prekeys of the exact size, signed by the key of the
    // device's certificate; anything else is refused whole, with a clear error.
    void kemPreKeysAreCheckedByTheRelay()
    {
        auto &rng = crypto::systemRandom();
        const auto account = protocol::AccountIdentity::generate(rng);
        auto client = registered("kemal");
        const auto deviceId = client->credentials()->deviceId;
        auto keys = protocol::DeviceKeys::generate(rng);
        const auto certificate = account
                                     .certify(AccountId("kemal"), DeviceId(deviceId), keys.signingKey().publicKey(),
                                              keys.identityKey().publicKey(), std::time(nullptr))
                                     .serialize();
        const auto good = protocol::KemPreKeyRecord::generate(PreKeyId(7), false, keys.signingKey(), 1, rng);
        auto wire = [](const protocol::KemPreKeyRecord &r) {
            return transport::KemPreKey{r.id().value(), r.signedKey.publicKey,
                                        Bytes(r.signedKey.signature.begin(), r.signedKey.signature.end())};
        };
        transport::KemPreKeyUpload upload;
        upload.oneTime.push_back(wire(good));
        // No certificate yet: nothing to check the signature against.
        EXPECT_ERROR(client->publishKeys({}, {}, {}, {}, upload), ErrorCode::InvalidArgument);

        auto shortKey = upload;
        shortKey.oneTime[0].publicKey.pop_back();
        EXPECT_ERROR(client->publishKeys({}, certificate, {}, {}, shortKey), ErrorCode::InvalidArgument);
        auto unsignedKey = upload;
        unsignedKey.oneTime[0].signature.assign(64, 0);
        EXPECT_ERROR(client->publishKeys({}, certificate, {}, {}, unsignedKey), ErrorCode::InvalidArgument);
        auto otherSigner = upload;
        const auto other = protocol::DeviceKeys::generate(rng);
        otherSigner.lastResort =
            wire(protocol::KemPreKeyRecord::generate(PreKeyId(8), true, other.signingKey(), 1, rng));
        EXPECT_ERROR(client->publishKeys({}, certificate, {}, {}, otherSigner), ErrorCode::InvalidArgument);
        TRY_OK(none, client->preKeyCounts());
        QCOMPARE(none->kemOneTime, 0u);
        QVERIFY(!none->kemLastResort);

        upload.lastResort = wire(protocol::KemPreKeyRecord::generate(PreKeyId(9), true, keys.signingKey(), 1, rng));
        QVERIFY(client->publishKeys({}, certificate, {}, {}, upload).ok());
        TRY_OK(counts, client->preKeyCounts());
        QCOMPARE(counts->kemOneTime, 1u);
        QVERIFY(counts->kemLastResort);
        // Later calls are checked against the stored certificate.
        transport::KemPreKeyUpload more;
        more.oneTime.push_back(
            wire(protocol::KemPreKeyRecord::generate(PreKeyId(10), false, keys.signingKey(), 1, rng)));
        QVERIFY(client->publishKeys({}, {}, {}, {}, more).ok());
        more.oneTime[0] = wire(protocol::KemPreKeyRecord::generate(PreKeyId(11), false, other.signingKey(), 1, rng));
        EXPECT_ERROR(client->publishKeys({}, {}, {}, {}, more), ErrorCode::InvalidArgument);
        TRY_OK(bundles, client->fetchPreKeyBundles("kemal"));
        QVERIFY(bundles->bundles.size() == 1 && bundles->bundles[0].kemPreKey);
        QCOMPARE(bundles->bundles[0].kemPreKey->id, 7u);
    }

    // Item 10: an account with TOTP asks for it on the code path too.
    void totpAskedOnTheCodePath()
    {
        auto owner = registered("tina");
        TRY_OK(enrollment, owner->enrollTotp());
        const auto step = totpStepNow();
        QVERIFY(owner->confirmTotp(totpAt(enrollment->secret, step - 1)).ok());
        auto a = attempt(client(), "tina");
        QVERIFY(!a.login.signInId.empty());
        a.login.deviceCode = codeOf(*owner, a.login.signInId);
        QVERIFY(!a.login.deviceCode.empty());
        auto refused = a.device->loginDevice(a.login);
        QVERIFY2(!refused.ok(), "a sign-in code alone added a device to a TOTP account");
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied); // totp-required
        QVERIFY2(refused.error().message.find("TOTP") != std::string::npos, refused.error().message.c_str());
        a.login.totpCode = totpAt(enrollment->secret, step);
        TRY_OK(device, a.device->loginDevice(a.login));
        QVERIFY(device->credentials.deviceId > 1);
    }

    // Item 10: wrong codes are counted per account across requests; past the cap even the right
    // code is refused until a device of the account allows sign-ins again.
    void wrongCodesCappedAcrossRequests()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--sign-in-wrong-codes", "6", "--rate-sign-in", "100/100"});
        QVERIFY(relay.start());
        auto owner = client(relay.endpoint());
        TRY_OK(registeredDevice, owner->registerAccount("gus", Password, "laptop"));
        owner->setCredentials(registeredDevice->credentials);

        auto first = attempt(client(relay.endpoint()), "gus");
        const std::string firstCode = codeOf(*owner, first.login.signInId);
        QVERIFY(!firstCode.empty());
        first.login.deviceCode = otherCode(firstCode);
        for (int i = 0; i < 5; ++i) // the fifth closes this request
            QVERIFY(!first.device->loginDevice(first.login).ok());

        auto second = attempt(client(relay.endpoint()), "gus");
        const std::string secondCode = codeOf(*owner, second.login.signInId);
        QVERIFY(!secondCode.empty());
        second.login.deviceCode = otherCode(secondCode);
        QVERIFY(!second.device->loginDevice(second.login).ok());
        // Six wrong codes for the account: the right one no longer works.
        second.login.deviceCode = secondCode;
        auto locked = second.device->loginDevice(second.login);
        QVERIFY2(!locked.ok(), "the right code was accepted past the account's wrong-code cap");
        QCOMPARE(locked.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(locked.error().message.find("locked") != std::string::npos, locked.error().message.c_str());

        QVERIFY(owner->allowSignIns().ok());
        TRY_OK(device, second.device->loginDevice(second.login));
        QVERIFY(device->credentials.deviceId > 1);
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 11: a new password, given the old one; the old one stops working.
    void passwordChange()
    {
        auto owner = registered("pat");
        EXPECT_ERROR(owner->changePassword("not the password", "new password 2"), ErrorCode::WrongPassphrase);
        EXPECT_ERROR(owner->changePassword(Password, "short"), ErrorCode::InvalidArgument);
        QVERIFY(owner->changePassword(Password, "new password 2").ok());
        // The old password is wrong now; the new one is right (and then asks for a code).
        EXPECT_ERROR(client()->loginDevice("pat", Password, "x"), ErrorCode::WrongPassphrase);
        EXPECT_ERROR(client()->loginDevice("pat", "new password 2", "x"), ErrorCode::PermissionDenied);

        // With TOTP on, the change needs a TOTP code too.
        TRY_OK(enrollment, owner->enrollTotp());
        const auto step = totpStepNow();
        QVERIFY(owner->confirmTotp(totpAt(enrollment->secret, step - 1)).ok());
        EXPECT_ERROR(owner->changePassword("new password 2", "third password 3"), ErrorCode::PermissionDenied);
        QVERIFY(owner->changePassword("new password 2", "third password 3", totpAt(enrollment->secret, step)).ok());
    }

    // Item 17: a copy of relay.db holds no usable TOTP secret; the key that seals them is a file
    // of its own (secrets.key, 0600) under the data folder.
    void totpSecretsSealedAtRest()
    {
        auto owner = registered("sealy");
        TRY_OK(enrollment, owner->enrollTotp());
        QVERIFY(owner->confirmTotp(totpAt(enrollment->secret, totpStepNow() - 1)).ok());
        TRY_OK(db, relay::SqliteConnection::open((m_relay->dataDir() + "/relay.db").toStdString()));
        TRY_OK(query, db->prepare("SELECT totp_secret FROM accounts WHERE username='sealy'"));
        TRY_OK(row, query->step());
        QVERIFY(*row);
        const Bytes stored = query->blob(0);
        QVERIFY(!stored.empty());
        const auto found =
            std::search(stored.begin(), stored.end(), enrollment->secret.begin(), enrollment->secret.end());
        QVERIFY2(found == stored.end(), "the TOTP secret lies in relay.db as it is");
        QVERIFY(stored.size() > enrollment->secret.size());
        const QFileInfo key(m_relay->dataDir() + "/secrets.key");
        QVERIFY(key.exists());
        QCOMPARE(key.size(), 32);
        QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        // The sealed secret still works: a TOTP code signs a new device in.
        auto phone = client();
        TRY_OK(device, phone->loginDevice("sealy", Password, "phone", totpAt(enrollment->secret, totpStepNow())));
        QVERIFY(device->credentials.deviceId > 1);
    }

    // Item 17: a copy of relay.db (with its WAL) holds no sign-in code in the clear, neither in
    // the request's row nor in the event waiting for the account's devices; the code still shows
    // on the owner's device and still signs the new device in.
    void signInCodesNotInTheClearAtRest()
    {
        auto owner = registered("sigrid");
        auto pending = attempt(client(), "sigrid");
        QVERIFY(!pending.login.signInId.empty());
        const std::string code = codeOf(*owner, pending.login.signInId);
        QCOMPARE(code.size(), 6u);

        auto isHexDigit = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
        for (const auto *name : {"/relay.db", "/relay.db-wal"}) {
            QFile file(m_relay->dataDir() + name);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const std::string bytes = file.readAll().toStdString();
            // The code as a token of its own (hex text around it may hold any digits).
            for (auto at = bytes.find(code); at != std::string::npos; at = bytes.find(code, at + 1)) {
                const bool alone = (at == 0 || !isHexDigit(bytes[at - 1]))
                                   && (at + code.size() == bytes.size() || !isHexDigit(bytes[at + code.size()]));
                QVERIFY2(!alone, qPrintable(QStringLiteral("the sign-in code lies in %1 as it is").arg(name)));
            }
        }
        TRY_OK(db, relay::SqliteConnection::open((m_relay->dataDir() + "/relay.db").toStdString()));
        TRY_OK(query, db->prepare("SELECT code, code_hash FROM sign_ins WHERE username='sigrid'"));
        TRY_OK(row, query->step());
        QVERIFY(*row);
        QVERIFY(query->text(0) != code && query->text(0).size() > 2 * code.size());
        QCOMPARE(query->text(1).size(), 64u); // a 32-byte keyed hash, hex

        pending.login.deviceCode = code;
        TRY_OK(joined, pending.device->loginDevice(pending.login));
        QVERIFY(joined->credentials.deviceId > 1);
    }

    // Item 11: reset-account is the owner's way back in: TOTP off, pending sign-ins gone.
    void resetAccountClearsTotpAndSignIns()
    {
        auto owner = registered("rita");
        TRY_OK(enrollment, owner->enrollTotp());
        QVERIFY(owner->confirmTotp(totpAt(enrollment->secret, totpStepNow() - 1)).ok());
        auto pending = attempt(client(), "rita");
        QVERIFY(!pending.login.signInId.empty());
        pending.login.deviceCode = codeOf(*owner, pending.login.signInId);

        QString output;
        QCOMPARE(m_relay->runAdmin({"admin", "reset-account", "rita"}, &output), 0);
        QVERIFY2(output.contains("TOTP"), qPrintable(output));
        auto back = client();
        TRY_OK(device, back->loginDevice("rita", Password, "new laptop"));
        back->setCredentials(device->credentials);
        TRY_OK(requests, back->signInRequests());
        QVERIFY(requests->empty());
        auto stale = pending.device->loginDevice(pending.login);
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().code, ErrorCode::AuthenticationFailed);
    }
};

QTEST_GUILESS_MAIN(TestTransportAccountSecurity)
#include "tst_transport_account_security.moc"
