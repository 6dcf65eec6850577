// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop end to end, part two: the account's security as the user meets it: two-factor
// settings, sign-in requests and their outcome, backups, linking by QR code, a contact whose
// devices vanish or whose key changes, the store's protection and the unlock screen
// (UiEndToEndTest.h).
#include "UiEndToEndTest.h"

void UiEndToEndTest::twoFactorSettingsShowTheOtpauthCode()
{
    auto *settings = session()->settings();
    settings->enableTotp();
    QTRY_VERIFY_WITH_TIMEOUT(settings->totpUri().startsWith(QStringLiteral("otpauth://")), 10000);
    auto *dialog = findObject(m_alice->window()->contentItem(), QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    dialog->setProperty("currentTab", 1);
    QMetaObject::invokeMethod(dialog, "open");
    auto *qrImage = findObject(m_alice->window()->contentItem(), QStringLiteral("totpQr"));
    QVERIFY(qrImage);
    QTRY_COMPARE_WITH_TIMEOUT(qrImage->property("status").toInt(), 1, 5000);
    QTest::qWait(300);
    const auto decoded = decode::DecoderPool::shared().readQrCode(m_alice->window()->grabWindow()).result();
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    QCOMPARE(QString::fromStdString(decoded.value()), settings->totpUri());
    screenshot(*m_alice, QStringLiteral("two-factor-settings"));
    QMetaObject::invokeMethod(dialog, "close");
}

void UiEndToEndTest::signInRequestShowsItsCodeAndCanBeDenied()
{
    // Someone with Alice's password signs in on another computer: Alice's app shows the code.
    auto *signIns = session()->signIns();
    CliProfile stranger(m_relay);
    const QStringList login{QStringLiteral("login"),           QStringLiteral("alice"),
                            QStringLiteral("--relay"),         m_relay.address(),
                            QStringLiteral("--relay-ca"),      m_relay.certificatePath(),
                            QStringLiteral("--password-file"), stranger.passwordFile(),
                            QStringLiteral("--device-name"),   QStringLiteral("Unknown laptop")};
    const auto attempt = stranger.run(login);
    QVERIFY2(attempt.exitCode != 0, qPrintable(test::describe(attempt)));
    QTRY_VERIFY_WITH_TIMEOUT(
        !signIns->requests().isEmpty()
            && !signIns->requests().front().toMap().value(QStringLiteral("code")).toString().isEmpty(),
        15000);
    const auto request = signIns->requests().front().toMap();
    QCOMPARE(request.value(QStringLiteral("deviceName")).toString(), QStringLiteral("Unknown laptop"));
    auto *dialog = findObject(m_alice->window()->contentItem(), QStringLiteral("signInDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), 5000);
    auto *code = findObject(m_alice->window()->contentItem(), QStringLiteral("signInCode"));
    QCOMPARE(code->property("text").toString(), request.value(QStringLiteral("code")).toString());
    screenshot(*m_alice, QStringLiteral("sign-in-request"));
    signIns->deny(request.value(QStringLiteral("id")).toString());
    QTRY_VERIFY_WITH_TIMEOUT(signIns->requests().isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), 5000);
    // The stranger is told it was denied, and Alice's app tells her afterwards too.
    const auto refused = stranger.run(
        login + QStringList{QStringLiteral("--device-code"), request.value(QStringLiteral("code")).toString()});
    QVERIFY2(refused.exitCode != 0 && refused.err.contains(QStringLiteral("denied")),
             qPrintable(test::describe(refused)));
    auto *outcome = findObject(m_alice->window()->contentItem(), QStringLiteral("signInOutcomeDialog"));
    QVERIFY(outcome);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->property("opened").toBool(), 10000);
    QVERIFY(!signIns->latestOutcome().value(QStringLiteral("approved")).toBool());
    QVERIFY(findObject(m_alice->window()->contentItem(), QStringLiteral("signInOutcomeText"))
                ->property("text")
                .toString()
                .contains(QStringLiteral("Unknown laptop")));
    QMetaObject::invokeMethod(outcome, "accept");
    QTRY_VERIFY(signIns->latestOutcome().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!signIns->history().isEmpty(), 5000);
    QCOMPARE(signIns->history().front().toMap().value(QStringLiteral("deviceName")).toString(),
             QStringLiteral("Unknown laptop"));
}

void UiEndToEndTest::approvedSignInIsToldAfterwards()
{
    // This time the code is typed on the new computer: Alice's app says it signed in.
    auto *signIns = session()->signIns();
    CliProfile laptop(m_relay);
    const QStringList login{QStringLiteral("login"),           QStringLiteral("alice"),
                            QStringLiteral("--relay"),         m_relay.address(),
                            QStringLiteral("--relay-ca"),      m_relay.certificatePath(),
                            QStringLiteral("--password-file"), laptop.passwordFile(),
                            QStringLiteral("--device-name"),   QStringLiteral("Travel laptop")};
    QVERIFY(laptop.run(login).exitCode != 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        !signIns->requests().isEmpty()
            && !signIns->requests().front().toMap().value(QStringLiteral("code")).toString().isEmpty(),
        15000);
    const auto code = signIns->requests().front().toMap().value(QStringLiteral("code")).toString();
    VERIFY_RUN(laptop.run(login + QStringList{QStringLiteral("--device-code"), code}));
    QTRY_VERIFY_WITH_TIMEOUT(signIns->latestOutcome().value(QStringLiteral("approved")).toBool(), 10000);
    QVERIFY(signIns->requests().isEmpty());
    auto *outcome = findObject(m_alice->window()->contentItem(), QStringLiteral("signInOutcomeDialog"));
    QTRY_VERIFY_WITH_TIMEOUT(outcome->property("opened").toBool(), 5000);
    screenshot(*m_alice, QStringLiteral("sign-in-approved"));
    QMetaObject::invokeMethod(outcome, "accept");
    QTRY_COMPARE_WITH_TIMEOUT(signIns->history().size(), 2, 5000);
    QVERIFY(signIns->history().front().toMap().value(QStringLiteral("approved")).toBool());
    // The new device is told too, as a device of the account (issue 16 item 9).
    auto *changes = session()->deviceChanges();
    auto *changeDialog = findObject(m_alice->window()->contentItem(), QStringLiteral("deviceChangeDialog"));
    QTRY_VERIFY_WITH_TIMEOUT(changeDialog->property("opened").toBool(), 10000);
    QVERIFY(findObject(m_alice->window()->contentItem(), QStringLiteral("deviceChangeText"))
                ->property("text")
                .toString()
                .contains(QStringLiteral("Travel laptop")));
    screenshot(*m_alice, QStringLiteral("device-added"));
    QMetaObject::invokeMethod(changeDialog, "accept");
    QTRY_VERIFY(changes->latest().isEmpty());

    // Not Alice's after all: she removes it, which leaves her devices as they were.
    auto *settings = session()->settings();
    settings->refreshDevices();
    int laptopId = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto *devices = settings->devices();
            for (int row = 0; row < devices->rowCount(); ++row) {
                const auto index = devices->index(row, 0);
                if (devices->data(index, DeviceListModel::NameRole).toString() == QStringLiteral("Travel laptop"))
                    laptopId = devices->data(index, DeviceListModel::DeviceIdRole).toInt();
            }
            return laptopId >= 0;
        }(),
        10000);
    settings->removeDevice(laptopId);
    settings->refreshDevices();
    QTRY_COMPARE_WITH_TIMEOUT(settings->devices()->rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(changes->history().size(), 2, 10000);
    QVERIFY(!changes->history().front().toMap().value(QStringLiteral("added")).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(changeDialog->property("opened").toBool(), 5000);
    QMetaObject::invokeMethod(changeDialog, "accept");
}

void UiEndToEndTest::backupExportShowsTheRecoveryCode()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.lapisbackup"));
    auto *settings = session()->settings();
    settings->exportBackup(QUrl::fromLocalFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(!settings->backupRunning(), 30000);
    QVERIFY2(settings->errorText().isEmpty(), qPrintable(settings->errorText()));
    QVERIFY(!settings->backupRecoveryCode().isEmpty());
    QVERIFY(QFileInfo(path).size() > 0);
    QCOMPARE(settings->backupProgress(), 1.0);
    settings->forgetRecoveryCode();
    QVERIFY(settings->backupRecoveryCode().isEmpty());
}

void UiEndToEndTest::linkScreenQrDecodesToTheLink()
{
    auto linked = makeShell(m_linkedProfile.path());
    QVERIFY(linked->load());
    auto *newDevice = linked->session();
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::FirstRun, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!newDevice->relayCertificatePem().isEmpty(), 5000);
    newDevice->linkToAccount(m_relay.address(), QStringLiteral("second passphrase"));
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::Linking, 15000);
    QVERIFY(newDevice->linkUri().startsWith(QStringLiteral("lapis")));
    auto *qrImage = findItem(linked->window(), QStringLiteral("linkQr"));
    QVERIFY(qrImage);
    QTRY_COMPARE_WITH_TIMEOUT(qrImage->property("status").toInt(), 1, 5000);
    QTest::qWait(100);
    const auto decoded = decode::DecoderPool::shared().readQrCode(linked->window()->grabWindow()).result();
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    QCOMPARE(QString::fromStdString(decoded.value()), newDevice->linkUri());
    QCOMPARE(findItem(linked->window(), QStringLiteral("linkComparisonCode"))->property("text").toString(),
             newDevice->linkComparisonCode());
    screenshot(*linked, QStringLiteral("link-device"));

    // Alice's settings read the same link from the screen's picture dropped as an image file
    // (read by lapis-decoder), show the same code, and approve it.
    auto *settings = session()->settings();
    QTemporaryDir shots;
    const QString qrFile = shots.filePath(QStringLiteral("link-qr.png"));
    QVERIFY(linked->window()->grabWindow().save(qrFile));
    settings->readLinkImage(QUrl::fromLocalFile(qrFile));
    QTRY_COMPARE_WITH_TIMEOUT(settings->pendingLinkCode(), newDevice->linkComparisonCode(), 10000);
    settings->approveLink();
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::Ready, 30000);
    QCOMPARE(newDevice->account(), QStringLiteral("alice"));
    settings->refreshDevices();
    QTRY_COMPARE_WITH_TIMEOUT(settings->devices()->rowCount(), 2, 10000);
}

