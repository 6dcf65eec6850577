// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <QByteArray>
#include <QImage>
#include <QSize>

#include <cstddef>
#include <cstdint>
#include <string>

namespace lapis::decode {

// The pipe protocol between the app and lapis-decoder (README.md, "Image decoding sandbox").
// Everything is little-endian. One request is answered by one reply; the decoder then waits for
// the next request or is replaced.
//
//   ready     (decoder, once, after its sandbox is on):  "LPDR"
//   request   (app):      "LPDQ" kind:u8 fitWidth:u32 fitHeight:u32 length:u32 bytes[length]
//                         (QrPixels: fitWidth × fitHeight are the frame's own size, and the bytes
//                         are its 8-bit grey pixels, rows without padding: length = w × h)
//   reply     (decoder):  status:u8 width:u32 height:u32 length:u32 bytes[length]
//
// Both sides check every header before reading its body: the decoder may be compromised, so the
// app treats a reply exactly as it would the image itself.
//
// Pixel region: where the app can make one (Linux), it starts the decoder with the argument
// PixelRegionArgument and a shared memory region of PixelRegionBytes inherited as descriptor
// PixelRegionDescriptor. The decoder maps it before its sandbox goes on, and a Pixels reply's
// body is then the first `length` bytes of the region instead of bytes on the pipe.

/// The largest picture the decoder produces or the app accepts.
inline constexpr int MaxDimension = 8192;
inline constexpr std::uint64_t MaxPixelBytes = 64ULL * 1024 * 1024;
/// The largest encoded image the app sends to be decoded.
inline constexpr std::uint32_t MaxEncodedBytes = 64U * 1024 * 1024;
/// The largest QR-code payload and refusal text a reply carries.
inline constexpr std::uint32_t MaxTextBytes = 64U * 1024;

inline constexpr std::size_t PixelRegionBytes = MaxPixelBytes;
inline constexpr int PixelRegionDescriptor = 3;
inline constexpr char PixelRegionArgument[] = "--pixel-region";

inline constexpr char ReadyMagic[] = "LPDR";
inline constexpr char RequestMagic[] = "LPDQ";
inline constexpr int ReadySize = 4;
inline constexpr int RequestHeaderSize = 4 + 1 + 4 + 4 + 4;
inline constexpr int ReplyHeaderSize = 1 + 4 + 4 + 4;

enum class RequestKind : std::uint8_t {
    Image = 1,  ///< RGBA8 pixels back, scaled to fit within fitWidth × fitHeight when they are set
    QrCode = 2, ///< the first QR code's payload back
    /// The same for raw 8-bit grey pixels (a camera frame: what the camera sees is chosen by
    /// whoever holds a picture up to it, so ZXing reads it in the decoder too)
    QrPixels = 3,
};

enum class ReplyStatus : std::uint8_t {
    Pixels = 1,  ///< width × height RGBA8 (non-premultiplied), rows without padding
    Text = 2,    ///< a QR code's payload
    Refused = 3, ///< the decoder declined (too large, unreadable, no code): a short reason
};

struct RequestHeader {
    RequestKind kind = RequestKind::Image;
    QSize fit;                ///< zero: the image's own size (up to the limits)
    std::uint32_t length = 0; ///< encoded bytes that follow
};

struct ReplyHeader {
    ReplyStatus status = ReplyStatus::Refused;
    int width = 0;
    int height = 0;
    std::uint32_t length = 0;
};

/// The request for `bytes` (at most MaxEncodedBytes; the caller checks).
QByteArray encodeRequest(RequestKind kind, QSize fit, const QByteArray &bytes);
/// The QrPixels request for `frame`, turned to grey here (pixels, not a format: nothing to
/// parse) and scaled down when it is larger than the limits.
QByteArray encodeQrPixelsRequest(const QImage &frame);
/// Checks a request header: magic, kind, fit within MaxDimension, length within MaxEncodedBytes;
/// for QrPixels, a frame size within the limits and a length of exactly width × height.
Result<RequestHeader> parseRequestHeader(const QByteArray &header);

QByteArray encodeReplyHeader(const ReplyHeader &header);
/// Checks a reply header against what was asked: pixels only for an image request, text only
/// for a QR request, dimensions and length within the limits and consistent with each other.
Result<ReplyHeader> parseReplyHeader(const QByteArray &header, RequestKind asked);

/// The picture a checked Pixels reply carries (`body` is exactly header.length bytes).
Result<QImage> imageFromReply(const ReplyHeader &header, const QByteArray &body);

/// A copy of the picture a checked Pixels reply left in the pixel region (`regionSize` bytes at
/// `region`): the region is reused for the next picture, and the decoder may still write to it.
Result<QImage> imageFromRegion(const ReplyHeader &header, const unsigned char *region, std::size_t regionSize);

/// The largest size within `fit` (when valid) with `size`'s aspect ratio, never larger than `size`.
QSize fittedSize(QSize size, QSize fit);

/// Whether `size` may be decoded at all: both sides within MaxDimension, pixels within MaxPixelBytes.
bool withinLimits(QSize size);

} // namespace lapis::decode
