// SPDX-License-Identifier: GPL-3.0-or-later
#include "CameraPreview.h"

#include <QPainter>

namespace lapis::ui {

CameraPreview::CameraPreview(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setOpaquePainting(false);
}

void CameraPreview::setScanner(CameraScanner *scanner)
{
    if (m_scanner == scanner)
        return;
    if (m_scanner)
        disconnect(m_scanner, nullptr, this, nullptr);
    m_scanner = scanner;
    if (m_scanner) {
        connect(m_scanner, &CameraScanner::frameChanged, this, &CameraPreview::onFrame);
        connect(m_scanner, &QObject::destroyed, this, [this] {
            m_scanner = nullptr;
            emit scannerChanged();
            onFrame();
        });
    }
    emit scannerChanged();
    onFrame();
}

void CameraPreview::onFrame()
{
    const bool has = m_scanner && !m_scanner->frame().isNull();
    if (has != m_hasFrame) {
        m_hasFrame = has;
        emit hasFrameChanged();
    }
    update();
}

void CameraPreview::paint(QPainter *painter)
{
    if (!m_scanner)
        return;
    const QImage frame = m_scanner->frame();
    if (frame.isNull() || width() <= 0 || height() <= 0)
        return;
    const QSizeF fitted = QSizeF(frame.size()).scaled(size(), Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter->drawImage(target, frame);
}

} // namespace lapis::ui