void UiEndToEndTest::passwordSignInAsksForTheCodeThenLinks()
{
    // Dave's account has a device (his lapis-cli profile): a new computer signs in with his
    // password, is asked for the code that device shows, and then is linked for the keys.
    CliProfile dave(m_relay);
    VERIFY_RUN(dave.registerAs(QStringLiteral("dave")));
    QTemporaryDir profile;
    auto shell = makeShell(profile.path());
    QVERIFY(shell->load());
    auto *newDevice = shell->session();
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::FirstRun, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!newDevice->relayCertificatePem().isEmpty(), 5000);
    findItem(shell->window(), QStringLiteral("firstRunTabs"))->setProperty("currentIndex", 2);
    QVERIFY(!shown(findItem(shell->window(), QStringLiteral("signInCodeField"))));

    QFile passwordFile(dave.passwordFile());
    QVERIFY(passwordFile.open(QIODevice::ReadOnly));
    const QString password = QString::fromUtf8(passwordFile.readAll()).trimmed();
    const QString deviceName = QStringLiteral("Office desktop");
    newDevice->signIn(m_relay.address(), QStringLiteral("dave"), password, QStringLiteral("office passphrase"),
                      deviceName, {});
    QTRY_VERIFY_WITH_TIMEOUT(newDevice->signInNeedsCode(), 15000);
    QVERIFY(!newDevice->busy());
    QVERIFY2(newDevice->errorText().isEmpty(), qPrintable(newDevice->errorText()));
    QCOMPARE(newDevice->state(), SessionController::State::FirstRun);
    QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(shell->window(), QStringLiteral("signInCodeField"))), 5000);
    QVERIFY(findItem(shell->window(), QStringLiteral("signInCodeHint"))
                ->property("text")
                .toString()
                .contains(QStringLiteral("six-digit")));
    screenshot(*shell, QStringLiteral("sign-in-code"));

    // Dave's device lists the request with its code: ID CODE DEVICE-NAME TIME.
    const auto listed = dave.run({QStringLiteral("sign-in-requests")});
    QVERIFY2(listed.exitCode == 0, qPrintable(test::describe(listed)));
    QString code;
    for (const auto &line : listed.lines())
        if (line.contains(deviceName))
            code = line.split(QLatin1Char(' ')).value(1);
    QVERIFY2(code.size() == 6, qPrintable(listed.out));
    newDevice->signIn(m_relay.address(), QStringLiteral("dave"), password, QStringLiteral("office passphrase"),
                      deviceName, code);
    // Signed in but without the account's keys: on to linking, approved from Dave's device.
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::Linking, 20000);
    QVERIFY(!newDevice->signInNeedsCode());
    QVERIFY(!newDevice->recommendTwoFactor());
    QVERIFY(newDevice->linkUri().startsWith(QStringLiteral("lapis")));
    QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(shell->window(), QStringLiteral("linkComparisonCode"))), 5000);
    VERIFY_RUN(dave.run({QStringLiteral("link-approve"), newDevice->linkUri(), QStringLiteral("--code"),
                         newDevice->linkComparisonCode()}));
    QTRY_COMPARE_WITH_TIMEOUT(newDevice->state(), SessionController::State::Ready, 20000);
    QCOMPARE(newDevice->account(), QStringLiteral("dave"));
}

