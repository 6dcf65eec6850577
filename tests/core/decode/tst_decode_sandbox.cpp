// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-decoder as an attacker meets it: its sandbox is on (seccomp, no_new_privs, limits, no
// environment, no descriptors but its pipes); what an exploit inside it would try next (open,
// socket, fork, exec) is killed by the filter; a hang is cut off; hostile images end in a refusal
// within a second without growing the app; and the app carries on with the next image.
#include "HostileImages.h"

#include <lapis/decode/DecoderPool.h>
#include <lapis/decode/DecoderProcess.h>
#include <lapis/qr/QrCode.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QTest>

#include <csignal>

using namespace lapis;

namespace {
decode::DecoderSettings shipped()
{
    decode::DecoderSettings settings;
    settings.program = QStringLiteral(LAPIS_DECODER_BINARY);
    return settings;
}

decode::DecoderSettings withProbes()
{
    decode::DecoderSettings settings;
    settings.program = QStringLiteral(LAPIS_DECODER_PROBE_BINARY);
    return settings;
}

QByteArray procFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray lineStarting(const QByteArray &text, const QByteArray &prefix)
{
    for (const auto &line : text.split('\n'))
        if (line.startsWith(prefix))
            return line.simplified();
    return {};
}

qint64 residentKiB()
{
    const auto line = lineStarting(procFile(QCoreApplication::applicationPid(), "status"), "VmRSS:");
    return line.split(' ').value(1).toLongLong();
}

QByteArray probe(const char *what)
{
    return QByteArray("LAPIS-PROBE:") + what;
}
} // namespace

