// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QQuickImageProvider>

namespace lapis::ui {

/// "image://qr/<percent-encoded text>": the text as a QR code (core/qr), for link addresses,
/// otpauth URIs and safety numbers. Images using it should be `asynchronous` so that encoding
/// never runs on the GUI thread.
class QrImageProvider : public QQuickImageProvider {
public:
    QrImageProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
};

} // namespace lapis::ui
