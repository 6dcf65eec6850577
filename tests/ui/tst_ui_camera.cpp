// SPDX-License-Identifier: GPL-3.0-or-later
// The camera scanner and its live preview (offscreen). This machine has no camera: the no-camera
// path is the real one here; the preview is fed a picture through the scanner's frame path (the
// one every camera frame takes) and drawn into a real Qt Quick window.
#include "util/CameraPreview.h"
#include "util/CameraScanner.h"

#include <QColor>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace lapis::ui;

class CameraTest : public QObject {
    Q_OBJECT

private slots:
    void withoutACameraStartSaysSoAndShowsNothing()
    {
        CameraScanner scanner;
        if (scanner.available())
            QSKIP("This machine has a camera: the no-camera path cannot be checked here");
        QSignalSpy failed(&scanner, &CameraScanner::failed);
        QSignalSpy scanning(&scanner, &CameraScanner::scanningChanged);
        QSignalSpy frames(&scanner, &CameraScanner::frameChanged);
        scanner.start();
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("No camera was found")));
        QVERIFY(!scanner.scanning());
        QCOMPARE(scanning.count(), 0);
        QCOMPARE(frames.count(), 0);
        QVERIFY(scanner.frame().isNull());
        scanner.stop(); // harmless when nothing runs
        QVERIFY(!scanner.scanning());
    }

    void previewDrawsTheLatestFrameToFit()
    {
        CameraScanner scanner;
        QQuickWindow window;
        window.resize(400, 300);
        window.setColor(Qt::white);
        auto *preview = new CameraPreview(window.contentItem());
        preview->setSize(QSizeF(400, 300));
        QSignalSpy hasFrame(preview, &CameraPreview::hasFrameChanged);
        preview->setScanner(&scanner);
        QVERIFY(!preview->hasFrame());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Nothing to show: the window's own background.
        QCOMPARE(window.grabWindow().pixelColor(200, 150), QColor(Qt::white));

        // A 4:3 picture, red on the left half and blue on the right, fits the 4:3 item exactly.
        QImage picture(160, 120, QImage::Format_RGB32);
        picture.fill(Qt::red);
        for (int y = 0; y < picture.height(); ++y)
            for (int x = picture.width() / 2; x < picture.width(); ++x)
                picture.setPixelColor(x, y, Qt::blue);
        scanner.setFrame(picture);
        QTRY_VERIFY(preview->hasFrame());
        QCOMPARE(hasFrame.count(), 1);
        QImage shot;
        QTRY_VERIFY((shot = window.grabWindow()).pixelColor(100, 150) == QColor(Qt::red));
        QCOMPARE(shot.pixelColor(300, 150), QColor(Qt::blue));

        // A wide picture keeps its shape: bands above and below stay empty.
        QImage wide(320, 60, QImage::Format_RGB32);
        wide.fill(Qt::green);
        scanner.setFrame(wide);
        QTRY_VERIFY((shot = window.grabWindow()).pixelColor(200, 150) == QColor(Qt::green));
        QCOMPARE(shot.pixelColor(200, 20), QColor(Qt::white));
        QCOMPARE(shot.pixelColor(200, 280), QColor(Qt::white));

        // Stopping clears the picture: no last frame lingers.
        scanner.stop();
        QTRY_VERIFY(!preview->hasFrame());
        QTRY_COMPARE(window.grabWindow().pixelColor(200, 150), QColor(Qt::white));
        QVERIFY(scanner.frame().isNull());

        // The scanner goes away first: the preview forgets it and draws nothing.
        auto gone = std::make_unique<CameraScanner>();
        preview->setScanner(gone.get());
        gone->setFrame(picture);
        QTRY_VERIFY(preview->hasFrame());
        gone.reset();
        QVERIFY(!preview->scanner());
        QVERIFY(!preview->hasFrame());
        window.grabWindow(); // paints without a scanner, without crashing
    }
};

QTEST_MAIN(CameraTest)

#include "tst_ui_camera.moc"
