// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app in-process (offscreen), through its view models and its rendered window, against
// a real lapis-relay; the other people are lapis-cli profiles. With LAPIS_SCREENSHOT_DIR set, each
// key screen is saved there as a PNG. One test, its slots run in the order declared here (each
// builds on the state the ones before left): conversations in tst_ui_e2e.cpp, the account's
// security (sign-ins, linking, keys, the store's protection) in tst_ui_e2e_account.cpp.
#pragma once

#include "QuickFind.h"
#include "app/UiShell.h"
#include "models/DeviceListModel.h"

#include <lapis/decode/DecoderPool.h>
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QBuffer>
#include <QColor>
#include <QCryptographicHash>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QQuickItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::ui;
using lapis::test::CliProfile;
using lapis::test::findItem;
using lapis::test::findObject;
using lapis::test::shown;

class UiEndToEndTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_aliceProfile;
    QTemporaryDir m_linkedProfile;
    std::unique_ptr<UiShell> m_alice;
    std::unique_ptr<CliProfile> m_bob;
    std::unique_ptr<CliProfile> m_carol;

    [[nodiscard]] SessionController *session() const { return m_alice->session(); }
    [[nodiscard]] ConversationController *conversation() const { return m_alice->session()->conversation(); }

    void screenshot(UiShell &shell, const QString &name) { QVERIFY(test::saveScreenshot(shell.window(), name)); }

    std::unique_ptr<UiShell> makeShell(const QString &profile)
    {
        SessionOptions options;
        options.profileDir = profile;
        options.fastKdf = true;
        options.defaultRelay = m_relay.address();
        options.defaultRelayCertificate = m_relay.certificatePath();
        auto shell = std::make_unique<UiShell>(std::move(options));
        return shell;
    }

    /// Waits for the message `id` to be in the open conversation and for its bubble to be drawn;
    /// returns the bubble's colour.
    QColor bubbleColour(const QString &id)
    {
        auto *messages = conversation()->messages();
        if (!QTest::qWaitFor([&] { return messages->rowOf(id) >= 0; }, 10000))
            return {};
        QQuickItem *bubble = nullptr;
        (void)QTest::qWaitFor([&] { return (bubble = findItem(m_alice->window(), QStringLiteral("bubble_") + id)); },
                              5000);
        return bubble ? bubble->property("bubbleColor").value<QColor>() : QColor();
    }

    QString sendAndWait(const QString &text, bool allowPlaintext, bool *endToEnd)
    {
        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->send(text, allowPlaintext);
        if (!sent.wait(20000))
            return {};
        *endToEnd = sent.at(0).at(1).toBool();
        return sent.at(0).at(0).toString();
    }

private slots:
    void initTestCase();
    void createAccountAndSendBlue();
    void plaintextContactIsGreen();
    void droppedFileBecomesAnAttachmentMessage();
    void receivedPhotoShowsAndAHostileOneIsAPlaceholder();
    void safetyNumberInGroupsAndQr();
    void twoFactorSettingsShowTheOtpauthCode();
    void signInRequestShowsItsCodeAndCanBeDenied();
    void approvedSignInIsToldAfterwards();
    void backupExportShowsTheRecoveryCode();
    void linkScreenQrDecodesToTheLink();
    void passwordSignInAsksForTheCodeThenLinks();
    void signedInButNotLinkedResumesLinkingAtStart();
    void downgradeBannerWhenABlueContactLosesItsDevices();
    void changedKeyBlocksUntilAccepted();
    void searchFindsMessagesInEveryConversation();
    // Issue 21: the session with Bob was set up with PQXDH, and the lock header says so.
    void postQuantumSessionShowsInTheHeader();
    void arabicMirrorsTheLayout();
    void storeProtectionSwitchRunsOnTheWorker();
    void unlockScreenAfterRestart();
    void cleanupTestCase();
};
