// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <QImage>
#include <QString>

#include <string>
#include <string_view>

namespace lapis::qr {

/// Renders `text` as a QR code (error correction level M, byte mode) with the 4-module quiet zone
/// that scanners need, each module `moduleSize` pixels wide. Text too long for a QR code is
/// LimitExceeded.
Result<QImage> encode(std::string_view text, int moduleSize = 8);

/// encode() written as a PNG file.
Result<void> writePng(std::string_view text, const QString &path, int moduleSize = 8);

/// The text of the QR code in `image` (a photo, a screenshot or a rendered code; any size or
/// rotation ZXing copes with). No code found is NotFound, with a message that says so.
/// ZXing runs in the calling process: pictures from outside reach it only inside lapis-decoder
/// (core/decode's DecoderPool::readQrCode, issue 22), never in the app or lapis-cli.
Result<std::string> decode(const QImage &image);

/// decode() of an image file (PNG, JPEG, ...), decoded in the calling process: for files the
/// program made itself, never for one from outside. An unreadable file is Io.
Result<std::string> decodeFile(const QString &path);

} // namespace lapis::qr
