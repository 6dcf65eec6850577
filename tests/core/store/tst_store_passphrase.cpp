// SPDX-License-Identifier: GPL-3.0-or-later
// The passphrase-wrapped key file: wrong passphrases, damage, and kill-safe passphrase changes.
#include "StoreTestUtil.h"

#include <lapis/store/PassphraseKeyFile.h>

#include <QTemporaryDir>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

bool opens(const QString &dir, const char *passphrase)
{
    return Store::openWithPassphrase(options(dir), passphrase).get().ok();
}

void writeBytes(const std::filesystem::path &path, const QByteArray &bytes)
{
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write test file");
    f.write(bytes);
}

} // namespace

class TestStorePassphrase : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;

    QString createProfile(const char *passphrase)
    {
        const QString dir = m_dir.path() + "/p" + QString::number(++m_run);
        auto store = Store::createWithPassphrase(options(dir), passphrase).get();
        if (!store.ok())
            qFatal("create: %s", store.error().message.c_str());
        auto conv =
            (*store)
                ->transact([](Transaction &tx) { return tx.conversations().findOrCreate(AccountId("b"), "B", 1); })
                .get();
        if (!conv.ok())
            qFatal("write: %s", conv.error().message.c_str());
        return dir;
    }

private slots:
    void createOpenAndWrongPassphrase()
    {
        const QString dir = createProfile("correct horse");
        QVERIFY(Store::inspect(dir.toStdString()).hasPassphraseKeyFile);
        QVERIFY(Store::inspect(dir.toStdString()).hasDatabase);
        const auto before = snapshot(dir.toStdString());
        auto wrong = Store::openWithPassphrase(options(dir), "battery staple").get();
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassphrase);
        QVERIFY(snapshot(dir.toStdString()) == before); // nothing recreated, migrated or written
        QVERIFY(opens(dir, "correct horse"));

        auto again = Store::createWithPassphrase(options(dir), "other").get();
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        QVERIFY(opens(dir, "correct horse"));
    }

    void openWithoutProfileIsNotFound()
    {
        const QString dir = m_dir.path() + "/none";
        auto store = Store::openWithPassphrase(options(dir), "x").get();
        QCOMPARE(store.error().code, ErrorCode::NotFound);
        QVERIFY(!std::filesystem::exists(dir.toStdString()));
    }

    void changePassphrase()
    {
        const QString dir = createProfile("old secret");
        {
            auto store = Store::openWithPassphrase(options(dir), "old secret").get();
            QVERIFY_OK(store);
            auto wrong = (*store)->changePassphrase("not it", "new secret").get();
            QCOMPARE(wrong.error().code, ErrorCode::WrongPassphrase);
            QVERIFY_OK((*store)->changePassphrase("old secret", "new secret").get());
        }
        QVERIFY(!opens(dir, "old secret"));
        QVERIFY(opens(dir, "new secret"));
    }

    // A kill at each stage of the replacement: the old or the new passphrase opens, never neither.
    void changeSurvivesKillAtEveryStage_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<bool>("newOne");
        QTest::newRow("temp written") << int(PassphraseKeyFile::Stage::TempWritten) << false;
        QTest::newRow("temp synced") << int(PassphraseKeyFile::Stage::TempSynced) << false;
        QTest::newRow("renamed") << int(PassphraseKeyFile::Stage::Renamed) << true;
    }

    void changeSurvivesKillAtEveryStage()
    {
        QFETCH(int, stage);
        QFETCH(bool, newOne);
        const QString dir = createProfile("before");
        const StorePaths paths(dir.toStdString());
        auto killed = PassphraseKeyFile::changePassphrase(
            paths.keyFile, "before", "after", crypto::Argon2Params::minimumForTests(),
            [stage](PassphraseKeyFile::Stage s) { return int(s) != stage; });
        QCOMPARE(killed.error().code, ErrorCode::Cancelled);
        QCOMPARE(opens(dir, "before"), !newOne);
        QCOMPARE(opens(dir, "after"), newOne);
        // A leftover temp file does not get in the way of the next change.
        const char *current = newOne ? "after" : "before";
        QVERIFY_OK(PassphraseKeyFile::changePassphrase(paths.keyFile, current, "final",
                                                       crypto::Argon2Params::minimumForTests()));
        QVERIFY(opens(dir, "final"));
    }

    // A kill while the temp file is half written: the old file is untouched.
    void tornTempFileIsHarmless()
    {
        const QString dir = createProfile("before");
        const StorePaths paths(dir.toStdString());
        auto temp = paths.keyFile;
        temp += ".tmp";
        writeBytes(temp, fileBytes(paths.keyFile).left(40));
        QVERIFY(opens(dir, "before"));
    }

    void damagedFilesAreReported()
    {
        const QString dir = createProfile("pw");
        const StorePaths paths(dir.toStdString());
        const QByteArray good = fileBytes(paths.keyFile);
        QCOMPARE(good.size(), qsizetype(PassphraseKeyFile::FileSize));
        const auto codeFor = [&](QByteArray bytes) {
            writeBytes(paths.keyFile, bytes);
            auto r = PassphraseKeyFile::unwrap(paths.keyFile, "pw");
            return r.ok() ? ErrorCode::Internal : r.error().code;
        };
        QCOMPARE(codeFor(good.left(60)), ErrorCode::Corrupt);
        QCOMPARE(codeFor(QByteArray("NOTAKEYFILE") + good.mid(11)), ErrorCode::Corrupt);
        QByteArray newer = good;
        newer[8] = 2;
        QCOMPARE(codeFor(newer), ErrorCode::Unsupported);
        QByteArray cheaper = good;
        cheaper[9] = static_cast<char>(cheaper[9] + 1); // costs are authenticated
        QCOMPARE(codeFor(cheaper), ErrorCode::WrongPassphrase);
        QByteArray huge = good;
        huge[24] = static_cast<char>(0x7f); // memLimit far beyond the cap
        QCOMPARE(codeFor(huge), ErrorCode::Corrupt);
        QByteArray flipped = good;
        flipped[80] = static_cast<char>(flipped[80] ^ 1);
        QCOMPARE(codeFor(flipped), ErrorCode::WrongPassphrase);
        writeBytes(paths.keyFile, good);
        QVERIFY(opens(dir, "pw"));
    }

    // The one test with the production costs (Argon2id moderate: ~0.75 s, 256 MiB).
    void defaultCostsAreModerate()
    {
        const QString dir = m_dir.path() + "/moderate";
        StoreOptions o;
        o.profileDir = dir.toStdString();
        QVERIFY_OK(Store::createWithPassphrase(o, "pw").get());
        auto params = PassphraseKeyFile::params(StorePaths(o.profileDir).keyFile);
        QVERIFY_OK(params);
        QCOMPARE(params->opsLimit, crypto::Argon2Params::moderate().opsLimit);
        QCOMPARE(params->memLimitBytes, crypto::Argon2Params::moderate().memLimitBytes);
        QVERIFY_OK(Store::openWithPassphrase(o, "pw").get());
    }
};

QTEST_GUILESS_MAIN(TestStorePassphrase)
#include "tst_store_passphrase.moc"
