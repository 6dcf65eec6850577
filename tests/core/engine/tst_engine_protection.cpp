// SPDX-License-Identifier: GPL-3.0-or-later
// Switching a profile's store protection after the first run: keychain → passphrase and
// passphrase → keychain, through real SQLCipher profiles. Without a keychain (CI: no session bus)
// the switch to the keychain must fail and change nothing; with LAPIS_KEYCHAIN_REAL=1
// (tests/core/store/run-with-keyring.sh: a private D-Bus session and gnome-keyring) both
// directions run for real, including a switch stopped half way as a kill would stop it.
#include "EngineTestUtil.h"

#include <lapis/engine/ProfileKey.h>
#include <lapis/store/KeychainKeyStore.h>

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

namespace {

bool realKeychain()
{
    return qEnvironmentVariableIntValue("LAPIS_KEYCHAIN_REAL") == 1;
}

std::filesystem::path keyFileOf(const QString &dir)
{
    return store::StorePaths(dir.toStdString()).keyFile;
}

std::filesystem::path asideFileOf(const QString &dir)
{
    auto path = keyFileOf(dir);
    path += ".old";
    return path;
}

/// The profile's options without a passphrase: the key comes from the keychain.
ProfileOptions keychainProfileAt(const QString &dir)
{
    auto options = profileAt(dir);
    options.passphrase.reset();
    return options;
}

ProfileOptions profileWith(const QString &dir, const std::string &passphrase)
{
    auto options = profileAt(dir);
    options.passphrase = passphrase;
    return options;
}

/// Whether the keychain holds a key for the profile (NotFound: no).
Result<SecureBytes> keychainEntry(const QString &dir)
{
    std::optional<Result<SecureBytes>> out;
    QEventLoop loop;
    store::KeychainKeyStore::load(QString::fromStdString(std::filesystem::absolute(dir.toStdString()).string()),
                                  [&](Result<SecureBytes> r) {
                                      out.emplace(std::move(r));
                                      loop.quit();
                                  });
    if (!out) {
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out ? std::move(*out) : Result<SecureBytes>(fail(ErrorCode::Unavailable, "keychain timed out"));
}

/// Opening must succeed, and the database must answer (a wrong key fails the first read).
void verifyOpens(const ProfileOptions &options)
{
    auto engine = Engine::open(options);
    QVERIFY2(engine.ok(), engine.ok() ? "" : engine.error().message.c_str());
    VERIFY_OK(engine.value()->conversations());
}

} // namespace

class TestEngineProtection : public QObject {
    Q_OBJECT

private slots:
    void wrongCurrentPassphraseIsRefused()
    {
        QTemporaryDir dir;
        auto engine = Engine::open(profileAt(dir.path()));
        VERIFY_OK(engine);
        const auto before = fileText(QString::fromStdString(keyFileOf(dir.path()).string()));
        auto switched = engine.value()->protectWithKeychain("not the passphrase");
        QVERIFY(!switched.ok());
        QCOMPARE(switched.error().code, ErrorCode::WrongPassphrase);
        QVERIFY(engine.value()->usesPassphrase());
        QCOMPARE(fileText(QString::fromStdString(keyFileOf(dir.path()).string())), before);
        // Already passphrase-protected: the other direction has nothing to do.
        auto again = engine.value()->protectWithPassphrase("another passphrase");
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        engine.value().reset();
        verifyOpens(profileAt(dir.path()));
    }

    void noKeychainLeavesThePassphraseInCharge()
    {
        if (realKeychain())
            QSKIP("a keychain is running");
        QTemporaryDir dir;
        auto engine = Engine::open(profileAt(dir.path()));
        VERIFY_OK(engine);
        const auto before = fileText(QString::fromStdString(keyFileOf(dir.path()).string()));
        QVERIFY(!before.empty());
        auto switched = engine.value()->protectWithKeychain(TestPassphrase);
        QVERIFY(!switched.ok());
        QCOMPARE(switched.error().code, ErrorCode::Unavailable);
        // The message says what happened and why.
        QVERIFY2(switched.error().message.find("passphrase still protects") != std::string::npos,
                 switched.error().message.c_str());
        QVERIFY(engine.value()->usesPassphrase());
        QCOMPARE(fileText(QString::fromStdString(keyFileOf(dir.path()).string())), before);
        QVERIFY(!std::filesystem::exists(asideFileOf(dir.path())));
        engine.value().reset();
        verifyOpens(profileAt(dir.path()));
        // And a keychain-less open still asks for the passphrase, as before.
        auto without = Engine::open(keychainProfileAt(dir.path()));
        QVERIFY(!without.ok());
        QCOMPARE(without.error().code, ErrorCode::WrongPassphrase);
    }

