// SPDX-License-Identifier: GPL-3.0-or-later
// The main window as a new user first sees it: it fits a 1280×800 screen, every way in shows its
// button without scrolling, and the window comes back where the user left it.
#include "QuickFind.h"
#include "app/UiShell.h"
#include "app/WindowPlacement.h"

#include <lapis/testsupport/RelayProcess.h>

#include <QQuickItem>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

using namespace lapis;
using namespace lapis::ui;
using test::findItem;

class UiWindowTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    std::unique_ptr<UiShell> makeShell(const QString &profile, const test::RelayProcess &relay)
    {
        SessionOptions options;
        options.profileDir = profile;
        options.fastKdf = true;
        options.defaultRelay = relay.address();
        options.defaultRelayCertificate = relay.certificatePath();
        return std::make_unique<UiShell>(std::move(options));
    }

private slots:
    void initTestCase() { qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8()); }

    void keptInsideMovesOntoTheScreen()
    {
        const QRect screen(0, 0, 1280, 800);
        // Already inside: unchanged.
        QCOMPARE(WindowPlacement::keptInside(QRect(100, 50, 1024, 720), screen), QRect(100, 50, 1024, 720));
        // Off the right and bottom edges (a larger screen before): moved back, same size.
        QCOMPARE(WindowPlacement::keptInside(QRect(1900, 1000, 1024, 720), screen), QRect(256, 80, 1024, 720));
        // Above and left of the screen: the title bar comes back.
        QCOMPARE(WindowPlacement::keptInside(QRect(-500, -40, 800, 600), screen), QRect(0, 0, 800, 600));
        // Larger than the screen: its top-left corner (the title bar) stays on it.
        QCOMPARE(WindowPlacement::keptInside(QRect(300, 300, 1600, 1000), screen).topLeft(), QPoint(0, 0));
    }

    void placementIsKeptBetweenRuns()
    {
        QSettings().remove(QStringLiteral("ui"));
        // A place on this machine's screen (offscreen: 800×600).
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        const QRect left(screen.topLeft() + QPoint(10, 20), QSize(700, 500));
        QVERIFY(screen.contains(left));
        QWindow before;
        before.setMinimumSize(QSize(640, 480));
        before.setGeometry(left);
        WindowPlacement::save(before);

        QWindow after;
        after.setMinimumSize(QSize(640, 480));
        after.resize(1024, 720);
        WindowPlacement::restore(after);
        QCOMPARE(after.geometry(), left);

        // A saved size below the window's minimum (an old or edited file) is not taken.
        before.setMinimumSize(QSize(100, 100));
        before.setGeometry(QRect(40, 60, 200, 150));
        WindowPlacement::save(before);
        QWindow small;
        small.setMinimumSize(QSize(640, 480));
        small.resize(1024, 720);
        WindowPlacement::restore(small);
        QCOMPARE(small.size(), QSize(1024, 720));
        QSettings().remove(QStringLiteral("ui"));
    }

    void firstWindowShowsEveryWayInUnscrolled()
    {
        QSettings().remove(QStringLiteral("ui")); // a first run
        test::RelayProcess relay(QStringLiteral(LAPIS_RELAY_BINARY));
        QVERIFY(relay.start());
        QTemporaryDir profile;
        auto shell = makeShell(profile.path(), relay);
        QVERIFY(shell->load());
        QTRY_COMPARE_WITH_TIMEOUT(shell->session()->state(), SessionController::State::FirstRun, 10000);
        auto *window = shell->window();
        // A 1280×800 screen less a panel (~32 px) and a title bar (~40 px).
        QVERIFY2(window->width() <= 1280 && window->height() <= 800 - 72,
                 qPrintable(QStringLiteral("%1×%2").arg(window->width()).arg(window->height())));
        // The relay's certificate fingerprint is shown (two lines) as on a real first run.
        QTRY_VERIFY_WITH_TIMEOUT(!shell->session()->relayCertificateFingerprint().isEmpty(), 5000);

        QQuickItem *tabs = findItem(window, QStringLiteral("firstRunTabs"));
        QVERIFY(tabs);
        const std::pair<int, const char *> ways[] = {{0, "createButton"}, {1, "linkButton"}, {2, "signInButton"}};
        for (const auto &[tab, buttonName] : ways) {
            tabs->setProperty("currentIndex", tab);
            QQuickItem *button = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT(
                (button = findItem(window, QString::fromLatin1(buttonName))) && button->isVisible(), 5000);
            QTest::qWait(50); // layouts settle
            const QRectF inWindow = button->mapRectToScene(QRectF(0, 0, button->width(), button->height()));
            QVERIFY2(inWindow.bottom() <= window->height() - 8 && inWindow.right() <= window->width(),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4×%5 in a %6×%7 window")
                                    .arg(QString::fromLatin1(buttonName))
                                    .arg(inWindow.x())
                                    .arg(inWindow.y())
                                    .arg(inWindow.width())
                                    .arg(inWindow.height())
                                    .arg(window->width())
                                    .arg(window->height())));
        }
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-ui-test"));
    UiWindowTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_window.moc"