void UiEndToEndTest::signedInButNotLinkedResumesLinkingAtStart()
{
    // A computer signed in to Eve's account with the code, then Lapis closed before linking
    // (here lapis-cli did the sign-in): the next start goes on with linking, not to an empty
    // main window without keys.
    CliProfile eve(m_relay);
    VERIFY_RUN(eve.registerAs(QStringLiteral("eve")));
    CliProfile desk(m_relay);
    QFile::remove(desk.passwordFile());
    QVERIFY(QFile::copy(eve.passwordFile(), desk.passwordFile()));
    const QStringList login{QStringLiteral("login"),           QStringLiteral("eve"),
                            QStringLiteral("--relay"),         m_relay.address(),
                            QStringLiteral("--relay-ca"),      m_relay.certificatePath(),
                            QStringLiteral("--password-file"), desk.passwordFile()};
    QVERIFY(desk.run(login).exitCode != 0);
    const auto listed = eve.run({QStringLiteral("sign-in-requests")});
    VERIFY_RUN(listed);
    const QString code = listed.lines().value(0).split(QLatin1Char(' ')).value(1);
    const auto signedIn = desk.run(login + QStringList{QStringLiteral("--device-code"), code});
    VERIFY_RUN(signedIn);
    QVERIFY2(signedIn.out.contains(QStringLiteral("no end-to-end keys yet")), qPrintable(signedIn.out));

    auto shell = makeShell(desk.dir());
    QVERIFY(shell->load());
    auto *session = shell->session();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Locked, 10000);
    QFile passphrase(desk.passphraseFile());
    QVERIFY(passphrase.open(QIODevice::ReadOnly));
    const QByteArray passphraseText = passphrase.readAll();
    session->unlock(QString::fromUtf8(passphraseText).trimmed());
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Linking, 20000);
    // Quitting on the link screen does not wait out the link's lifetime (minutes).
    QElapsedTimer quitting;
    quitting.start();
    shell.reset();
    QVERIFY2(quitting.elapsed() < 5000, qPrintable(QString::number(quitting.elapsed())));
    shell = makeShell(desk.dir());
    QVERIFY(shell->load());
    session = shell->session();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Locked, 10000);
    session->unlock(QString::fromUtf8(passphraseText).trimmed());
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Linking, 20000);
    QVERIFY(session->linkUri().startsWith(QStringLiteral("lapis")));
    VERIFY_RUN(eve.run(
        {QStringLiteral("link-approve"), session->linkUri(), QStringLiteral("--code"), session->linkComparisonCode()}));
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Ready, 20000);
    QCOMPARE(session->account(), QStringLiteral("eve"));
}

