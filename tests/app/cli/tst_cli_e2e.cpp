// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli end to end through a real relay: what a script or a bot sees.
#include "../../core/decode/HostileImages.h"

#include <lapis/decode/DecoderProcess.h>
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/RelayClient.h>

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;
using lapis::test::readFile;
using lapis::test::receiveJson;

class TestCliEndToEnd : public lapis::test::CliTestCase {
    Q_OBJECT
public:
    // oneTimePrekeysAreToppedUp drains Bob's pool and draws again: above the relay's per-target
    // prekey limit (tst_transport_relay_limits tests that limit).
    TestCliEndToEnd()
        : CliTestCase({QStringLiteral("--rate-prekey-caller"), QStringLiteral("10000/10000"),
                       QStringLiteral("--rate-prekey-target"), QStringLiteral("10000/10000")})
    {}

private slots:
    void initTestCase() { QVERIFY(startAliceAndBob()); }

    void bothWaysEndToEnd()
    {
        const auto sent = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("hello bob")});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.startsWith(QStringLiteral("sent ")) && sent.out.contains(QStringLiteral(" e2e")),
                 qPrintable(sent.out));

        const auto got = m_bob->run(receiveJson(1));
        VERIFY_RUN(got);
        const auto messages = got.json();
        QVERIFY2(messages.size() == 1, qPrintable(describe(got)));
        QCOMPARE(messages[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(messages[0][QStringLiteral("text")].toString(), QStringLiteral("hello bob"));
        QCOMPARE(messages[0][QStringLiteral("e2e")].toBool(), true);
        QCOMPARE(messages[0][QStringLiteral("id")].toString(), sent.out.split(QLatin1Char(' '))[1]);
        QVERIFY(messages[0][QStringLiteral("device")].toInt() > 0);

        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("hi alice")}));
        const auto back = m_alice->run(receiveJson(1));
        VERIFY_RUN(back);
        QVERIFY2(back.json().size() == 1, qPrintable(describe(back)));
        QCOMPARE(back.json()[0][QStringLiteral("text")].toString(), QStringLiteral("hi alice"));

        // Both sessions were set up with PQXDH (issue 21): `devices` appends " pq" to its line.
        for (auto *who : {m_alice.get(), m_bob.get()}) {
            const auto devices = who->run(
                {QStringLiteral("devices"), who == m_alice.get() ? QStringLiteral("bob") : QStringLiteral("alice")});
            VERIFY_RUN(devices);
            const auto lines = devices.out.trimmed().split(QLatin1Char('\n'));
            QVERIFY2(lines.size() == 1 && lines[0].endsWith(QStringLiteral(" e2e pq")), qPrintable(devices.out));
        }
        const auto own = m_bob->run({QStringLiteral("devices")});
        VERIFY_RUN(own);
        QVERIFY2(own.out.trimmed().endsWith(QStringLiteral(" e2e pq")), qPrintable(own.out));

        // Bob's delivery receipt reached Alice: her message is delivered.
        const auto history = m_alice->run({QStringLiteral("history"), QStringLiteral("bob")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("hello bob (delivered)")), qPrintable(history.out));
        QVERIFY2(history.out.contains(QStringLiteral("hi alice")), qPrintable(history.out));

        // Bob reads it: his receipt turns Alice's message read; a second mark-read changes nothing.
        const auto read = m_bob->run({QStringLiteral("mark-read"), QStringLiteral("alice")});
        VERIFY_RUN(read);
        QCOMPARE(read.out.trimmed(), QStringLiteral("marked 1 read"));
        const auto again = m_bob->run({QStringLiteral("mark-read"), QStringLiteral("alice")});
        VERIFY_RUN(again);
        QCOMPARE(again.out.trimmed(), QStringLiteral("marked 0 read"));
        VERIFY_RUN(m_alice->run(lapis::test::receiveWaiting()));
        const auto afterRead = m_alice->run({QStringLiteral("history"), QStringLiteral("bob")});
        VERIFY_RUN(afterRead);
        QVERIFY2(afterRead.out.contains(QStringLiteral("hello bob (read)")), qPrintable(afterRead.out));
    }

    void offlineRecipientGetsEverythingInOrder()
    {
        for (int i = 1; i <= 3; ++i)
            VERIFY_RUN(
                m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("queued %1").arg(i)}));
        const auto got = m_bob->run(receiveJson(3));
        VERIFY_RUN(got);
        const auto messages = got.json();
        QVERIFY2(messages.size() == 3, qPrintable(describe(got)));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(messages[static_cast<std::size_t>(i)][QStringLiteral("text")].toString(),
                     QStringLiteral("queued %1").arg(i + 1));
        // Nothing comes twice.
        const auto again = m_bob->run(receiveJson(0));
        VERIFY_RUN(again);
        QVERIFY2(again.json().size() == 0, qPrintable(describe(again)));
    }

    void sendLinesSendsEachLineInOrder()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("lines.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("first line\r\n\nsecond line\nthird line");
        }
        const auto sent = m_alice->run({QStringLiteral("send-lines"), QStringLiteral("bob"), file});
        VERIFY_RUN(sent);
        const auto lines = sent.out.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines.size() == 3, qPrintable(describe(sent)));
        for (const auto &line : lines)
            QVERIFY2(line.startsWith(QStringLiteral("sent ")) && line.endsWith(QStringLiteral(" e2e")),
                     qPrintable(line));
        const auto got = m_bob->run(receiveJson(3));
        VERIFY_RUN(got);
        const auto messages = got.json();
        QVERIFY2(messages.size() == 3, qPrintable(describe(got)));
        const QStringList expected{QStringLiteral("first line"), QStringLiteral("second line"),
                                   QStringLiteral("third line")};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(messages[static_cast<std::size_t>(i)][QStringLiteral("text")].toString(), expected[i]);
            QCOMPARE(messages[static_cast<std::size_t>(i)][QStringLiteral("id")].toString(),
                     lines[i].split(QLatin1Char(' '))[1]);
        }
        // An empty file, or a missing one, sends nothing and says why.
        const QString empty = dir.filePath(QStringLiteral("empty.txt"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("\n\n");
        }
        const auto none = m_alice->run({QStringLiteral("send-lines"), QStringLiteral("bob"), empty});
        QVERIFY2(none.exitCode != 0 && none.err.contains(QStringLiteral("no line to send")),
                 qPrintable(describe(none)));
        const auto missing =
            m_alice->run({QStringLiteral("send-lines"), QStringLiteral("bob"), dir.filePath(QStringLiteral("nope"))});
        QVERIFY2(missing.exitCode != 0 && missing.err.contains(QStringLiteral("Cannot read")),
                 qPrintable(describe(missing)));
    }

    void searchFindsOldMessages()
    {
        for (int i = 1; i <= 3; ++i)
            VERIFY_RUN(
                m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("findable %1").arg(i)}));
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("something else")}));
        const auto got = m_bob->run(receiveJson(4));
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 4, qPrintable(describe(got)));
        const auto found = m_bob->run({QStringLiteral("search"), QStringLiteral("findable")});
        VERIFY_RUN(found);
        QCOMPARE(found.lines().size(), 3);
    }

    void plaintextAccountIsGreen()
    {
        auto bot = profile();
        VERIFY_RUN(bot->registerAs(QStringLiteral("bot"), true));
        const auto sent = m_alice->run({QStringLiteral("send"), QStringLiteral("bot"), QStringLiteral("hi bot")});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.contains(QStringLiteral(" plaintext")), qPrintable(sent.out));
        const auto got = bot->run(receiveJson(1));
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
        QCOMPARE(got.json()[0][QStringLiteral("e2e")].toBool(), false);
        QCOMPARE(got.json()[0][QStringLiteral("text")].toString(), QStringLiteral("hi bot"));

        VERIFY_RUN(bot->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("beep")}));
        const auto atAlice = m_alice->run(receiveJson(1));
        VERIFY_RUN(atAlice);
        QVERIFY2(atAlice.json().size() == 1, qPrintable(describe(atAlice)));
        QCOMPARE(atAlice.json()[0][QStringLiteral("e2e")].toBool(), false);
        QCOMPARE(atAlice.json()[0][QStringLiteral("from")].toString(), QStringLiteral("bot"));
    }

    void safetyNumbersMatch()
    {
        const auto a = m_alice->run({QStringLiteral("safety-number"), QStringLiteral("bob")});
        const auto b = m_bob->run({QStringLiteral("safety-number"), QStringLiteral("alice")});
        VERIFY_RUN(a);
        VERIFY_RUN(b);
        QCOMPARE(a.out, b.out);
        const auto groups = a.out.trimmed().split(QLatin1Char(' '));
        QCOMPARE(groups.size(), 12);
        for (const auto &g : groups)
            QCOMPARE(g.size(), 5);
    }

    void largeAttachmentArrivesByteIdentical()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("video.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray block(1024 * 1024, '\0');
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (int i = 0; i < 50; ++i) {
            for (int j = 0; j < block.size(); j += 64)
                block[j] = static_cast<char>(i * 31 + j);
            file.write(block);
            hash.addData(block);
        }
        file.close();
        VERIFY_RUN(m_alice->run({QStringLiteral("send-file"), QStringLiteral("bob"), path}));
        QTemporaryDir saveDir;
        const auto got = m_bob->run(receiveJson(1, 120) << QStringLiteral("--save-dir") << saveDir.path());
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
        const auto attachment = got.json()[0][QStringLiteral("attachment")].toObject();
        QCOMPARE(attachment[QStringLiteral("path")].toString(), saveDir.filePath(QStringLiteral("video.bin")));
        QCOMPARE(attachment[QStringLiteral("name")].toString(), QStringLiteral("video.bin"));
        QCOMPARE(attachment[QStringLiteral("size")].toInteger(), 50LL * 1024 * 1024);
        QCOMPARE(attachment[QStringLiteral("sha256")].toString(), QString::fromLatin1(hash.result().toHex()));
        QFile copy(attachment[QStringLiteral("path")].toString());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(copy.readAll(), QCryptographicHash::Sha256), hash.result());
    }

    void linkedDeviceGetsMessagesAndCopies()
    {
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("before the link")}));
        const auto before = m_bob->run(receiveJson(1));
        VERIFY_RUN(before);
        QVERIFY2(before.json().size() == 1, qPrintable(describe(before)));
        auto alice2 = profile();
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("link.png"));
        // The new device waits for approval: run it in the background and read its first lines.
        QProcess request;
        request.start(QStringLiteral(LAPIS_CLI_BINARY),
                      {QStringLiteral("--profile"), alice2->dir(), QStringLiteral("--passphrase-file"),
                       alice2->passphraseFile(), QStringLiteral("link-request"), QStringLiteral("--relay"),
                       m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                       QStringLiteral("--qr-png"), png});
        QVERIFY(request.waitForStarted());
        QByteArray printed;
        while (printed.count('\n') < 2 && request.waitForReadyRead(30000))
            printed += request.readAllStandardOutput();
        const auto lines = QString::fromUtf8(printed).split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 2, printed.constData());
        const QString uri = lines[0];
        QVERIFY(uri.startsWith(QStringLiteral("lapis://link?v=1&")));
        QVERIFY(lines[1].startsWith(QStringLiteral("code: ")));
        const QString code = lines[1].mid(6);

        // The QR code holds exactly the printed URI (read by the sandboxed decoder here too).
        QFile pngFile(png);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        lapis::decode::DecoderProcess decoder(lapis::decode::DecoderSettings{});
        const auto decoded = decoder.readQrCode(pngFile.readAll());
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        QCOMPARE(QString::fromStdString(*decoded), uri);

        // A wrong code sends nothing.
        const auto refused =
            m_alice->run({QStringLiteral("link-approve"), uri, QStringLiteral("--code"), QStringLiteral("000 000")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("codes differ")), qPrintable(refused.err));

        // lapis-cli reads the image through its own lapis-decoder (../libexec/lapis/ from it):
        // an environment variable naming another program is ignored (issue 16, item 18). Were it
        // honoured, /bin/false would be the decoder and no code would be read.
        qputenv("LAPIS_DECODER", "/bin/false");
        const auto approved = m_alice->run(
            {QStringLiteral("link-approve"), QStringLiteral("--qr-image"), png, QStringLiteral("--code"), code});
        qunsetenv("LAPIS_DECODER");
        VERIFY_RUN(approved);
        QVERIFY(approved.out.contains(QStringLiteral("code: ") + code));
        QVERIFY(request.waitForFinished(60000));
        QVERIFY2(request.exitCode() == 0, request.readAllStandardError().constData());

        // The new device has the history and the same safety number with Bob.
        const auto history = alice2->run({QStringLiteral("history"), QStringLiteral("bob")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("before the link")), qPrintable(history.out));
        QCOMPARE(alice2->run({QStringLiteral("safety-number"), QStringLiteral("bob")}).out,
                 m_alice->run({QStringLiteral("safety-number"), QStringLiteral("bob")}).out);

        // Bob's message reaches both of Alice's devices.
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("to both")}));
        for (auto *device : {m_alice.get(), alice2.get()}) {
            const auto got = device->run(receiveJson(1));
            VERIFY_RUN(got);
            QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
            QCOMPARE(got.json()[0][QStringLiteral("text")].toString(), QStringLiteral("to both"));
        }
        // What Alice sends shows on her other device as her own message to Bob.
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("from device one")}));
        const auto copy = alice2->run(receiveJson(1));
        VERIFY_RUN(copy);
        QVERIFY2(copy.json().size() == 1, qPrintable(describe(copy)));
        QCOMPARE(copy.json()[0][QStringLiteral("text")].toString(), QStringLiteral("from device one"));
        QCOMPARE(copy.json()[0][QStringLiteral("to")].toString(), QStringLiteral("bob"));
        const auto atBob = m_bob->run(receiveJson(1));
        VERIFY_RUN(atBob);
        QVERIFY2(atBob.json().size() == 1, qPrintable(describe(atBob)));
    }

    void linkApproveWithAHostileImageIsAClearRefusal()
    {
        // Whoever hands over the "QR code" chooses its bytes: each hostile picture ends in a
        // one-line refusal from the decoder, not a crash, and the profile is untouched.
        QTemporaryDir dir;
        auto images = lapis::test::hostileImages();
        images.emplace_back("a picture without a code",
                            lapis::test::encoded(lapis::test::samplePicture(320, 240), "png"));
        for (const auto &[name, bytes] : images) {
            const QString path = dir.filePath(QStringLiteral("hostile"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes);
            file.close();
            const auto refused = m_alice->run({QStringLiteral("link-approve"), QStringLiteral("--qr-image"), path});
            QVERIFY2(refused.exitCode > 0, name); // an exit code of its own, not a signal (-1)
            QVERIFY2(refused.err.contains(QStringLiteral("No QR code could be read from")), qPrintable(refused.err));
            QCOMPARE(refused.err.trimmed().count(QLatin1Char('\n')), 0);
        }
        VERIFY_RUN(m_alice->run({QStringLiteral("history"), QStringLiteral("bob")}));
    }

    void oneTimePrekeysAreToppedUp()
    {
        // Another user draws Bob's one-time prekeys from the relay until none is left...
        auto client = lapis::transport::RelayClient::create(
            {m_relay.address().toStdString(), readFile(m_relay.certificatePath()), {}});
        QVERIFY(client.ok());
        auto drainer = (*client)->registerAccount("prekey-drainer", "drainer password", "test");
        QVERIFY(drainer.ok());
        (*client)->setCredentials(drainer->credentials);
        bool exhausted = false;
        for (int i = 0; i < 200 && !exhausted; ++i) {
            auto bundles = (*client)->fetchPreKeyBundles("bob");
            QVERIFY2(bundles.ok(), bundles.ok() ? "" : bundles.error().message.c_str());
            QCOMPARE(bundles->bundles.size(), std::size_t{1});
            exhausted = !bundles->bundles[0].oneTimePreKey.has_value();
        }
        QVERIFY(exhausted);
        // ...and once Bob's device is online again, it publishes a fresh pool.
        VERIFY_RUN(m_bob->run(lapis::test::receiveWaiting()));
        auto after = (*client)->fetchPreKeyBundles("bob");
        QVERIFY(after.ok());
        QVERIFY(after->bundles[0].oneTimePreKey.has_value());
    }

    // On an account of its own (Carol): it resets the account.
    void changedAccountKeyIsHeldUntilAccepted()
    {
        auto carol = profile();
        VERIFY_RUN(carol->registerAs(QStringLiteral("carol")));
        const auto oldNumber = m_alice->run({QStringLiteral("safety-number"), QStringLiteral("carol")});
        VERIFY_RUN(oldNumber);
        // Carol lost every device: the operator resets the account and she signs in anew, with a new
        // account key (there is no device left to link from).
        QProcess reset;
        reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                       QStringLiteral("reset-account"), QStringLiteral("carol")});
        QVERIFY(reset.waitForFinished(30000));
        QCOMPARE(reset.exitCode(), 0);
        auto newCarol = profile();
        VERIFY_RUN(newCarol->run({QStringLiteral("login"), QStringLiteral("carol"), QStringLiteral("--relay"),
                                  m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                                  QStringLiteral("--password-file"), newCarol->passwordFile()}));

        // Carol's message under the new key is held, not shown, and Alice's sends are refused.
        VERIFY_RUN(
            newCarol->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("new key, same carol")}));
        const auto held = m_alice->run(receiveJson(0));
        VERIFY_RUN(held);
        QVERIFY2(held.json().empty(), qPrintable(describe(held)));
        const auto refused = m_alice->run({QStringLiteral("send"), QStringLiteral("carol"), QStringLiteral("hello?")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("safety number")), qPrintable(refused.err));

        // Alice compares and accepts: a new safety number, the held message, and sending again.
        const auto accepted = m_alice->run({QStringLiteral("accept-key"), QStringLiteral("carol")});
        VERIFY_RUN(accepted);
        QVERIFY(accepted.out != oldNumber.out);
        const auto released = m_alice->run(receiveJson(1));
        VERIFY_RUN(released);
        QVERIFY2(released.json().size() == 1, qPrintable(describe(released)));
        QCOMPARE(released.json()[0][QStringLiteral("text")].toString(), QStringLiteral("new key, same carol"));
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("carol"), QStringLiteral("welcome back")}));
        const auto atCarol = newCarol->run(receiveJson(1));
        VERIFY_RUN(atCarol);
        QVERIFY2(atCarol.json().size() == 1, qPrintable(describe(atCarol)));
        QCOMPARE(atCarol.json()[0][QStringLiteral("text")].toString(), QStringLiteral("welcome back"));
    }

    void badInputGetsOneLineReasons()
    {
        const auto noCommand = m_alice->run({});
        QVERIFY(noCommand.exitCode != 0);
        QCOMPARE(noCommand.err.trimmed().count(QLatin1Char('\n')), 0);
        const auto unknownUser =
            m_alice->run({QStringLiteral("send"), QStringLiteral("nobody-here"), QStringLiteral("x")});
        QVERIFY(unknownUser.exitCode != 0);
        QVERIFY(!unknownUser.err.trimmed().isEmpty());
        QCOMPARE(unknownUser.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(m_alice->run({QStringLiteral("send"), QStringLiteral("bob")}).exitCode != 0);
        for (const auto &count : {QStringLiteral("-1"), QStringLiteral("two"), QStringLiteral("2x")}) {
            const auto badCount = m_alice->run({QStringLiteral("receive"), QStringLiteral("--count"), count});
            QVERIFY2(badCount.exitCode != 0 && badCount.err.contains(QStringLiteral("--count")),
                     qPrintable(describe(badCount)));
        }
        // A wrong passphrase opens nothing and changes nothing.
        QTemporaryDir dir;
        QFile wrong(dir.filePath(QStringLiteral("wrong")));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        wrong.write("not the passphrase\n");
        wrong.close();
        QProcess process;
        process.start(QStringLiteral(LAPIS_CLI_BINARY),
                      {QStringLiteral("--profile"), m_alice->dir(), QStringLiteral("--passphrase-file"),
                       wrong.fileName(), QStringLiteral("history"), QStringLiteral("bob")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardError())
                    .contains(QStringLiteral("passphrase"), Qt::CaseInsensitive));
        VERIFY_RUN(m_alice->run({QStringLiteral("history"), QStringLiteral("bob")}));
    }
};

QTEST_GUILESS_MAIN(TestCliEndToEnd)
#include "tst_cli_e2e.moc"
