// SPDX-License-Identifier: GPL-3.0-or-later
// lapis: the desktop app. Parses the command line, refuses to run without SQLCipher, loads the
// window (ui/) and keeps a tray icon with the unread count and notifications.
#include "app/UiShell.h"

#include <lapis/common/Allocator.h>
#include <lapis/store/Store.h>

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QStandardPaths>
#include <QSystemTrayIcon>

#include <cstdio>
#include <memory>
#include <string_view>

namespace {

/// The tray icon: unread count in the tooltip, a notification per message (without its text when
/// previews are off), and Show/Quit.
void setUpTray(QApplication &app, lapis::ui::UiShell &shell, QSystemTrayIcon &tray, QMenu &menu)
{
    auto *session = shell.session();
    tray.setIcon(QIcon(QStringLiteral(":/icons/lapis.svg")));
    tray.setToolTip(QObject::tr("Lapis"));
    auto *show = menu.addAction(QObject::tr("Show Lapis"));
    auto *quit = menu.addAction(QObject::tr("Quit"));
    QObject::connect(show, &QAction::triggered, &shell, [&shell] {
        if (auto *window = shell.window()) {
            window->show();
            window->raise();
            window->requestActivate();
        }
    });
    QObject::connect(quit, &QAction::triggered, &app, &QApplication::quit);
    tray.setContextMenu(&menu);
    QObject::connect(&tray, &QSystemTrayIcon::activated, show, &QAction::trigger);
    auto *conversations = session->conversations();
    QObject::connect(conversations, &lapis::ui::ConversationListModel::totalUnreadChanged, &tray,
                     [&tray, conversations] {
                         const int unread = conversations->totalUnread();
                         tray.setToolTip(unread > 0 ? QObject::tr("Lapis: %n unread message(s)", nullptr, unread)
                                                    : QObject::tr("Lapis"));
                     });
    QObject::connect(session, &lapis::ui::SessionController::messageArrived, &tray,
                     [&tray, &shell, session](const QString &peer, const QString &, const QString &text) {
                         auto *window = shell.window();
                         if (window && window->isActive())
                             return;
                         const bool preview = session->settings()->notificationPreviews();
                         tray.showMessage(peer, preview && !text.isEmpty() ? text : QObject::tr("New message"),
                                          QSystemTrayIcon::Information, 5000);
                     });
    // Sign-ins are told even when the window is active: a dialog may sit behind other windows,
    // and a sign-in the person did not make is the one thing they must not miss.
    auto *signIns = session->signIns();
    QObject::connect(signIns, &lapis::ui::SignInController::requestArrived, &tray, [&tray](const QString &device) {
        tray.showMessage(QObject::tr("Sign-in request"),
                         QObject::tr("\"%1\" wants to sign in to your account. Open Lapis for the code.").arg(device),
                         QSystemTrayIcon::Warning, 15000);
    });
    QObject::connect(signIns, &lapis::ui::SignInController::decided, &tray,
                     [&tray](const QString &device, bool approved) {
                         tray.showMessage(approved ? QObject::tr("New sign-in") : QObject::tr("Sign-in denied"),
                                          approved ? QObject::tr("\"%1\" signed in to your account.").arg(device)
                                                   : QObject::tr("The sign-in of \"%1\" was denied.").arg(device),
                                          QSystemTrayIcon::Information, 10000);
                     });
    tray.show();
}

/// The options of `lapis`; the application object must exist before `process`.
struct CommandLine {
    QCommandLineParser parser;
    QCommandLineOption profile{QStringLiteral("profile"),
                               QObject::tr("The profile folder (default: the user's data folder)."),
                               QStringLiteral("DIR")};
    QCommandLineOption passphraseFile{
        QStringLiteral("passphrase-file"),
        QObject::tr("Unlock a passphrase-protected profile with the passphrase in FILE (for scripts)."),
        QStringLiteral("FILE")};
    QCommandLineOption relay{QStringLiteral("relay"), QObject::tr("The relay the first-run screen offers (HOST:PORT)."),
                             QStringLiteral("HOST:PORT")};
    QCommandLineOption relayCa{QStringLiteral("relay-ca"),
                               QObject::tr("The relay's certificate file for the first-run screen."),
                               QStringLiteral("FILE")};

    CommandLine()
    {
        parser.setApplicationDescription(QObject::tr("Lapis: an end-to-end encrypted messenger."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({profile, passphraseFile, relay, relayCa});
    }
};

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("lapis"));
    QCoreApplication::setOrganizationName(QStringLiteral("Lapis"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAPIS_VERSION));
}

/// --help and --version answer without a display: scripts, package checks and a terminal over
/// ssh have none, and a GUI application object would abort there.
bool onlyAsksForInformation(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    lapis::keepTransferBuffersInHeap();
    if (onlyAsksForInformation(argc, argv)) {
        QCoreApplication core(argc, argv);
        describeApplication();
        CommandLine commandLine;
        commandLine.parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Lapis"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/lapis.svg")));
    QApplication::setQuitOnLastWindowClosed(!QSystemTrayIcon::isSystemTrayAvailable());

    CommandLine commandLine;
    auto &parser = commandLine.parser;
    const auto &profile = commandLine.profile;
    const auto &passphraseFile = commandLine.passphraseFile;
    const auto &relay = commandLine.relay;
    const auto &relayCa = commandLine.relayCa;
    parser.process(app);

    // Without SQLCipher winning the symbol race nothing would be encrypted (see the store).
    if (auto version = lapis::store::Store::sqlCipherVersion(); !version.ok()) {
        std::fprintf(stderr, "lapis: %s\n", version.error().message.c_str());
        return 1;
    }

    lapis::ui::SessionOptions options;
    options.profileDir = parser.isSet(profile) ? parser.value(profile)
                                               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                     + QStringLiteral("/profile");
    if (parser.isSet(passphraseFile)) {
        QFile in(parser.value(passphraseFile));
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "lapis: cannot read the passphrase file %s\n", qPrintable(in.fileName()));
            return 1;
        }
        options.passphrase = in.readAll().trimmed().toStdString();
    }
    // options.fastKdf stays off: only tests set it, in their own process (issue 16, item 18).
    // The embedded default: packaging/run-local.sh starts a local relay and exports where it is.
    options.defaultRelay = parser.isSet(relay) ? parser.value(relay) : qEnvironmentVariable("LAPIS_LOCAL_RELAY");
    options.defaultRelayCertificate =
        parser.isSet(relayCa) ? parser.value(relayCa) : qEnvironmentVariable("LAPIS_LOCAL_RELAY_CA");

    lapis::ui::UiShell shell(std::move(options));
    if (!shell.load()) {
        std::fprintf(stderr, "lapis: the window could not be loaded\n");
        return 1;
    }
    QSystemTrayIcon tray;
    QMenu menu;
    if (QSystemTrayIcon::isSystemTrayAvailable())
        setUpTray(app, shell, tray, menu);
    return QApplication::exec();
}
