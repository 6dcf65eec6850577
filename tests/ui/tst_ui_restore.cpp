// SPDX-License-Identifier: GPL-3.0-or-later
// Restoring an encrypted backup from the desktop app's first-run screen, in-process (offscreen)
// against a real lapis-relay: the backup is made by a lapis-cli profile with a conversation, and
// the UI restores it into an empty profile by mouse, drop and keyboard. With LAPIS_SCREENSHOT_DIR
// set, the restore page is saved there as a PNG.
#include "QuickFind.h"
#include "app/UiShell.h"

#include <lapis/store/Store.h>
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDir>
#include <QDirIterator>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QQuickItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace lapis;
using namespace lapis::ui;
using test::CliProfile;
using test::findItem;
using test::findObject;
using test::shown;

namespace {

QPoint centreOf(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
}

/// Every file and folder under `dir` (hidden ones too), with sizes: "exactly as it was" means
/// this list does not change.
QStringList listing(const QString &dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        entries << it.filePath() + QLatin1Char(' ') + QString::number(it.fileInfo().size());
    }
    entries.sort();
    return entries;
}

} // namespace

class UiRestoreTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_files;
    QString m_backup;
    QString m_code;

    /// The desktop app on `profile`, on its first-run screen, showing the restore page.
    std::unique_ptr<UiShell> restorePage(const QString &profile)
    {
        SessionOptions options;
        options.profileDir = profile;
        options.fastKdf = true;
        options.defaultRelay = m_relay.address();
        options.defaultRelayCertificate = m_relay.certificatePath();
        auto shell = std::make_unique<UiShell>(std::move(options));
        if (!shell->load())
            return nullptr;
        auto *session = shell->session();
        auto *window = shell->window();
        if (!QTest::qWaitFor([&] { return session->state() == SessionController::State::FirstRun; }, 10000))
            return nullptr;
        // The third choice on the first-run screen opens the restore page.
        QQuickItem *choice = nullptr;
        if (!QTest::qWaitFor([&] { return shown(choice = findItem(window, QStringLiteral("restoreChoiceButton"))); }))
            return nullptr;
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centreOf(choice));
        if (!QTest::qWaitFor([&] { return shown(findItem(window, QStringLiteral("restorePage"))); }, 5000))
            return nullptr;
        return shell;
    }

    static void screenshot(UiShell &shell, const QString &name)
    {
        const QString dir = qEnvironmentVariable("LAPIS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(150); // let layouts settle
        const auto image = shell.window()->grabWindow();
        QVERIFY(image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    static void dropFile(QQuickWindow *window, QQuickItem *target, const QString &path)
    {
        const QPoint at = centreOf(target);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &drop);
    }

    /// Types `text` into the field (focused by a click, as a user would) and presses Enter.
    static void typeAndEnter(QQuickWindow *window, QQuickItem *field, const QString &text)
    {
        field->setProperty("text", QString());
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centreOf(field));
        QTRY_VERIFY(field->hasActiveFocus());
        for (const QChar c : text)
            QTest::keyClick(window, c.toLatin1());
        QCOMPARE(field->property("text").toString(), text);
        QTest::keyClick(window, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(m_relay.start());
    }

    void restoreFromTheFirstRunScreen()
    {
        // Alice (lapis-cli) talks with Bob, then backs her profile up.
        CliProfile alice(m_relay);
        CliProfile bob(m_relay);
        VERIFY_RUN(alice.registerAs(QStringLiteral("alice")));
        VERIFY_RUN(bob.registerAs(QStringLiteral("bob")));
        VERIFY_RUN(alice.run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("Before the backup")}));
        VERIFY_RUN(bob.run(test::receiveJson(1)));
        VERIFY_RUN(
            bob.run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("Bob answers, also kept")}));
        VERIFY_RUN(alice.run(test::receiveJson(1)));
        const QString backup = m_backup = m_files.filePath(QStringLiteral("alice.lapisbackup"));
        const auto exported = alice.run({QStringLiteral("backup-export"), backup});
        VERIFY_RUN(exported);
        const QString code = exported.lines().last().trimmed();
        QCOMPARE(code.size(), 35); // six groups of five, with dashes
        m_code = code;
        // The same code with one letter changed: well formed, but it does not open the backup.
        QString wrongCode = code;
        wrongCode[0] = code[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        // A copy cut short: the right code opens its header, its records are missing.
        const QString truncated = m_files.filePath(QStringLiteral("truncated.lapisbackup"));
        {
            QFile in(backup);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const auto bytes = in.readAll();
            QFile out(truncated);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes.left(bytes.size() * 2 / 3));
        }

        // The desktop app on an empty profile folder; its first-run screen offers the restore.
        QTemporaryDir parent;
        const QString profile = parent.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        const auto before = listing(parent.path());
        auto shell = restorePage(profile);
        QVERIFY(shell);
        auto *session = shell->session();
        auto *window = shell->window();
        QVERIFY(!findItem(window, QStringLiteral("firstRunPage")));
        auto *restoreButton = findItem(window, QStringLiteral("restoreButton"));
        auto *codeField = findItem(window, QStringLiteral("restoreCodeField"));
        auto *passphraseField = findItem(window, QStringLiteral("restorePassphraseField"));
        QVERIFY(restoreButton && codeField && passphraseField);
        QVERIFY(!restoreButton->isEnabled()); // no file, no code yet

        // The backup file is dropped onto the page.
        dropFile(window, findItem(window, QStringLiteral("restoreDropZone")), truncated);
        QTRY_COMPARE(findItem(window, QStringLiteral("restoreFileName"))->property("text").toString(),
                     QStringLiteral("truncated.lapisbackup"));

        // A damaged file: a clear error, nothing created, the page still usable.
        QSignalSpy busy(session, &SessionController::busyChanged);
        typeAndEnter(window, codeField, code);
        QTRY_VERIFY(busy.count() >= 1); // Enter started it (it may be done already: the test KDF is fast)
        QTRY_VERIFY_WITH_TIMEOUT(!session->busy(), 20000);
        QVERIFY2(session->errorText().contains(QStringLiteral("damaged or incomplete")),
                 qPrintable(session->errorText()));
        QCOMPARE(session->state(), SessionController::State::FirstRun);
        QCOMPARE(listing(parent.path()), before);

        // The wrong code: a clear error, nothing created, the page still usable.
        dropFile(window, findItem(window, QStringLiteral("restoreDropZone")), backup);
        QTRY_COMPARE(findItem(window, QStringLiteral("restoreFileName"))->property("text").toString(),
                     QStringLiteral("alice.lapisbackup"));
        QVERIFY(session->errorText().isEmpty()); // a new file clears the old error
        busy.clear();
        typeAndEnter(window, codeField, wrongCode);
        QTRY_VERIFY(busy.count() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(!session->busy(), 20000);
        QCOMPARE(session->errorText(),
                 QStringLiteral("That recovery code does not open this backup. Check it and try again."));
        auto *error = findItem(window, QStringLiteral("restoreError"));
        QTRY_VERIFY(shown(error));
        QCOMPARE(error->property("text").toString(), session->errorText());
        QCOMPARE(session->state(), SessionController::State::FirstRun);
        QCOMPARE(listing(parent.path()), before);
        QVERIFY(restoreButton->isEnabled());
        screenshot(*shell, QStringLiteral("restore-backup"));

        // The right code, typed with spaces instead of dashes, and a store passphrase; Enter in
        // the passphrase field restores.
        std::vector<double> progress;
        connect(session, &SessionController::restoreProgressChanged, this,
                [&] { progress.push_back(session->restoreProgress()); });
        codeField->setProperty("text", QString(code).replace(QLatin1Char('-'), QLatin1Char(' ')).toLower());
        busy.clear();
        typeAndEnter(window, passphraseField, QStringLiteral("restored passphrase"));
        QTRY_VERIFY(busy.count() >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Ready, 30000);
        QVERIFY2(session->errorText().isEmpty(), qPrintable(session->errorText()));
        QCOMPARE(session->account(), QStringLiteral("alice"));
        // Progress came back from the worker, in steps, ending at the finished import.
        QVERIFY(std::any_of(progress.begin(), progress.end(), [](double p) { return p > 0 && p < 1; }));
        QVERIFY(std::find(progress.begin(), progress.end(), 1.0) != progress.end());
        QVERIFY(store::Store::inspect(profile.toStdString()).hasPassphraseKeyFile);

        // The main window shows the old conversation with its messages.
        auto *conversations = session->conversations();
        QTRY_COMPARE_WITH_TIMEOUT(conversations->rowCount(), 1, 10000);
        QVERIFY(conversations->rowOfPeer(QStringLiteral("bob")) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(window, QStringLiteral("conversationList"))), 5000);
        session->openConversation(QStringLiteral("bob"));
        auto *messages = session->conversation()->messages();
        QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 2, 10000);
        QCOMPARE(messages->get(0, QStringLiteral("text")).toString(), QStringLiteral("Bob answers, also kept"));
        QCOMPARE(messages->get(0, QStringLiteral("outgoing")).toBool(), false);
        QCOMPARE(messages->get(1, QStringLiteral("text")).toString(), QStringLiteral("Before the backup"));
        QCOMPARE(messages->get(1, QStringLiteral("outgoing")).toBool(), true);

        // The restored computer is a device of the account: Bob's next message arrives live.
        VERIFY_RUN(bob.run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("After the restore")}));
        QTRY_VERIFY_WITH_TIMEOUT(messages->rowCount() == 3
                                     && messages->get(0, QStringLiteral("text")).toString()
                                            == QStringLiteral("After the restore"),
                                 15000);
        QCOMPARE(messages->get(0, QStringLiteral("endToEnd")).toBool(), true);
    }

    void relayDownLeavesTheProfileAsItWas()
    {
        // The relay is gone: the backup opens, but no new device can be added. Nothing is kept
        // (nor is the store a failed attempt to create an account left behind).
        QVERIFY(!m_backup.isEmpty());
        QTemporaryDir parent;
        const QString profile = parent.filePath(QStringLiteral("second"));
        QVERIFY(QDir().mkpath(profile));
        const auto before = listing(parent.path());
        auto shell = restorePage(profile);
        QVERIFY(shell);
        auto *session = shell->session();
        auto *window = shell->window();
        m_relay.stop();
        // A first-run attempt fails first and leaves its new, account-less profile open: the
        // restore closes it and removes its store (it holds nothing) instead of refusing.
        session->createAccount(m_relay.address(), QStringLiteral("carol"), QStringLiteral("carol password"),
                               QStringLiteral("first try"));
        QTRY_VERIFY_WITH_TIMEOUT(!session->busy() && !session->errorText().isEmpty(), 30000);
        QVERIFY(listing(parent.path()) != before);
        QCOMPARE(session->state(), SessionController::State::FirstRun);
        dropFile(window, findItem(window, QStringLiteral("restoreDropZone")), m_backup);
        QTRY_COMPARE(findItem(window, QStringLiteral("restoreFileName"))->property("text").toString(),
                     QStringLiteral("alice.lapisbackup"));
        findItem(window, QStringLiteral("restoreCodeField"))->setProperty("text", m_code);
        QSignalSpy busy(session, &SessionController::busyChanged);
        typeAndEnter(window, findItem(window, QStringLiteral("restorePassphraseField")),
                     QStringLiteral("second passphrase"));
        QTRY_VERIFY(busy.count() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(!session->busy(), 30000);
        QCOMPARE(session->errorText(), QStringLiteral("Cannot reach the relay of this backup, so nothing was "
                                                      "restored. Check the connection and try again."));
        QCOMPARE(session->state(), SessionController::State::FirstRun);
        QCOMPARE(listing(parent.path()), before);
        QVERIFY(findItem(window, QStringLiteral("restoreButton"))->isEnabled());
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-ui-test"));
    UiRestoreTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_restore.moc"
