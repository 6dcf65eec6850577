// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <QByteArray>
#include <QString>

#include <string>

class QMimeData;

namespace lapis::ui {

// Images from outside (received, dropped, pasted, chosen) are decoded only in lapis-decoder
// (core/decode): these helpers get their encoded bytes there. The blocking ones run off the GUI
// thread (a QtConcurrent task, the engine's worker).

/// A file's bytes, up to the decoder's input limit (LimitExceeded beyond it).
Result<QByteArray> readImageFile(const QString &path);

/// The payload of the first QR code in an encoded image, read by the sandboxed decoder.
Result<std::string> readQrCode(const QByteArray &encoded);
Result<std::string> readQrCodeFromFile(const QString &path);

/// The encoded bytes of the first image format on a clipboard or drop (PNG, JPEG, GIF, WebP,
/// BMP), never decoded here; empty when there is none.
QByteArray encodedImageFrom(const QMimeData *mime);

} // namespace lapis::ui
