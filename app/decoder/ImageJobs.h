// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/decode/DecoderProtocol.h>

#include <QByteArray>
#include <QImage>
#include <QSize>

namespace lapis::decoder {

/// A reply ready to write: header and body (text, or the pixels' rows, written straight from
/// the picture so that no second copy of it is made).
struct Reply {
    decode::ReplyHeader header;
    QByteArray body;
    QImage pixels;         ///< RGBA8888 for a Pixels reply without a pixel region
    bool inRegion = false; ///< the Pixels reply's body is in the pixel region, not to be written
};

/// Loads Qt's image plugins and runs every decoder once, so that nothing is opened or loaded
/// after the sandbox is on (into the pixel `region` too, when there is one).
void warmUp(unsigned char *region);

/// Decodes `encoded` (PNG, JPEG, GIF's first frame, WebP, BMP) to RGBA8 within the limits,
/// scaled to fit within `fit` when it is valid. The dimensions are checked from the header
/// before anything is decoded. With a pixel `region` (decode::PixelRegionBytes), the picture is
/// decoded straight into it where Qt's plugin allows, else copied there.
Reply decodeImage(const QByteArray &encoded, QSize fit, unsigned char *region);

/// The payload of the first QR code in `encoded`.
Reply readQrCode(const QByteArray &encoded);

/// The payload of the first QR code in a frame of 8-bit grey pixels of `size` (rows without
/// padding; the request header checked that `pixels` holds exactly that many).
Reply readQrCodeFromPixels(const QByteArray &pixels, QSize size);

} // namespace lapis::decoder