    void passphraseToKeychainAndBack()
    {
        if (!realKeychain())
            QSKIP("no keychain in this run (see tests/core/store/run-with-keyring.sh)");
        QTemporaryDir dir;
        {
            auto engine = Engine::open(profileAt(dir.path()));
            VERIFY_OK(engine);
            VERIFY_OK(engine.value()->protectWithKeychain(TestPassphrase));
            QVERIFY(!engine.value()->usesPassphrase());
        }
        // The key file is gone (wiped, not set aside), the keychain opens the profile.
        QVERIFY(!std::filesystem::exists(keyFileOf(dir.path())));
        QVERIFY(!std::filesystem::exists(asideFileOf(dir.path())));
        VERIFY_OK(keychainEntry(dir.path()));
        verifyOpens(keychainProfileAt(dir.path()));

        const std::string chosen = "a brand new passphrase";
        {
            auto engine = Engine::open(keychainProfileAt(dir.path()));
            VERIFY_OK(engine);
            auto empty = engine.value()->protectWithPassphrase("");
            QVERIFY(!empty.ok());
            QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
            VERIFY_OK(engine.value()->protectWithPassphrase(chosen));
            QVERIFY(engine.value()->usesPassphrase());
        }
        // The keychain no longer holds the key; only the new passphrase opens the profile.
        auto entry = keychainEntry(dir.path());
        QVERIFY(!entry.ok());
        QCOMPARE(entry.error().code, ErrorCode::NotFound);
        verifyOpens(profileWith(dir.path(), chosen));
        auto old = Engine::open(profileAt(dir.path()));
        QVERIFY(!old.ok());
        QCOMPARE(old.error().code, ErrorCode::WrongPassphrase);
        auto without = Engine::open(keychainProfileAt(dir.path()));
        QVERIFY(!without.ok());
        QCOMPARE(without.error().code, ErrorCode::WrongPassphrase);
    }

    void aKeychainProfileSwitchesToAPassphrase()
    {
        if (!realKeychain())
            QSKIP("no keychain in this run (see tests/core/store/run-with-keyring.sh)");
        QTemporaryDir dir;
        {
            // Created without a passphrase: the key went into the keychain on the first run.
            auto engine = Engine::open(keychainProfileAt(dir.path()));
            VERIFY_OK(engine);
            QVERIFY(!engine.value()->usesPassphrase());
            auto wrongWay = engine.value()->protectWithKeychain("anything");
            QVERIFY(!wrongWay.ok());
            QCOMPARE(wrongWay.error().code, ErrorCode::AlreadyExists);
            VERIFY_OK(engine.value()->protectWithPassphrase(TestPassphrase));
            // The passphrase can be changed right away, like one chosen on the first run.
            VERIFY_OK(engine.value()->changePassphrase(TestPassphrase, "second passphrase"));
            VERIFY_OK(engine.value()->changePassphrase("second passphrase", TestPassphrase));
        }
        QVERIFY(!keychainEntry(dir.path()).ok());
        verifyOpens(profileAt(dir.path()));
    }

    void aSwitchStoppedHalfWayKeepsTheProfileOpenable()
    {
        if (!realKeychain())
            QSKIP("no keychain in this run (see tests/core/store/run-with-keyring.sh)");
        QTemporaryDir dir;
        verifyOpens(profileAt(dir.path()));
        const std::filesystem::path profile = dir.path().toStdString();
        auto stopAt = [](ProtectionStage at) { return [at](ProtectionStage stage) { return stage != at; }; };

        // Killed after the keychain took the key: both forms exist, the key file still rules.
        auto stopped = protectProfileWithKeychain(profile, TestPassphrase, stopAt(ProtectionStage::NewFormStored));
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(std::filesystem::exists(keyFileOf(dir.path())));
        VERIFY_OK(keychainEntry(dir.path()));
        verifyOpens(profileAt(dir.path()));

        // Killed after the key file was set aside: the keychain rules; the next switch wipes the rest.
        stopped = protectProfileWithKeychain(profile, TestPassphrase, stopAt(ProtectionStage::OldFormSetAside));
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(!std::filesystem::exists(keyFileOf(dir.path())));
        QVERIFY(std::filesystem::exists(asideFileOf(dir.path())));
        verifyOpens(keychainProfileAt(dir.path()));

        // Back to a passphrase, killed before the keychain entry went: the new key file rules.
        stopped = protectProfileWithPassphrase(profile, "the way back", crypto::Argon2Params::minimumForTests(),
                                               stopAt(ProtectionStage::NewFormStored));
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(!std::filesystem::exists(asideFileOf(dir.path())));
        VERIFY_OK(keychainEntry(dir.path()));
        verifyOpens(profileWith(dir.path(), "the way back"));

        // Done again without interruption: one form left.
        VERIFY_OK(protectProfileWithKeychain(profile, "the way back"));
        QVERIFY(!std::filesystem::exists(keyFileOf(dir.path())));
        QVERIFY(!std::filesystem::exists(asideFileOf(dir.path())));
        verifyOpens(keychainProfileAt(dir.path()));
    }
};

QTEST_GUILESS_MAIN(TestEngineProtection)
#include "tst_engine_protection.moc"
