// SPDX-License-Identifier: GPL-3.0-or-later
// A picture that takes over the decoder is a placeholder in the view, and the app carries on
// (issue 22). The shared pool here runs lapis-decoder-probe, the test-only build of the decoder
// that, given a probe instead of a picture, tries to open a file after its filter is on and is
// killed by SIGSYS (tst_decode_sandbox checks the signal); anything else it decodes as the
// shipped decoder does. The view is the app's own ImageViewer, fed by image://untrusted.
#include "../core/decode/HostileImages.h"
#include "util/UntrustedImageProvider.h"

#include <lapis/decode/DecoderPool.h>
#include <lapis/decode/DecoderProcess.h>

#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

extern void qml_register_types_Lapis_Ui();

using namespace lapis;

namespace {
QString untrustedFileSource(const QString &path)
{
    return QStringLiteral("image://untrusted/file/")
           + QString::fromLatin1(QUrl::toPercentEncoding(QUrl::fromLocalFile(path).toString()));
}

QQuickItem *visibleLabel(QQuickItem *root, const QString &text)
{
    if (!root)
        return nullptr;
    if (root->isVisible() && root->property("text").toString() == text)
        return root;
    for (auto *child : root->childItems())
        if (auto *found = visibleLabel(child, text))
            return found;
    return nullptr;
}

QQuickItem *imageShowing(QQuickItem *root, const QString &source)
{
    if (!root)
        return nullptr;
    if (root->property("source").toString() == source && root->property("status").toInt() == 1 /* Ready */)
        return root;
    for (auto *child : root->childItems())
        if (auto *found = imageShowing(child, source))
            return found;
    return nullptr;
}
} // namespace

class TestUntrustedCrash : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        static volatile auto keep = &qml_register_types_Lapis_Ui;
        (void)keep;
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        // Before the shared pool exists: its decoders are the probing build.
        decode::setDefaultDecoderProgram(QStringLiteral(LAPIS_DECODER_PROBE_BINARY));
        QVERIFY(m_files.isValid());
    }

    void aDecoderKilledBySigsysCostsOnePlaceholderAndTheNextPictureShows()
    {
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.addImageProvider(QStringLiteral("untrusted"), new ui::UntrustedImageProvider(nullptr));
        engine.loadData(R"(
            import QtQuick
            import QtQuick.Controls
            import Lapis.Ui
            ApplicationWindow {
                width: 400; height: 300; visible: true
                property alias viewer: viewer
                ImageViewer { id: viewer }
            })");
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *viewer = window->property("viewer").value<QObject *>();
        QVERIFY(viewer);
        const QString placeholderText = QStringLiteral("This image could not be shown safely");

        // The "picture" makes the decoder try to open a file: the filter kills it.
        const QString hostile = writeFile(QStringLiteral("hostile.png"), "LAPIS-PROBE:open");
        const int startsBefore = decode::DecoderPool::shared().processStarts();
        // What the view hears is the decoder's death, not a refusal of a picture.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("The image decoder stopped")));
        QMetaObject::invokeMethod(viewer, "show", Q_ARG(QVariant, untrustedFileSource(hostile)),
                                  Q_ARG(QVariant, QVariant()));
        QTRY_VERIFY_WITH_TIMEOUT(visibleLabel(window->contentItem(), placeholderText), 10000);

        // The app is still here, and the next picture shows, decoded by a fresh decoder.
        const QString photo =
            writeFile(QStringLiteral("photo.png"), test::encoded(test::samplePicture(160, 120), "png"));
        const QString photoSource = untrustedFileSource(photo);
        QMetaObject::invokeMethod(viewer, "show", Q_ARG(QVariant, photoSource), Q_ARG(QVariant, QVariant()));
        QTRY_VERIFY_WITH_TIMEOUT(imageShowing(window->contentItem(), photoSource), 10000);
        QVERIFY(!visibleLabel(window->contentItem(), placeholderText));
        QVERIFY2(decode::DecoderPool::shared().processStarts() >= startsBefore + 2,
                 "the crashed decoder was replaced by a new one");
    }

private:
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_files.filePath(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return file.fileName();
    }

    QTemporaryDir m_files;
};

QTEST_MAIN(TestUntrustedCrash)
#include "tst_ui_untrusted_crash.moc"
