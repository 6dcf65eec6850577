// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrImageProvider.h"

#include <lapis/qr/QrCode.h>

#include <QUrl>

namespace lapis::ui {

QrImageProvider::QrImageProvider()
    : QQuickImageProvider(QQuickImageProvider::Image)
{}

QImage QrImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const auto text = QUrl::fromPercentEncoding(id.toUtf8()).toStdString();
    auto encoded = qr::encode(text, 8);
    if (!encoded.ok()) {
        if (size)
            *size = {};
        return {};
    }
    QImage image = std::move(encoded).value();
    if (requestedSize.isValid() && requestedSize.width() > 0 && requestedSize.height() > 0) {
        // Whole modules only: nearest-neighbour keeps the edges sharp for scanners.
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::FastTransformation);
    }
    if (size)
        *size = image.size();
    return image;
}

} // namespace lapis::ui