void UiEndToEndTest::downgradeBannerWhenABlueContactLosesItsDevices()
{
    session()->openConversation(QStringLiteral("bob"));
    QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
    QVERIFY(!conversation()->downgraded());
    QVERIFY(!shown(findItem(m_alice->window(), QStringLiteral("downgradeBanner"))));

    // The operator resets Bob's account: no device, no keys.
    QProcess reset;
    reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                   QStringLiteral("reset-account"), QStringLiteral("bob")});
    QVERIFY(reset.waitForFinished(30000));
    QVERIFY2(reset.exitCode() == 0, reset.readAllStandardError().constData());

    conversation()->refreshTrust();
    QTRY_VERIFY_WITH_TIMEOUT(conversation()->downgraded(), 10000);
    QVERIFY(!conversation()->endToEnd());
    QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(m_alice->window(), QStringLiteral("downgradeBanner"))), 5000);

    // Each plaintext message asks first; only the confirmed one is sent, green.
    QSignalSpy ask(conversation(), &ConversationController::plaintextConfirmationNeeded);
    QSignalSpy sent(conversation(), &ConversationController::sent);
    conversation()->send(QStringLiteral("Are you there?"));
    QCOMPARE(ask.count(), 1);
    QCOMPARE(sent.count(), 0);
    auto *confirm = findObject(m_alice->window()->contentItem(), QStringLiteral("plaintextConfirm"));
    QVERIFY(confirm);
    QTRY_VERIFY_WITH_TIMEOUT(confirm->property("opened").toBool(), 5000);
    screenshot(*m_alice, QStringLiteral("downgrade-banner"));
    QMetaObject::invokeMethod(confirm, "reject");
    QTRY_VERIFY_WITH_TIMEOUT(!confirm->property("visible").toBool(), 5000);
    QCOMPARE(sent.count(), 0);
    bool endToEnd = true;
    const auto id = sendAndWait(QStringLiteral("Are you there? (not encrypted)"), true, &endToEnd);
    QVERIFY(!id.isEmpty());
    QVERIFY(!endToEnd);
    QCOMPARE(bubbleColour(id), QColor(QStringLiteral("#23803d")));
    screenshot(*m_alice, QStringLiteral("conversation-blue-green"));

    // A reaction asks too: declined, nothing goes; confirmed, it is sent and stored.
    QSignalSpy askReaction(conversation(), &ConversationController::plaintextReactionConfirmationNeeded);
    QSignalSpy reacted(conversation(), &ConversationController::reacted);
    conversation()->react(id, QStringLiteral("👍"));
    QCOMPARE(askReaction.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(confirm->property("opened").toBool(), 5000);
    QMetaObject::invokeMethod(confirm, "reject");
    QTRY_VERIFY_WITH_TIMEOUT(!confirm->property("visible").toBool(), 5000);
    QTest::qWait(200);
    QCOMPARE(reacted.count(), 0);
    conversation()->react(id, QStringLiteral("👍"));
    QTRY_VERIFY_WITH_TIMEOUT(confirm->property("opened").toBool(), 5000);
    QMetaObject::invokeMethod(confirm, "accept");
    QTRY_COMPARE_WITH_TIMEOUT(reacted.count(), 1, 10000);
    QVERIFY2(conversation()->errorText().isEmpty(), qPrintable(conversation()->errorText()));
}

