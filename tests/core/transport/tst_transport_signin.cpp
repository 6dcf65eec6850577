// SPDX-License-Identifier: GPL-3.0-or-later
// Two-factor sign-in approved on a trusted device (issue 9), through core/transport against the
// real lapis-relay: the six-digit code pushed to the account's devices, approve, deny, expiry,
// the wrong-code limit, replay, a code bound to its own request, and the request rate limit.
#include "RelayTestSupport.h"

#include <QElapsedTimer>

#include <cstdio>

namespace {

/// A pending sign-in as the new device knows it, and the code its account's devices are shown.
struct Attempt {
    std::unique_ptr<RelayClient> device;
    LoginRequest login;
    SignInPending pending;
};

std::string otherCode(const std::string &code)
{
    char text[8];
    std::snprintf(text, sizeof text, "%06d", (std::stoi(code) + 1) % 1'000'000);
    return text;
}

/// The event of `kind` for sign-in `id`; call with the inbox's mutex held (as waitFor's predicate is).
std::optional<AccountEvent> eventLocked(Inbox &inbox, AccountEvent::Kind kind, const std::string &id)
{
    for (const auto &e : inbox.events)
        if (e.kind == kind && e.signIn.id == id)
            return e;
    return std::nullopt;
}

std::optional<AccountEvent> findEvent(Inbox &inbox, AccountEvent::Kind kind, const std::string &id)
{
    std::lock_guard lock(inbox.mutex);
    return eventLocked(inbox, kind, id);
}

} // namespace

class TestTransportSignIn : public RelayTestBase {
    Q_OBJECT

    /// A new device's password log-in: refused for want of a code, which makes the request.
    Attempt attempt(const std::string &account, const std::string &deviceName)
    {
        Attempt a{client(), LoginRequest{account, Password, deviceName, {}, {}, {}}, {}};
        std::optional<SignInPending> pending;
        auto refused = a.device->loginDevice(a.login, &pending);
        if (refused.ok() || refused.error().code != ErrorCode::PermissionDenied || !pending) {
            qWarning("no pending sign-in: %s", refused.ok() ? "logged in" : refused.error().message.c_str());
            return a;
        }
        a.pending = *pending;
        a.login.signInId = pending->id;
        return a;
    }

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

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    void cleanupTestCase() { QCOMPARE(m_relay->terminate(), 0); }

    void approvedWithTheCodeFromATrustedDevice()
    {
        auto laptop = registered("ada");
        Inbox inbox;
        auto stream = openStream(*laptop, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));

        QElapsedTimer clock;
        clock.start();
        auto a = attempt("ada", "ada's phone");
        QVERIFY(!a.pending.id.empty());
        QVERIFY(inbox.waitFor([&] {
            for (const auto &e : inbox.events)
                if (e.kind == AccountEvent::Kind::SignInRequested)
                    return true;
            return false;
        }));
        const auto seenAfter = clock.elapsed();
        qInfo("FIGURE sign_in_push_ms %lld", static_cast<long long>(seenAfter));
        QVERIFY2(seenAfter < 1000, qPrintable(QString::number(seenAfter)));
        const auto pushed = findEvent(inbox, AccountEvent::Kind::SignInRequested, a.pending.id);
        QVERIFY(pushed);
        QCOMPARE(pushed->signIn.deviceName, std::string("ada's phone"));
        QCOMPARE(pushed->signIn.code.size(), 6u);
        QVERIFY(pushed->signIn.expiresMs - pushed->signIn.createdMs == 600'000);
        QCOMPARE(pushed->signIn.expiresMs, a.pending.expiresMs);

        // The trusted device lists the same request and code.
        TRY_OK(listed, laptop->signInRequests());
        QCOMPARE(listed->size(), 1u);
        QCOMPARE(listed->front().id, a.pending.id);
        QCOMPARE(listed->front().code, pushed->signIn.code);

        // A wrong password with the right code learns nothing.
        auto wrongPassword = a.login;
        wrongPassword.password = "not the password";
        wrongPassword.deviceCode = pushed->signIn.code;
        EXPECT_ERROR(client()->loginDevice(wrongPassword), ErrorCode::WrongPassphrase);

        a.login.deviceCode = pushed->signIn.code;
        TRY_OK(device, a.device->loginDevice(a.login));
        QCOMPARE(device->credentials.deviceId, 2u);
        a.device->setCredentials(device->credentials);
        TRY_OK(devices, a.device->listDevices());
        QCOMPARE(devices->size(), 2u);

        // The outcome is shown to the account's other devices, beside "device added".
        QVERIFY(inbox.waitFor(
            [&] { return eventLocked(inbox, AccountEvent::Kind::SignInApproved, a.pending.id).has_value(); }));
        const auto approved = findEvent(inbox, AccountEvent::Kind::SignInApproved, a.pending.id);
        QCOMPARE(approved->deviceId, 2u);
        QVERIFY(approved->signIn.code.empty());
        TRY_OK(after, laptop->signInRequests());
        QVERIFY(after->empty());

        // The code is single use.
        EXPECT_ERROR(client()->loginDevice(a.login), ErrorCode::Duplicate);
        TRY_OK(still, laptop->listDevices());
        QCOMPARE(still->size(), 2u);
    }

