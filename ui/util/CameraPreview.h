// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/CameraScanner.h"

#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace lapis::ui {

/// The camera's live picture while a CameraScanner looks for a QR code: the frames the scanner
/// already receives, drawn to fit (aspect kept, centred). Needs no Qt Multimedia QML module.
/// Without a frame (no camera, not scanning yet) it draws nothing and `hasFrame` is false.
class CameraPreview : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(lapis::ui::CameraScanner *scanner READ scanner WRITE setScanner NOTIFY scannerChanged)
    Q_PROPERTY(bool hasFrame READ hasFrame NOTIFY hasFrameChanged)
public:
    explicit CameraPreview(QQuickItem *parent = nullptr);

    [[nodiscard]] CameraScanner *scanner() const { return m_scanner; }
    void setScanner(CameraScanner *scanner);
    [[nodiscard]] bool hasFrame() const { return m_hasFrame; }

    void paint(QPainter *painter) override;

signals:
    void scannerChanged();
    void hasFrameChanged();

private:
    void onFrame();

    QPointer<CameraScanner> m_scanner;
    bool m_hasFrame = false;
};

} // namespace lapis::ui