void UiEndToEndTest::changedKeyBlocksUntilAccepted()
{
    // Bob signs in again after the reset: a new account key. Alice's conversation is blocked
    // (no composer) until she accepts it.
    CliProfile bobAgain(m_relay);
    VERIFY_RUN(bobAgain.run({QStringLiteral("login"), QStringLiteral("bob"), QStringLiteral("--relay"),
                             m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                             QStringLiteral("--password-file"), bobAgain.passwordFile()}));
    conversation()->refreshTrust();
    QTRY_VERIFY_WITH_TIMEOUT(conversation()->keyChanged(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(m_alice->window(), QStringLiteral("keyChangedBlock"))), 5000);
    QVERIFY(!shown(findItem(m_alice->window(), QStringLiteral("composer"))));
    QSignalSpy sent(conversation(), &ConversationController::sent);
    conversation()->send(QStringLiteral("blocked"), true);
    QCOMPARE(sent.count(), 0);
    QVERIFY(!conversation()->errorText().isEmpty());
    screenshot(*m_alice, QStringLiteral("key-changed"));
    conversation()->acceptNewKey();
    QTRY_VERIFY_WITH_TIMEOUT(!conversation()->keyChanged(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(conversation()->endToEnd(), 10000);
    QVERIFY(!conversation()->verified());
    QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(m_alice->window(), QStringLiteral("composer"))), 5000);
}