    void deniedOnATrustedDevice()
    {
        auto laptop = registered("dora");
        Inbox inbox;
        auto stream = openStream(*laptop, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        auto a = attempt("dora", "stranger");
        const std::string code = codeOf(*laptop, a.pending.id);
        QCOMPARE(code.size(), 6u);

        QVERIFY(laptop->denySignIn(a.pending.id).ok());
        QVERIFY(inbox.waitFor(
            [&] { return eventLocked(inbox, AccountEvent::Kind::SignInDenied, a.pending.id).has_value(); }));
        // Even the right code is refused now, with a clear "denied".
        a.login.deviceCode = code;
        auto refused = a.device->loginDevice(a.login);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(refused.error().message.find("denied") != std::string::npos, refused.error().message.c_str());
        EXPECT_ERROR(laptop->denySignIn(a.pending.id), ErrorCode::NotFound);
        EXPECT_ERROR(laptop->denySignIn("not-an-id"), ErrorCode::InvalidArgument);
        TRY_OK(devices, laptop->listDevices());
        QCOMPARE(devices->size(), 1u);
        TRY_OK(pending, laptop->signInRequests());
        QVERIFY(pending->empty());
    }

    void wrongCodesCloseTheRequestAtFive()
    {
        auto laptop = registered("wren");
        auto a = attempt("wren", "guesser");
        const std::string code = codeOf(*laptop, a.pending.id);
        QCOMPARE(code.size(), 6u);
        a.login.deviceCode = otherCode(code);
        for (int i = 1; i <= 4; ++i) {
            auto wrong = a.device->loginDevice(a.login);
            QVERIFY(!wrong.ok());
            QCOMPARE(wrong.error().code, ErrorCode::WrongPassphrase);
            QVERIFY2(wrong.error().message.find(std::to_string(5 - i) + " tries left") != std::string::npos,
                     wrong.error().message.c_str());
        }
        auto fifth = a.device->loginDevice(a.login);
        QVERIFY(!fifth.ok());
        QCOMPARE(fifth.error().code, ErrorCode::AuthenticationFailed);
        // Dead: the right code does not revive it, and the trusted device no longer lists it.
        a.login.deviceCode = code;
        auto late = a.device->loginDevice(a.login);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY2(late.error().message.find("closed") != std::string::npos, late.error().message.c_str());
        TRY_OK(pending, laptop->signInRequests());
        QVERIFY(pending->empty());
        TRY_OK(devices, laptop->listDevices());
        QCOMPARE(devices->size(), 1u);
    }

    void aCodeIsBoundToItsOwnRequest()
    {
        auto laptop = registered("bea");
        auto first = attempt("bea", "first");
        auto second = attempt("bea", "second");
        QVERIFY(first.pending.id != second.pending.id);
        const std::string firstCode = codeOf(*laptop, first.pending.id);
        const std::string secondCode = codeOf(*laptop, second.pending.id);
        QCOMPARE(firstCode.size(), 6u);
        QCOMPARE(secondCode.size(), 6u);
        if (firstCode == secondCode)
            QSKIP("both requests drew the same code (one chance in a million)");
        // The second request's code under the first request's id is a wrong code.
        first.login.deviceCode = secondCode;
        EXPECT_ERROR(first.device->loginDevice(first.login), ErrorCode::WrongPassphrase);
        // A code without its request id is refused before it reaches the relay's check.
        auto unbound = second.login;
        unbound.signInId.clear();
        unbound.deviceCode = secondCode;
        EXPECT_ERROR(second.device->loginDevice(unbound), ErrorCode::InvalidArgument);
        // Each request completes with its own code.
        first.login.deviceCode = firstCode;
        TRY_OK(one, first.device->loginDevice(first.login));
        second.login.deviceCode = secondCode;
        TRY_OK(two, second.device->loginDevice(second.login));
        QVERIFY(one->credentials.deviceId != two->credentials.deviceId);
    }

    void newRequestsAreRateLimited()
    {
        auto laptop = registered("rita");
        for (int i = 0; i < 5; ++i)
            QVERIFY(!attempt("rita", "try " + std::to_string(i)).pending.id.empty());
        auto sixth = client()->loginDevice("rita", Password, "too many");
        QVERIFY(!sixth.ok());
        QCOMPARE(sixth.error().code, ErrorCode::LimitExceeded);
        TRY_OK(pending, laptop->signInRequests());
        QCOMPARE(pending->size(), 5u);
        // Another account is not affected.
        registered("rosa");
        QVERIFY(!attempt("rosa", "fine").pending.id.empty());
    }

    void passwordAloneWithoutDevicesAndTotpInsteadOfACode()
    {
        // No device and no TOTP: the password alone (the app recommends TOTP then).
        auto first = registered("ivy");
        QVERIFY(first->credentials());
        // With TOTP on, a TOTP code completes a sign-in in place of a device's code.
        TRY_OK(enrollment, first->enrollTotp());
        if (std::time(nullptr) % 30 > 24)
            QTest::qWait(static_cast<int>((30 - std::time(nullptr) % 30) * 1000 + 200));
        const std::int64_t now = std::time(nullptr) / 30;
        QVERIFY(first->confirmTotp(totpAt(enrollment->secret, now - 1)).ok());
        auto refused = client()->loginDevice("ivy", Password, "laptop 2");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(refused.error().message.find("TOTP") != std::string::npos, refused.error().message.c_str());
        TRY_OK(byTotp, client()->loginDevice("ivy", Password, "laptop 2", totpAt(enrollment->secret, now)));
        QCOMPARE(byTotp->credentials.deviceId, 2u);
        // That sign-in is shown to the first device too, without a request id.
        Inbox inbox;
        auto stream = openStream(*first, inbox);
        QVERIFY(inbox.waitFor([&] {
            for (const auto &e : inbox.events)
                if (e.kind == AccountEvent::Kind::SignInApproved && e.deviceId == 2 && e.signIn.id.empty()
                    && e.signIn.deviceName == "laptop 2")
                    return true;
            return false;
        }));
    }

    void expiredCodesAreRefused()
    {
        QTemporaryDir dir;
        RelayProcess shortLived(RelayDataDir{dir.path()}, {"--sign-in-ttl", "1"});
        QVERIFY2(shortLived.start(), "lapis-relay did not start");
        auto laptop = client(shortLived.endpoint());
        TRY_OK(registeredDevice, laptop->registerAccount("eve", Password, "laptop"));
        laptop->setCredentials(registeredDevice->credentials);
        auto device = client(shortLived.endpoint());
        LoginRequest login{"eve", Password, "late phone", {}, {}, {}};
        std::optional<SignInPending> pending;
        EXPECT_ERROR(device->loginDevice(login, &pending), ErrorCode::PermissionDenied);
        QVERIFY(pending);
        TRY_OK(listed, laptop->signInRequests());
        QCOMPARE(listed->size(), 1u);
        QCOMPARE(listed->front().expiresMs - listed->front().createdMs, 1000);
        login.deviceCode = listed->front().code;
        login.signInId = pending->id;
        QTest::qWait(1200);
        auto late = device->loginDevice(login);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY2(late.error().message.find("expired") != std::string::npos, late.error().message.c_str());
        TRY_OK(after, laptop->signInRequests());
        QVERIFY(after->empty());
        EXPECT_ERROR(laptop->denySignIn(pending->id), ErrorCode::NotFound);
        QCOMPARE(shortLived.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransportSignIn)
#include "tst_transport_signin.moc"
