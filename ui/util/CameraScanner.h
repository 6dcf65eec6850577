// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace lapis::ui {

/// Reads a QR code through the default camera (Qt Multimedia), where there is one: a few frames
/// a second go to the sandboxed decoder (pixels in, payload out) until one holds a code. Without a camera (or
/// without Qt Multimedia in the build) start() reports that, and the views offer images instead.
/// While scanning, the latest frame is kept for CameraPreview, so the user sees what the camera sees.
class CameraScanner : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged)
public:
    explicit CameraScanner(QObject *parent = nullptr);
    ~CameraScanner() override;

    [[nodiscard]] bool available() const;
    [[nodiscard]] bool scanning() const { return m_scanning; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    /// The camera's latest picture while scanning; null when there is none.
    [[nodiscard]] QImage frame() const { return m_frame; }
    /// Makes `image` the latest picture (each camera frame comes through here; stop() clears it).
    void setFrame(const QImage &image);

signals:
    void scanningChanged();
    /// frame() changed: the preview repaints.
    void frameChanged();
    /// A QR code was read; scanning has stopped.
    void decoded(const QString &text);
    void failed(const QString &message);

private:
    /// Reads a QR code in `frame` in the decoder; decoded() when there is one and we still scan.
    void readCode(const QImage &frame);

    struct Session;
    std::unique_ptr<Session> m_session;
    bool m_scanning = false;
    bool m_decoding = false;
    QImage m_frame;
};

} // namespace lapis::ui