void UiEndToEndTest::storeProtectionSwitchRunsOnTheWorker()
{
    auto *settings = session()->settings();
    QTRY_VERIFY_WITH_TIMEOUT(settings->usesPassphrase(), 5000);
    auto *dialog = findObject(m_alice->window()->contentItem(), QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    dialog->setProperty("currentTab", 1);
    QMetaObject::invokeMethod(dialog, "open");
    auto *toKeychain = findItem(m_alice->window(), QStringLiteral("useKeychainForm"));
    auto *toPassphrase = findItem(m_alice->window(), QStringLiteral("usePassphraseForm"));
    QVERIFY(toKeychain && toPassphrase);
    QTRY_VERIFY_WITH_TIMEOUT(shown(toKeychain), 5000);
    QVERIFY(!shown(toPassphrase));

    // The GUI thread only hands the work over: busy at once, the answer comes later.
    settings->protectWithKeychain(QStringLiteral("not alice's passphrase"));
    QVERIFY(settings->busy());
    QTRY_VERIFY_WITH_TIMEOUT(!settings->busy(), 10000);
    QCOMPARE(settings->errorText(), QStringLiteral("The current passphrase is not right."));
    QVERIFY(settings->usesPassphrase());

    // Mismatched repetitions are refused before anything runs.
    settings->protectWithPassphrase(QStringLiteral("one passphrase"), QStringLiteral("another one"));
    QVERIFY(!settings->busy());
    QVERIFY(!settings->errorText().isEmpty());

    settings->protectWithKeychain(QStringLiteral("alice passphrase"));
    QTRY_VERIFY_WITH_TIMEOUT(!settings->busy(), 20000);
    if (settings->usesPassphrase()) {
        // No keychain here (CI): nothing changed and the message says why.
        QVERIFY2(settings->errorText().contains(QStringLiteral("passphrase still protects")),
                 qPrintable(settings->errorText()));
        QVERIFY(std::filesystem::exists(std::filesystem::path(m_aliceProfile.path().toStdString()) / "lapis.key"));
    } else {
        // A keychain answered: switch back so that the restart below finds the passphrase.
        QTRY_VERIFY_WITH_TIMEOUT(shown(toPassphrase), 5000);
        settings->protectWithPassphrase(QStringLiteral("alice passphrase"), QStringLiteral("alice passphrase"));
        QTRY_VERIFY_WITH_TIMEOUT(!settings->busy(), 20000);
        QVERIFY2(settings->usesPassphrase(), qPrintable(settings->errorText()));
    }
    settings->clearMessages();
    QMetaObject::invokeMethod(dialog, "close");
}

void UiEndToEndTest::unlockScreenAfterRestart()
{
    // The app starts again on Alice's passphrase-protected profile: it asks, refuses a wrong
    // passphrase, and opens with the right one (the KDF runs on the worker meanwhile).
    m_alice.reset();
    m_alice = makeShell(m_aliceProfile.path());
    QVERIFY(m_alice->load());
    QTRY_COMPARE_WITH_TIMEOUT(session()->state(), SessionController::State::Locked, 10000);
    QVERIFY(shown(findItem(m_alice->window(), QStringLiteral("unlockPassphrase"))));
    session()->unlock(QStringLiteral("not the passphrase"));
    QVERIFY(session()->busy());
    QTRY_VERIFY_WITH_TIMEOUT(!session()->busy(), 10000);
    QCOMPARE(session()->errorText(), QStringLiteral("That passphrase does not open this profile."));
    QCOMPARE(session()->state(), SessionController::State::Locked);
    session()->unlock(QStringLiteral("alice passphrase"));
    QTRY_COMPARE_WITH_TIMEOUT(session()->state(), SessionController::State::Ready, 10000);
    QCOMPARE(session()->account(), QStringLiteral("alice"));
    QTRY_VERIFY_WITH_TIMEOUT(session()->conversations()->rowCount() == 2, 5000);
}
