// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop end to end, part one: the first run, conversations blue and green, attachments and
// pictures, safety numbers, search, the post-quantum header, right-to-left (UiEndToEndTest.h).
#include "UiEndToEndTest.h"

void UiEndToEndTest::initTestCase()
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
    QCOMPARE(findItem(m_alice->window(), QStringLiteral("relayField"))->property("text").toString(), m_relay.address());
    QCOMPARE(session()->relayCertificateFingerprint().count(QLatin1Char(':')), 31);
    // Asking the relay itself over TLS shows the same certificate.
    const QString fromFile = session()->relayCertificateFingerprint();
    session()->fetchRelayCertificate(m_relay.address());
    QTRY_VERIFY_WITH_TIMEOUT(session()->relayCertificateSource().startsWith(QStringLiteral("from ")), 10000);
    QCOMPARE(session()->relayCertificateFingerprint(), fromFile);
    screenshot(*m_alice, QStringLiteral("first-run"));
}

void UiEndToEndTest::createAccountAndSendBlue()
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
                                 && messages->get(0, QStringLiteral("text")).toString() == QStringLiteral("Hi Alice!"),
                             15000);
    QCOMPARE(messages->get(0, QStringLiteral("outgoing")).toBool(), false);
    QTRY_COMPARE_WITH_TIMEOUT(session()->conversations()->rowCount(), 1, 5000);
    // Alice's own message moves to delivered once Bob's device confirmed it.
    QTRY_VERIFY_WITH_TIMEOUT(messages->get(messages->rowOf(id), QStringLiteral("deliveryState")).toInt() >= 2, 15000);
}

void UiEndToEndTest::plaintextContactIsGreen()
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

void UiEndToEndTest::droppedFileBecomesAnAttachmentMessage()
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
    QTRY_VERIFY_WITH_TIMEOUT(
        messages->get(0, QStringLiteral("text")).toString() == QStringLiteral("https://example.org/holiday"), 10000);
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

void UiEndToEndTest::receivedPhotoShowsAndAHostileOneIsAPlaceholder()
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

void UiEndToEndTest::safetyNumberInGroupsAndQr()
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

void UiEndToEndTest::searchFindsMessagesInEveryConversation()
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
    QTRY_VERIFY_WITH_TIMEOUT((bubble = findItem(m_alice->window(), QStringLiteral("bubble_") + id)) && shown(bubble),
                             5000);
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
void UiEndToEndTest::postQuantumSessionShowsInTheHeader()
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

void UiEndToEndTest::arabicMirrorsTheLayout()
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

void UiEndToEndTest::cleanupTestCase()
{
    m_alice.reset();
}

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-ui-test"));
    UiEndToEndTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
