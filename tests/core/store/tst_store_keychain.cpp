// SPDX-License-Identifier: GPL-3.0-or-later
// The OS keychain through QtKeychain. Without a session bus it must report Unavailable (the
// signal to fall back to the passphrase); with LAPIS_KEYCHAIN_REAL=1 (run-with-keyring.sh starts
// a private D-Bus session and gnome-keyring) the key goes in, comes back, and goes away.
#include "StoreTestUtil.h"

#include <lapis/store/KeychainKeyStore.h>

#include <QEventLoop>
#include <QTimer>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

template<typename T, typename Start>
std::optional<T> waitFor(Start start)
{
    std::optional<T> out;
    QEventLoop loop;
    start([&](T r) {
        out.emplace(std::move(r));
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

bool realKeychain()
{
    return qEnvironmentVariableIntValue("LAPIS_KEYCHAIN_REAL") == 1;
}

} // namespace

class TestStoreKeychain : public QObject {
    Q_OBJECT

private slots:
    void headlessReportsUnavailable()
    {
        if (realKeychain())
            QSKIP("a keychain is running");
        auto loaded = waitFor<Result<SecureBytes>>(
            [](auto done) { KeychainKeyStore::load(QStringLiteral("lapis-test-profile"), done); });
        QVERIFY(loaded.has_value());
        QVERIFY(!loaded->ok());
        QCOMPARE(loaded->error().code, ErrorCode::Unavailable);
        auto saved = waitFor<Result<void>>(
            [](auto done) { KeychainKeyStore::save(QStringLiteral("lapis-test-profile"), fixedKey(1).view(), done); });
        QVERIFY(saved.has_value());
        QCOMPARE(saved->error().code, ErrorCode::Unavailable);
    }

    void realKeychainRoundTrip()
    {
        if (!realKeychain())
            QSKIP("no keychain in this run (see run-with-keyring.sh)");
        const QString profile = QStringLiteral("lapis-test-profile");
        auto saved =
            waitFor<Result<void>>([&](auto done) { KeychainKeyStore::save(profile, fixedKey(4).view(), done); });
        QVERIFY(saved.has_value());
        QVERIFY_OK(*saved);
        auto loaded = waitFor<Result<SecureBytes>>([&](auto done) { KeychainKeyStore::load(profile, done); });
        QVERIFY(loaded.has_value());
        QVERIFY_OK(*loaded);
        QVERIFY((*loaded)->equals(fixedKey(4).view()));

        // The key from the keychain opens a store created with it.
        QTemporaryDir dir;
        QVERIFY_OK(Store::open(options(dir.path()), std::move(**loaded), OpenMode::CreateIfMissing).get());

        auto removed = waitFor<Result<void>>([&](auto done) { KeychainKeyStore::remove(profile, done); });
        QVERIFY(removed.has_value());
        QVERIFY_OK(*removed);
        auto gone = waitFor<Result<SecureBytes>>([&](auto done) { KeychainKeyStore::load(profile, done); });
        QVERIFY(gone.has_value());
        QCOMPARE(gone->error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestStoreKeychain)
#include "tst_store_keychain.moc"
