// SPDX-License-Identifier: GPL-3.0-or-later
#include "CameraScanner.h"

#include <lapis/decode/DecoderPool.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>

#ifdef LAPIS_HAVE_MULTIMEDIA
#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoSink>
#endif

namespace lapis::ui {

struct CameraScanner::Session {
#ifdef LAPIS_HAVE_MULTIMEDIA
    QCamera camera;
    QMediaCaptureSession capture;
    QVideoSink sink;
    QElapsedTimer sinceLastDecode;
    QElapsedTimer sinceLastPreview;
#endif
};

CameraScanner::CameraScanner(QObject *parent)
    : QObject(parent)
{}

CameraScanner::~CameraScanner() = default;

bool CameraScanner::available() const
{
#ifdef LAPIS_HAVE_MULTIMEDIA
    return !QMediaDevices::videoInputs().isEmpty();
#else
    return false;
#endif
}

void CameraScanner::start()
{
    if (m_scanning)
        return;
    if (!available()) {
        emit failed(tr("No camera was found. Choose or drop an image of the code instead."));
        return;
    }
#ifdef LAPIS_HAVE_MULTIMEDIA
    m_session = std::make_unique<Session>();
    m_session->capture.setCamera(&m_session->camera);
    m_session->capture.setVideoSink(&m_session->sink);
    m_session->sinceLastDecode.start();
    m_session->sinceLastPreview.start();
    connect(&m_session->sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        // The preview at up to 25 pictures a second: converting a frame costs a few milliseconds.
        if (!m_session || !frame.isValid() || m_session->sinceLastPreview.elapsed() < 40)
            return;
        m_session->sinceLastPreview.restart();
        const QImage image = frame.toImage();
        setFrame(image);
        // A few decodes a second, one at a time, never on the GUI thread.
        if (m_decoding || m_session->sinceLastDecode.elapsed() < 300)
            return;
        m_session->sinceLastDecode.restart();
        readCode(image);
    });
    connect(&m_session->camera, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &message) {
        stop();
        emit failed(tr("The camera could not be used: %1").arg(message));
    });
    m_session->camera.start();
    m_scanning = true;
    emit scanningChanged();
#endif
}

void CameraScanner::readCode(const QImage &frame)
{
    // Whoever holds a picture up to the camera chooses these pixels: ZXing reads them in the
    // sandboxed decoder (issue 22), never here.
    m_decoding = true;
    using Reading = Result<std::string>;
    auto *watcher = new QFutureWatcher<Reading>(this);
    connect(watcher, &QFutureWatcher<Reading>::finished, this, [this, watcher] {
        m_decoding = false;
        const Reading text = watcher->result();
        watcher->deleteLater();
        if (text.ok() && !text->empty() && m_scanning) {
            stop();
            emit decoded(QString::fromStdString(text.value()));
        }
    });
    watcher->setFuture(decode::DecoderPool::shared().readQrCode(frame));
}

void CameraScanner::setFrame(const QImage &image)
{
    if (image.isNull() && m_frame.isNull())
        return;
    m_frame = image;
    emit frameChanged();
}

void CameraScanner::stop()
{
    // A stopped camera shows nothing: no last picture lingers in the preview.
    setFrame({});
    if (!m_scanning)
        return;
    m_scanning = false;
    if (m_session) {
        // Deleted later: this may run inside one of the session's own signals.
        auto *session = m_session.release();
        QMetaObject::invokeMethod(
            this, [session] { delete session; }, Qt::QueuedConnection);
    }
    emit scanningChanged();
}

} // namespace lapis::ui
