// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-ui, offscreen. The parent writes a profile with a 100,000-message conversation once
// (through the store's API, with the cheapest passphrase KDF so that key derivation is not what is
// measured), then starts itself as a child for each measurement:
//   --first-frame: process start to the first frame showing the loaded conversation list;
//   --scroll: opens the big conversation, scrolls through 2,000 messages, reports VmRSS.
#include "ProfileFixture.h"
#include "QuickFind.h"
#include "app/UiShell.h"

#include <lapis/testsupport/RelayProcess.h>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace lapis;
using lapis::test::findObject;

namespace {

constexpr int BigConversation = 100000;
constexpr int ScrollMessages = 2000;
const QString BigPeer = QStringLiteral("big-peer");

long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const auto &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    return -1;
}

/// The child: the app's shell on the profile, then either measurement.
int runChild(QGuiApplication &app, const QString &profile, const QString &passphrase, bool scroll)
{
    ui::SessionOptions options;
    options.profileDir = profile;
    options.passphrase = passphrase.toStdString();
    ui::UiShell shell(std::move(options));
    if (!shell.load())
        return 2;
    auto *session = shell.session();
    auto *window = shell.window();
    bool listShown = false;
    // The first frame rendered after the conversation list has its rows.
    QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&] {
        if (listShown || !session->conversations()->loaded())
            return;
        listShown = true;
        std::printf("FIRST_FRAME\n");
        std::fflush(stdout);
        if (!scroll) {
            QTimer::singleShot(0, &app, &QGuiApplication::quit);
            return;
        }
        session->openConversation(BigPeer);
        auto *messages = session->conversation()->messages();
        auto *step = new QTimer(&app);
        int target = 0; // copied into the timer's functor: this lambda's frame is gone when it fires
        QObject::connect(step, &QTimer::timeout, &app, [&, step, messages, target]() mutable {
            auto *list = findObject(window->contentItem(), QStringLiteral("messageList"));
            if (!list || messages->rowCount() == 0)
                return;
            // Scroll towards older messages the way a user does, a screenful at a time; the view
            // asks for older pages as it nears the top.
            target = std::min(target + 25, std::min(ScrollMessages, messages->rowCount() - 1));
            QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, target), Q_ARG(int, 0));
            if (target >= messages->rowCount() - 1)
                messages->loadOlder(); // at the loaded end: the next page, as the view would ask
            if (target >= ScrollMessages) {
                step->stop();
                std::printf("ROWS %d\nRSS_KIB %ld\n", messages->rowCount(), residentKiB());
                std::fflush(stdout);
                QTimer::singleShot(0, &app, &QGuiApplication::quit);
            }
        });
        step->start(5);
    });
    window->update();
    QTimer::singleShot(120000, &app, [] { std::_Exit(3); });
    // A profile without an account would stop at the first-run screen: nothing to measure.
    QObject::connect(session, &ui::SessionController::stateChanged, &app, [session] {
        if (session->state() == ui::SessionController::State::FirstRun
            || session->state() == ui::SessionController::State::Locked) {
            std::fprintf(stderr, "the profile did not open to the main window\n");
            std::_Exit(4);
        }
    });
    return QGuiApplication::exec();
}

struct ChildRun {
    bool ok = false;
    double firstFrameMs = 0;
    long rssKiB = -1;
    int rows = 0;
};

