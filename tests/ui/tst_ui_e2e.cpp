// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app in-process (offscreen), through its view models and its rendered window, against
// a real lapis-relay; the other people are lapis-cli profiles. With LAPIS_SCREENSHOT_DIR set, each
// key screen is saved there as a PNG.
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
using test::CliProfile;
using test::findItem;
using test::findObject;
using test::shown;

namespace {} // namespace

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

    void screenshot(UiShell &shell, const QString &name)
    {
        const QString dir = qEnvironmentVariable("LAPIS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(150); // let asynchronous images and layouts settle
        const auto image = shell.window()->grabWindow();
        QVERIFY(image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

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
    void initTestCase()
    {
        // The app's settings (theme, language) go to a throwaway folder.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(m_relay.start());
        m_bob = std::make_unique<CliProfile>(m_relay);
        m_carol = std::make_unique<CliProfile>(m_relay);
        VERIFY_RUN(m_bob->registerAs(QStringLiteral("bob")));
        VERIFY_RUN(m_carol->registerAs(QStringLiteral("carol"), true));

        m_alice = makeShell(m_aliceProfile.path());
        QVERIFY(m_alice->load());
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), SessionController::State::FirstRun, 10000);
        // The embedded default relay is pre-filled and its certificate's fingerprint shown.
        QTRY_VERIFY_WITH_TIMEOUT(!session()->relayCertificateFingerprint().isEmpty(), 5000);
        QCOMPARE(findItem(m_alice->window(), QStringLiteral("relayField"))->property("text").toString(),
                 m_relay.address());
        QCOMPARE(session()->relayCertificateFingerprint().count(QLatin1Char(':')), 31);
        // Asking the relay itself over TLS shows the same certificate.
        const QString fromFile = session()->relayCertificateFingerprint();
        session()->fetchRelayCertificate(m_relay.address());
        QTRY_VERIFY_WITH_TIMEOUT(session()->relayCertificateSource().startsWith(QStringLiteral("from ")), 10000);
        QCOMPARE(session()->relayCertificateFingerprint(), fromFile);
        screenshot(*m_alice, QStringLiteral("first-run"));
    }

    void createAccountAndSendBlue()
    {
        session()->createAccount(m_relay.address(), QStringLiteral("alice"), QStringLiteral("relay password 123"),
                                 QStringLiteral("alice passphrase"));
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), SessionController::State::Ready, 30000);
        QCOMPARE(session()->account(), QStringLiteral("alice"));

        session()->openConversation(QStringLiteral("bob"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        QVERIFY(conversation()->endToEnd());
        // No session yet, and Bob's device offers an ML-KEM prekey: the first message can only
        // set up PQXDH, so the header says so before it is sent.
        QCOMPARE(findItem(m_alice->window(), QStringLiteral("encryptionStatus"))->property("text").toString(),
                 QStringLiteral("End-to-end encrypted, post-quantum"));

        bool endToEnd = false;
        const auto id = sendAndWait(QStringLiteral("Hello Bob, this is end to end"), false, &endToEnd);
        QVERIFY(!id.isEmpty());
        QVERIFY(endToEnd);
        QCOMPARE(bubbleColour(id), QColor(QStringLiteral("#1a62cc")));
        QCOMPARE(
            conversation()->messages()->get(conversation()->messages()->rowOf(id), QStringLiteral("endToEnd")).toBool(),
            true);

        // Bob gets it end to end, answers, and the answer appears live (the worker's listen loop).
        const auto got = m_bob->run(test::receiveJson(1));
        VERIFY_RUN(got);
        QVERIFY2(got.out.contains(QStringLiteral("Hello Bob, this is end to end")), qPrintable(got.out));
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("Hi Alice!")}));
        auto *messages = conversation()->messages();
        QTRY_VERIFY_WITH_TIMEOUT(messages->rowCount() > 0
                                     && messages->get(0, QStringLiteral("text")).toString()
                                            == QStringLiteral("Hi Alice!"),
                                 15000);
        QCOMPARE(messages->get(0, QStringLiteral("outgoing")).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(session()->conversations()->rowCount(), 1, 5000);
        // Alice's own message moves to delivered once Bob's device confirmed it.
        QTRY_VERIFY_WITH_TIMEOUT(messages->get(messages->rowOf(id), QStringLiteral("deliveryState")).toInt() >= 2,
                                 15000);
    }

    void plaintextContactIsGreen()
    {
        session()->openConversation(QStringLiteral("carol"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        QVERIFY(!conversation()->endToEnd());
        QCOMPARE(findItem(m_alice->window(), QStringLiteral("encryptionStatus"))->property("text").toString(),
                 QStringLiteral("Not encrypted: the relay can read these messages"));
        bool endToEnd = true;
        const auto id = sendAndWait(QStringLiteral("Hello Carol, the relay can read this"), false, &endToEnd);
        QVERIFY(!id.isEmpty());
        QVERIFY(!endToEnd);
        QCOMPARE(bubbleColour(id), QColor(QStringLiteral("#23803d")));
        QTRY_COMPARE_WITH_TIMEOUT(session()->conversations()->rowCount(), 2, 5000);
        const int carolRow = session()->conversations()->rowOfPeer(QStringLiteral("carol"));
        QCOMPARE(session()->conversations()->get(carolRow, QStringLiteral("endToEnd")).toBool(), false);
    }

    void droppedFileBecomesAnAttachmentMessage()
    {
        session()->openConversation(QStringLiteral("bob"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        QTemporaryDir files;
        const QString path = files.filePath(QStringLiteral("holiday-plans.bin"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray block(64 * 1024, '\0');
            for (int i = 0; i < 48; ++i) { // 3 MiB: many upload chunks, so progress in steps
                block.fill(static_cast<char>(i));
                f.write(block);
            }
        }
        auto *window = m_alice->window();
        QQuickItem *dropArea = findItem(window, QStringLiteral("conversationDropArea"));
        QVERIFY(shown(dropArea));
        const QPoint at = dropArea->mapToScene(QPointF(dropArea->width() / 2, dropArea->height() / 2)).toPoint();

        auto *chips = conversation()->attachments();
        std::vector<double> progress;
        connect(chips, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &) {
            progress.push_back(chips->get(from.row(), QStringLiteral("progress")).toDouble());
        });

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &drop);

        QTRY_COMPARE_WITH_TIMEOUT(chips->rowCount(), 1, 5000);
        QCOMPARE(chips->get(0, QStringLiteral("fileName")).toString(), QStringLiteral("holiday-plans.bin"));
        QTRY_COMPARE_WITH_TIMEOUT(chips->get(0, QStringLiteral("sendState")).toInt(),
                                  int(AttachmentQueueModel::State::Sent), 30000);
        QVERIFY(std::any_of(progress.begin(), progress.end(), [](double p) { return p > 0 && p < 1; }));
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        auto *messages = conversation()->messages();
        QTRY_VERIFY_WITH_TIMEOUT(messages->rowCount() > 0
                                     && messages->get(0, QStringLiteral("attachmentName")).toString()
                                            == QStringLiteral("holiday-plans.bin"),
                                 10000);

        // A link dragged from a browser is sent as text; image data (no file) as a PNG attachment.
        auto dropOn = [&](QMimeData &data) {
            QDragEnterEvent dragEnter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(window, &dragEnter);
            QDropEvent dropped(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(window, &dropped);
        };
        QMimeData link;
        link.setUrls({QUrl(QStringLiteral("https://example.org/holiday"))});
        dropOn(link);
        QTRY_VERIFY_WITH_TIMEOUT(messages->get(0, QStringLiteral("text")).toString()
                                     == QStringLiteral("https://example.org/holiday"),
                                 10000);
        QImage picture(64, 48, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        QByteArray png;
        {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(picture.save(&buffer, "PNG"));
        }
        QMimeData image;
        image.setData(QStringLiteral("image/png"), png);
        dropOn(image);
        QTRY_COMPARE_WITH_TIMEOUT(chips->rowCount(), 2, 5000);
        QVERIFY(chips->get(1, QStringLiteral("fileName")).toString().endsWith(QStringLiteral(".png")));
        QCOMPARE(chips->get(1, QStringLiteral("isImage")).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(chips->get(1, QStringLiteral("sendState")).toInt(),
                                  int(AttachmentQueueModel::State::Sent), 20000);

        const auto got = m_bob->run(test::receiveJson(1, 60));
        VERIFY_RUN(got);
        QVERIFY2(got.out.contains(QStringLiteral("https://example.org/holiday")), qPrintable(got.out));
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const auto sha = QCryptographicHash::hash(original.readAll(), QCryptographicHash::Sha256).toHex();
        QVERIFY2(got.out.contains(QString::fromLatin1(sha)), qPrintable(got.out));
    }

    void receivedPhotoShowsAndAHostileOneIsAPlaceholder()
    {
        // Bob sends a picture the decoder refuses, then a photo: the first costs one placeholder,
        // the photo shows as before, decoded by lapis-decoder from Alice's encrypted copy.
        session()->openConversation(QStringLiteral("bob"));
        QTemporaryDir files;
        const QString hostile = files.filePath(QStringLiteral("hostile.png"));
        const QString photo = files.filePath(QStringLiteral("photo.jpg"));
        QImage picture(320, 200, QImage::Format_RGB32);
        picture.fill(QColor(40, 120, 200));
        QVERIFY(picture.save(photo, "JPEG", 90));
        {
            QFile f(hostile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray noise(4096, '\0');
            for (int i = 0; i < noise.size(); ++i)
                noise[i] = static_cast<char>((i * 2654435761U) >> 13);
            f.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + noise);
        }
        VERIFY_RUN(m_bob->run({QStringLiteral("send-file"), QStringLiteral("alice"), hostile}));
        VERIFY_RUN(m_bob->run({QStringLiteral("send-file"), QStringLiteral("alice"), photo}));
        auto *window = m_alice->window();
        QQuickItem *placeholder = nullptr;
        QQuickItem *shownPhoto = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                placeholder = nullptr;
                shownPhoto = nullptr;
                std::vector<QQuickItem *> items{window->contentItem()};
                for (std::size_t i = 0; i < items.size(); ++i) {
                    const auto children = items[i]->childItems();
                    items.insert(items.end(), children.begin(), children.end());
                }
                for (auto *item : items) {
                    if (item->objectName() == QLatin1String("unsafeImagePlaceholder") && item->isVisible())
                        placeholder = item;
                    if (item->objectName() == QLatin1String("attachmentThumbnail") && item->isVisible()
                        && item->property("status").toInt() == 1
                        && qRound(item->implicitWidth()) == 280) // the photo, not the earlier 64 × 48 drop
                        shownPhoto = item;
                }
                return placeholder && shownPhoto;
            }(),
            20000);
        QCOMPARE(placeholder->property("text").toString(), QStringLiteral("This image could not be shown safely"));
        QCOMPARE(shownPhoto->property("sourceSize").toSize().width(), 280);
        QVERIFY(shownPhoto->property("source").toString().startsWith(QStringLiteral("image://untrusted/attachment/")));
        // The pixels on screen are the photo's colour.
        QTest::qWait(100);
        const QImage frame = window->grabWindow();
        const QPointF centre = shownPhoto->mapToScene(QPointF(shownPhoto->width() / 2, shownPhoto->height() / 2));
        const QColor seen = frame.pixelColor(centre.toPoint() * frame.devicePixelRatio());
        QVERIFY2(qAbs(seen.red() - 40) < 12 && qAbs(seen.green() - 120) < 12 && qAbs(seen.blue() - 200) < 12,
                 qPrintable(seen.name()));
        screenshot(*m_alice, QStringLiteral("received-photo"));
    }

    void safetyNumberInGroupsAndQr()
    {
        conversation()->loadSafetyNumber();
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->safetyNumberGroups().size(), 12, 10000);
        for (const auto &group : conversation()->safetyNumberGroups())
            QCOMPARE(group.size(), 5);
        auto *dialog = findObject(m_alice->window()->contentItem(), QStringLiteral("contactInfoDialog"));
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        auto *qrImage = findObject(m_alice->window()->contentItem(), QStringLiteral("safetyNumberQr"));
        QVERIFY(qrImage);
        QTRY_COMPARE_WITH_TIMEOUT(qrImage->property("status").toInt(), 1 /* Image.Ready */, 5000);
        QTest::qWait(300); // the popup's open transition
        const auto decoded = decode::DecoderPool::shared().readQrCode(m_alice->window()->grabWindow()).result();
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        QCOMPARE(QString::fromStdString(decoded.value()), conversation()->safetyNumber());
        screenshot(*m_alice, QStringLiteral("safety-number"));

        // Comparing (here: the scanned text of the other side) marks the contact verified.
        QSignalSpy verified(conversation(), &ConversationController::verificationFinished);
        QVERIFY(!conversation()->verifyScanned(QStringLiteral("12345")));
        QVERIFY(conversation()->verifyScanned(QString::fromStdString(decoded.value())));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->verified(), 5000);
        QMetaObject::invokeMethod(dialog, "close");
    }

    void twoFactorSettingsShowTheOtpauthCode()
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

    void signInRequestShowsItsCodeAndCanBeDenied()
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

    void approvedSignInIsToldAfterwards()
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

    void backupExportShowsTheRecoveryCode()
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

    void linkScreenQrDecodesToTheLink()
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

    void passwordSignInAsksForTheCodeThenLinks()
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

    void signedInButNotLinkedResumesLinkingAtStart()
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
        VERIFY_RUN(eve.run({QStringLiteral("link-approve"), session->linkUri(), QStringLiteral("--code"),
                            session->linkComparisonCode()}));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), SessionController::State::Ready, 20000);
        QCOMPARE(session->account(), QStringLiteral("eve"));
    }

    void downgradeBannerWhenABlueContactLosesItsDevices()
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

    void changedKeyBlocksUntilAccepted()
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

    void searchFindsMessagesInEveryConversation()
    {
        auto *field = findItem(m_alice->window(), QStringLiteral("searchField"));
        QVERIFY(field);
        field->setProperty("text", QStringLiteral("relay can read"));
        QTRY_VERIFY_WITH_TIMEOUT(!session()->searchResults().isEmpty(), 5000);
        const auto hit = session()->searchResults().front().toMap();
        QCOMPARE(hit.value(QStringLiteral("peer")).toString(), QStringLiteral("carol"));
        QVERIFY(hit.value(QStringLiteral("text")).toString().contains(QStringLiteral("relay can read")));
        auto *results = findItem(m_alice->window(), QStringLiteral("searchResults"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(results) && results->property("count").toInt() >= 1, 5000);

        // Clicking the hit opens its conversation at that message, highlighted for a moment.
        const QString id = hit.value(QStringLiteral("messageId")).toString();
        session()->openConversation(QStringLiteral("bob"));
        QQuickItem *first = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((first = findItem(m_alice->window(), QStringLiteral("searchHit_0"))) && shown(first),
                                 5000);
        const QPoint at = first->mapToScene(QPointF(first->width() / 2, first->height() / 2)).toPoint();
        QTest::mouseClick(m_alice->window(), Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->peer(), QStringLiteral("carol"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->messages()->rowOf(id) >= 0, 10000);
        QCOMPARE(conversation()->messages()->highlightedMessageId(), id);
        QQuickItem *bubble = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (bubble = findItem(m_alice->window(), QStringLiteral("bubble_") + id)) && shown(bubble), 5000);
        QVERIFY(bubble->property("highlighted").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!shown(results), 5000);
        QCOMPARE(field->property("text").toString(), QString());

        // Enter in the search field opens the first hit the same way.
        session()->openConversation(QStringLiteral("bob"));
        field->setProperty("text", QStringLiteral("relay can read"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(results) && results->property("count").toInt() >= 1, 5000);
        QMetaObject::invokeMethod(field, "forceActiveFocus");
        QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), 5000);
        QTest::keyClick(m_alice->window(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->peer(), QStringLiteral("carol"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->messages()->highlightedMessageId(), id, 10000);

        field->setProperty("text", QStringLiteral("relay can read"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(results), 5000);
        field->setProperty("text", QString());
        QTRY_VERIFY_WITH_TIMEOUT(session()->searchResults().isEmpty(), 5000);
        QVERIFY(!shown(results));
    }

    // Issue 21: the session with Bob was set up with PQXDH, and the lock header says so.
    void postQuantumSessionShowsInTheHeader()
    {
        // Bob's device is the one he signed in with after the reset: no session yet, but its bundle
        // offers an ML-KEM prekey, so the first message can only set up PQXDH.
        session()->openConversation(QStringLiteral("bob"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->postQuantum(), 10000);
        QCOMPARE(findItem(m_alice->window(), QStringLiteral("encryptionStatus"))->property("text").toString(),
                 QStringLiteral("End-to-end encrypted, post-quantum"));
        session()->openConversation(QStringLiteral("carol"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        QVERIFY(!conversation()->postQuantum());
    }

    void arabicMirrorsTheLayout()
    {
        auto *window = m_alice->window();
        auto *list = findItem(window, QStringLiteral("conversationList"));
        QVERIFY(list);
        const auto leftToRightX = list->mapToScene({0, 0}).x();
        QVERIFY(leftToRightX < window->width() / 2);
        session()->settings()->setLanguage(QStringLiteral("ar"));
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->rightToLeft(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(list->mapToScene({0, 0}).x() > window->width() / 2, 5000);
        // The strings are Arabic now.
        const auto status = findItem(window, QStringLiteral("encryptionStatus"))->property("text").toString();
        QVERIFY2(status != QStringLiteral("Not encrypted: the relay can read these messages") && !status.isEmpty(),
                 qPrintable(status));
        screenshot(*m_alice, QStringLiteral("conversation-arabic-rtl"));
        session()->settings()->setLanguage(QStringLiteral("en"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_alice->rightToLeft(), 5000);
    }

    void storeProtectionSwitchRunsOnTheWorker()
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

    void unlockScreenAfterRestart()
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

    void cleanupTestCase() { m_alice.reset(); }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-ui-test"));
    UiEndToEndTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_e2e.moc"
