// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/qr/QrCode.h>

#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>

using namespace lapis;

namespace {
const std::string LinkUri = "lapis://link?v=1&relay=127.0.0.1:7443&addr=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"
                            "&pub=q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k";
}

class TestQr : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        const auto image = qr::encode(LinkUri);
        QVERIFY(image.ok());
        const auto text = qr::decode(*image);
        QVERIFY2(text.ok(), text.ok() ? "" : text.error().message.c_str());
        QCOMPARE(*text, LinkUri);
    }

    void survivesScalingRotationAndSurroundings()
    {
        const auto image = *qr::encode(LinkUri, 4);
        // A "screenshot": the code, rotated and scaled, in the middle of a busy picture.
        QImage canvas(900, 700, QImage::Format_RGB32);
        canvas.fill(QColor(200, 220, 240));
        QPainter painter(&canvas);
        painter.setPen(Qt::darkGray);
        for (int i = 0; i < 40; ++i) {
            painter.drawLine(0, i * 17, 900, i * 17 + 40);
            painter.fillRect(10 + i * 7, 600 - i * 3, 12, 9, QColor(i * 5, 80, 120));
        }
        const QImage turned =
            image.transformed(QTransform().rotate(90)).scaled(image.width() * 3 / 2, image.height() * 3 / 2);
        painter.drawImage(300, 100, turned);
        painter.end();
        const auto text = qr::decode(canvas);
        QVERIFY(text.ok());
        QCOMPARE(*text, LinkUri);
    }

    void decodedIndependentlyByZbar()
    {
        const QString zbar = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
        if (zbar.isEmpty())
            QSKIP("zbarimg is not installed (Debian package zbar-tools); packaging/install-deps.sh installs it");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("code.png"));
        QVERIFY(qr::writePng(LinkUri, path).ok());
        QProcess process;
        process.start(zbar, {QStringLiteral("-q"), QStringLiteral("--raw"), QStringLiteral("--nodbus"), path});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(), QString::fromStdString(LinkUri));
        QCOMPARE(*qr::decodeFile(path), LinkUri);
    }

    void errorsAreClear()
    {
        QImage blank(200, 200, QImage::Format_Grayscale8);
        blank.fill(255);
        QCOMPARE(qr::decode(blank).error().code, ErrorCode::NotFound);
        QCOMPARE(qr::decode(QImage()).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(qr::decodeFile(QStringLiteral("/nonexistent/code.png")).error().code, ErrorCode::Io);
        QCOMPARE(qr::encode(std::string(3000, 'x')).error().code, ErrorCode::LimitExceeded);
        QTemporaryDir dir;
        const QString notAnImage = dir.filePath(QStringLiteral("x.png"));
        QFile f(notAnImage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a png");
        f.close();
        QCOMPARE(qr::decodeFile(notAnImage).error().code, ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestQr)
#include "tst_qr.moc"