ChildRun runOnce(const QString &self, const QString &profile, const QString &passphraseFile, bool scroll)
{
    ChildRun run;
    QProcess child;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(self, {scroll ? QStringLiteral("--scroll") : QStringLiteral("--first-frame"), profile, passphraseFile});
    QByteArray out;
    while (child.state() != QProcess::NotRunning || child.bytesAvailable() > 0) {
        child.waitForReadyRead(50);
        while (child.canReadLine()) {
            const auto line = child.readLine().trimmed();
            if (line == "FIRST_FRAME")
                run.firstFrameMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            else if (line.startsWith("RSS_KIB "))
                run.rssKiB = line.mid(8).toLong();
            else if (line.startsWith("ROWS "))
                run.rows = line.mid(5).toInt();
        }
        if (timer.elapsed() > 150000)
            child.kill();
    }
    run.ok = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0 && run.firstFrameMs > 0;
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 4 && (qstrcmp(argv[1], "--first-frame") == 0 || qstrcmp(argv[1], "--scroll") == 0)) {
        QGuiApplication app(argc, argv);
        QFile file(QString::fromLocal8Bit(argv[3]));
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        return runChild(app, QString::fromLocal8Bit(argv[2]), QString::fromUtf8(file.readAll()),
                        qstrcmp(argv[1], "--scroll") == 0);
    }

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Desktop app cold start and memory with a 100,000-message profile"));
    parser.addHelpOption();
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Cold starts to time (default 7)."),
                                  QStringLiteral("N"), QStringLiteral("7"));
    parser.addOption(runs);
    parser.process(app);

    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile"));
    const QString passphraseFile = dir.filePath(QStringLiteral("passphrase"));
    {
        QFile f(passphraseFile);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("bench passphrase");
    }
    QElapsedTimer setup;
    setup.start();
    // A real account on a local relay (the app shows the main window only for a profile with one);
    // the cheapest passphrase KDF, so that unlocking is not what is measured.
    test::RelayProcess relay(QStringLiteral(LAPIS_RELAY_BINARY));
    if (!relay.start()) {
        std::fprintf(stderr, "the relay did not start\n");
        return 1;
    }
    {
        const QString passwordFile = dir.filePath(QStringLiteral("password"));
        QFile f(passwordFile);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("bench password");
        f.close();
        QProcess cli;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LAPIS_TEST_FAST_KDF"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(LAPIS_CLI_BINARY),
                  {QStringLiteral("--profile"), profile, QStringLiteral("--passphrase-file"), passphraseFile,
                   QStringLiteral("register"), QStringLiteral("bench-user"), QStringLiteral("--relay"), relay.address(),
                   QStringLiteral("--relay-ca"), relay.certificatePath(), QStringLiteral("--password-file"),
                   passwordFile});
        if (!cli.waitForFinished(60000) || cli.exitCode() != 0) {
            std::fprintf(stderr, "registering failed: %s\n", cli.readAllStandardError().constData());
            return 1;
        }
    }
    std::vector<test::FixtureConversation> conversations{{BigPeer.toStdString(), BigConversation, 2, true, 30000}};
    for (int i = 0; i < 30; ++i) // a realistic list around it
        conversations.push_back({"contact-" + std::to_string(i), 40, i % 4, i % 5 != 0, 600000, 3600000LL * (i + 1)});
    auto written = test::writeFixtureProfile(profile, "bench passphrase", conversations);
    if (!written.ok()) {
        std::fprintf(stderr, "writing the profile failed: %s\n", written.error().message.c_str());
        return 1;
    }
    std::printf("FIGURE profile_setup_s %.1f (%d messages)\n", static_cast<double>(setup.elapsed()) / 1000,
                BigConversation + 30 * 40);
    std::fflush(stdout);

    const QString self = QCoreApplication::applicationFilePath();
    runOnce(self, profile, passphraseFile, false); // warms the page cache and fontconfig, not counted
    std::vector<double> starts;
    const int n = std::max(1, parser.value(runs).toInt());
    for (int i = 0; i < n; ++i) {
        const auto run = runOnce(self, profile, passphraseFile, false);
        if (!run.ok) {
            std::fprintf(stderr, "cold start run %d failed\n", i);
            return 1;
        }
        starts.push_back(run.firstFrameMs);
        std::printf("FIGURE ui_cold_start_run_ms %.1f\n", run.firstFrameMs);
        std::fflush(stdout);
    }
    const auto scroll = runOnce(self, profile, passphraseFile, true);
    if (!scroll.ok || scroll.rssKiB < 0) {
        std::fprintf(stderr, "the scrolling run failed\n");
        return 1;
    }
    std::printf("FIGURE ui_rows_loaded %d\n", scroll.rows);
    std::printf("TARGET ui_cold_start_ms %.0f < 400 ms\n", median(starts));
    std::printf("TARGET ui_rss_mb %.1f < 120 MiB\n", static_cast<double>(scroll.rssKiB) / 1024.0);
    return 0;
}