class TestDecodeSandbox : public QObject {
    Q_OBJECT
private slots:
    void sandboxIsOnBeforeTheFirstImage()
    {
        decode::DecoderProcess decoder(shipped());
        const auto started = decoder.start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        const auto pid = decoder.processId();
        QVERIFY(pid > 0);
        const auto status = procFile(pid, "status");
        QCOMPARE(lineStarting(status, "Seccomp:"), QByteArray("Seccomp: 2"));
        QCOMPARE(lineStarting(status, "NoNewPrivs:"), QByteArray("NoNewPrivs: 1"));
        // Every thread (Qt's image worker too), not only the main one.
        const auto threads =
            QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::Dirs);
        QVERIFY(!threads.isEmpty());
        for (const auto &thread : threads)
            QCOMPARE(lineStarting(procFile(pid, ("task/" + thread + "/status").toLatin1().constData()), "Seccomp:"),
                     QByteArray("Seccomp: 2"));
        const auto limits = procFile(pid, "limits");
        // 256 MiB for decoding, plus the 64 MiB pixel region it writes pictures into (mapped before
        // the limit was set).
        QCOMPARE(lineStarting(limits, "Max address space"), QByteArray("Max address space 335544320 335544320 bytes"));
        QCOMPARE(lineStarting(limits, "Max open files"), QByteArray("Max open files 3 3 files"));
        QCOMPARE(lineStarting(limits, "Max processes"), QByteArray("Max processes 0 0 processes"));
        const auto cpu = lineStarting(limits, "Max cpu time");
        QVERIFY2(!cpu.contains("unlimited"), cpu.constData());
        // Nothing but its two pipes (the region's descriptor was closed once mapped), and no
        // environment at all.
        const auto fds =
            QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
        QCOMPARE(fds, QStringList({QStringLiteral("0"), QStringLiteral("1")}));
        QCOMPARE(procFile(pid, "environ"), QByteArray());
    }

    void decodesOrdinaryImagesExactly()
    {
        decode::DecoderProcess decoder(shipped());
        const QImage picture = test::samplePicture(320, 200);
        const auto png = decoder.decodeImage(test::encoded(picture, "png"));
        QVERIFY2(png.ok(), png.ok() ? "" : png.error().message.c_str());
        QCOMPARE(png->convertToFormat(QImage::Format_RGB32), picture);
        const auto jpeg = decoder.decodeImage(test::encoded(picture, "jpeg", 90));
        QVERIFY(jpeg.ok());
        QCOMPARE(jpeg->size(), picture.size());
        // A thumbnail is decoded at the size asked for, keeping the aspect ratio.
        const auto thumbnail = decoder.decodeImage(test::encoded(picture, "jpeg", 90), QSize(100, 100));
        QVERIFY(thumbnail.ok());
        QCOMPARE(thumbnail->size(), QSize(100, 62));
        QCOMPARE(decoder.starts(), 1);
    }

    void theLargestAllowedPictureFitsInTheSandbox()
    {
        // 4096 × 4096 RGBA is the 64 MiB limit: decoded, converted and sent within 256 MiB.
        auto settings = shipped();
        settings.imageTimeout = std::chrono::milliseconds(20000);
        decode::DecoderProcess decoder(settings);
        QImage largest(4096, 4096, QImage::Format_RGB32);
        largest.fill(QColor(10, 120, 200));
        for (int y = 0; y < largest.height(); y += 64)
            std::fill_n(reinterpret_cast<QRgb *>(largest.scanLine(y)), largest.width(), qRgb(250, 250, 0));
        const auto decoded = decoder.decodeImage(test::encoded(largest, "png", 80)); // zlib level 1: quick
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        QCOMPARE(decoded->convertToFormat(QImage::Format_RGB32), largest);
        const auto over = decoder.decodeImage(test::encoded(QImage(4097, 4096, QImage::Format_Mono), "png"));
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, ErrorCode::Unsupported);
    }

    void readsQrCodesInsideTheSandbox()
    {
        decode::DecoderProcess decoder(shipped());
        const std::string uri = "lapis://link?v=1&relay=127.0.0.1:7443&addr=abc";
        const auto code = qr::encode(uri, 6);
        QVERIFY(code.ok());
        const auto text = decoder.readQrCode(test::encoded(*code, "png"));
        QVERIFY2(text.ok(), text.ok() ? "" : text.error().message.c_str());
        QCOMPARE(*text, uri);
        QVERIFY(!decoder.readQrCode(test::encoded(test::samplePicture(200, 200), "png")).ok());
    }

    void readsQrCodesInCameraFramesInsideTheSandbox()
    {
        // A camera frame: the code held up somewhere in a larger, coloured picture.
        const std::string uri = "lapis://link?v=1&relay=127.0.0.1:7443&addr=frame";
        const auto code = qr::encode(uri, 5);
        QVERIFY(code.ok());
        QImage frame(1280, 720, QImage::Format_ARGB32);
        frame.fill(QColor(90, 140, 60));
        {
            QPainter painter(&frame);
            painter.drawImage(QPoint(400, 150), *code);
        }
        decode::DecoderPool pool(shipped(), 1);
        const auto text = pool.readQrCode(frame).result();
        QVERIFY2(text.ok(), text.ok() ? "" : text.error().message.c_str());
        QCOMPARE(*text, uri);
        // No code, and a frame larger than the limits (scaled down before it is sent): refusals.
        QCOMPARE(pool.readQrCode(test::samplePicture(640, 480)).result().error().code, ErrorCode::NotFound);
        QImage huge(9000, 300, QImage::Format_Grayscale8);
        huge.fill(0);
        QCOMPARE(pool.readQrCode(huge).result().error().code, ErrorCode::NotFound);
        QCOMPARE(pool.processStarts(), 1);
    }

    void theEnvironmentDoesNotChooseTheDecoder()
    {
        // Issue 16, item 18: with the test's own choice cleared, the lookup is the shipped one
        // (beside the executable, then ../libexec/lapis/), whatever LAPIS_DECODER says.
        decode::setDefaultDecoderProgram({});
        qputenv("LAPIS_DECODER", QByteArray(LAPIS_DECODER_PROBE_BINARY));
        const QString program = decode::defaultDecoderProgram();
        qunsetenv("LAPIS_DECODER");
        decode::setDefaultDecoderProgram(QStringLiteral(LAPIS_DECODER_BINARY));
        const QString dir = QCoreApplication::applicationDirPath();
        QVERIFY2(program == dir + QStringLiteral("/lapis-decoder")
                     || program == QDir::cleanPath(dir + QStringLiteral("/../libexec/lapis/lapis-decoder")),
                 qPrintable(program));
    }

    void oversizedDimensionsAreRefusedFromTheHeaderBeforeDecoding()
    {
        // 8,193 × 16 grey pixels: small enough for Qt's own allocation limit, so only the check
        // of the declared size stops it before anything is decoded (the check after decoding
        // would refuse it too, but only once it had been decoded).
        decode::DecoderProcess decoder(shipped());
        QImage wide(8193, 16, QImage::Format_Grayscale8);
        wide.fill(128);
        const auto refused = decoder.decodeImage(test::encoded(wide, "png"));
        QVERIFY(!refused.ok());
        QVERIFY2(QByteArray::fromStdString(refused.error().message).contains("declared 8193x16"),
                 refused.error().message.c_str());
    }

    void forbiddenCallsAreKilledAndTheNextImageStillDecodes_data()
    {
        QTest::addColumn<QByteArray>("attempt");
        QTest::newRow("open a file") << QByteArray("open");
        QTest::newRow("make a socket") << QByteArray("socket");
        QTest::newRow("start a process (fork)") << QByteArray("fork");
        QTest::newRow("start a program (exec)") << QByteArray("exec");
    }

    void forbiddenCallsAreKilledAndTheNextImageStillDecodes()
    {
        QFETCH(QByteArray, attempt);
        decode::DecoderProcess decoder(withProbes());
        const auto refused = decoder.decodeImage(probe(attempt.constData()));
        QVERIFY(!refused.ok());
        QCOMPARE(decoder.lastCrashSignal(), SIGSYS);
        const auto next = decoder.decodeImage(test::encoded(test::samplePicture(64, 48), "png"));
        QVERIFY2(next.ok(), next.ok() ? "" : next.error().message.c_str());
        QCOMPARE(next->size(), QSize(64, 48));
        QCOMPARE(decoder.starts(), 2);
    }

    void aHangIsCutOffAtTheDeadline()
    {
        auto settings = withProbes();
        settings.imageTimeout = std::chrono::milliseconds(500);
        decode::DecoderProcess decoder(settings);
        QVERIFY(decoder.start().ok());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!decoder.decodeImage(probe("spin")).ok());
        QVERIFY2(timer.elapsed() < 1500, QByteArray::number(timer.elapsed()).constData());
        QVERIFY(decoder.decodeImage(test::encoded(test::samplePicture(32, 32), "png")).ok());
    }

    void hostileImagesEndInARefusalWithinASecond()
    {
        decode::DecoderPool pool(shipped(), 2);
        const auto ordinary = test::encoded(test::samplePicture(800, 600), "jpeg", 85);
        // Both threads' decoders started, and the app's own allocations settled, before measuring.
        for (int i = 0; i < 4; ++i) {
            const auto warm = pool.decodeImage(ordinary).result();
            QVERIFY2(warm.ok(), warm.ok() ? "" : warm.error().message.c_str());
        }
        const auto before = residentKiB();
        for (const auto &[name, bytes] : test::hostileImages()) {
            QElapsedTimer timer;
            timer.start();
            const auto result = pool.decodeImage(bytes).result();
            const auto ms = timer.elapsed();
            QVERIFY2(!result.ok(), name);
            qInfo("%s: %s in %lld ms", name, result.error().message.c_str(), static_cast<long long>(ms));
            QVERIFY2(ms < 1000, (QByteArray(name) + ": " + QByteArray::number(ms) + " ms").constData());
        }
        // The app decoded nothing: its memory did not grow by anything like an image.
        const auto grownKiB = residentKiB() - before;
        QVERIFY2(grownKiB < 4096, QByteArray::number(grownKiB).constData());
        QVERIFY(pool.decodeImage(ordinary).result().ok());
    }

    void poolReplacesDecodersAfterTheirShare()
    {
        auto settings = shipped();
        settings.imagesPerProcess = 2;
        decode::DecoderPool pool(settings, 1);
        const auto png = test::encoded(test::samplePicture(40, 30), "png");
        for (int i = 0; i < 5; ++i)
            QVERIFY(pool.decodeImage(png).result().ok());
        QCOMPARE(pool.processStarts(), 3);
    }

    void aMissingDecoderIsAnErrorNotACrash()
    {
        decode::DecoderSettings settings;
        settings.program = QStringLiteral("/nonexistent/lapis-decoder");
        decode::DecoderProcess decoder(settings);
        const auto result = decoder.decodeImage(test::encoded(test::samplePicture(8, 8), "png"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestDecodeSandbox)
#include "tst_decode_sandbox.moc"
