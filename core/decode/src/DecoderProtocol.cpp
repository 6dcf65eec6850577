// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/decode/DecoderProtocol.h>

#include <QtEndian>

#include <cstring>

namespace lapis::decode {

namespace {
void appendU32(QByteArray &out, std::uint32_t value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

std::uint32_t u32At(const QByteArray &in, int offset)
{
    return qFromLittleEndian<std::uint32_t>(in.constData() + offset);
}
} // namespace

bool withinLimits(QSize size)
{
    if (size.width() <= 0 || size.height() <= 0 || size.width() > MaxDimension || size.height() > MaxDimension)
        return false;
    return static_cast<std::uint64_t>(size.width()) * static_cast<std::uint64_t>(size.height()) * 4 <= MaxPixelBytes;
}

Result<QImage> imageFromRegion(const ReplyHeader &header, const unsigned char *region, std::size_t regionSize)
{
    const auto bytes = static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height) * 4;
    if (header.status != ReplyStatus::Pixels || !region || header.length != bytes || bytes > regionSize)
        return fail(ErrorCode::Corrupt, "The decoder's picture does not match its dimensions");
    QImage image(header.width, header.height, QImage::Format_RGBA8888);
    if (image.isNull())
        return fail(ErrorCode::LimitExceeded, "Not enough memory for the picture");
    const auto rowBytes = static_cast<std::size_t>(header.width) * 4;
    if (static_cast<std::size_t>(image.bytesPerLine()) == rowBytes)
        std::memcpy(image.bits(), region, rowBytes * static_cast<std::size_t>(header.height));
    else
        for (int y = 0; y < header.height; ++y)
            std::memcpy(image.scanLine(y), region + rowBytes * static_cast<std::size_t>(y), rowBytes);
    return image;
}

QSize fittedSize(QSize size, QSize fit)
{
    if (fit.width() <= 0 && fit.height() <= 0)
        return size;
    const int boxWidth = fit.width() > 0 ? fit.width() : size.width();
    const int boxHeight = fit.height() > 0 ? fit.height() : size.height();
    if (size.width() <= boxWidth && size.height() <= boxHeight)
        return size;
    QSize scaled = size.scaled(boxWidth, boxHeight, Qt::KeepAspectRatio);
    return scaled.expandedTo(QSize(1, 1));
}

QByteArray encodeRequest(RequestKind kind, QSize fit, const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(RequestHeaderSize + bytes.size());
    out.append(RequestMagic, 4);
    out.append(static_cast<char>(kind));
    appendU32(out, static_cast<std::uint32_t>(qBound(0, fit.width(), MaxDimension)));
    appendU32(out, static_cast<std::uint32_t>(qBound(0, fit.height(), MaxDimension)));
    appendU32(out, static_cast<std::uint32_t>(bytes.size()));
    out.append(bytes);
    return out;
}

QByteArray encodeQrPixelsRequest(const QImage &frame)
{
    QImage grey = frame.convertToFormat(QImage::Format_Grayscale8);
    // ZXing needs no more than this to find a code that fills a fair part of the frame.
    constexpr int LargestEdge = 2048;
    if (grey.width() > LargestEdge || grey.height() > LargestEdge)
        grey = grey.scaled(LargestEdge, LargestEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (grey.isNull())
        return {};
    QByteArray pixels;
    pixels.reserve(static_cast<qsizetype>(grey.width()) * grey.height());
    for (int y = 0; y < grey.height(); ++y)
        pixels.append(reinterpret_cast<const char *>(grey.constScanLine(y)), grey.width());
    return encodeRequest(RequestKind::QrPixels, grey.size(), pixels);
}

Result<RequestHeader> parseRequestHeader(const QByteArray &header)
{
    if (header.size() != RequestHeaderSize || std::memcmp(header.constData(), RequestMagic, 4) != 0)
        return fail(ErrorCode::Corrupt, "Not a decoding request");
    RequestHeader out;
    const auto kind = static_cast<std::uint8_t>(header[4]);
    if (kind != static_cast<std::uint8_t>(RequestKind::Image) && kind != static_cast<std::uint8_t>(RequestKind::QrCode)
        && kind != static_cast<std::uint8_t>(RequestKind::QrPixels))
        return fail(ErrorCode::Unsupported, "Unknown request kind");
    out.kind = static_cast<RequestKind>(kind);
    const auto fitWidth = u32At(header, 5);
    const auto fitHeight = u32At(header, 9);
    if (fitWidth > MaxDimension || fitHeight > MaxDimension)
        return fail(ErrorCode::LimitExceeded, "The requested size is too large");
    out.fit = QSize(static_cast<int>(fitWidth), static_cast<int>(fitHeight));
    out.length = u32At(header, 13);
    if (out.length == 0 || out.length > MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image is empty or too large to decode");
    if (out.kind == RequestKind::QrPixels
        && (out.fit.width() <= 0 || out.fit.height() <= 0
            || static_cast<std::uint64_t>(out.length)
                   != static_cast<std::uint64_t>(fitWidth) * static_cast<std::uint64_t>(fitHeight)))
        return fail(ErrorCode::Corrupt, "The frame's pixels do not match its size");
    return out;
}

QByteArray encodeReplyHeader(const ReplyHeader &header)
{
    QByteArray out;
    out.reserve(ReplyHeaderSize);
    out.append(static_cast<char>(header.status));
    appendU32(out, static_cast<std::uint32_t>(header.width));
    appendU32(out, static_cast<std::uint32_t>(header.height));
    appendU32(out, header.length);
    return out;
}

Result<ReplyHeader> parseReplyHeader(const QByteArray &header, RequestKind asked)
{
    if (header.size() != ReplyHeaderSize)
        return fail(ErrorCode::Corrupt, "The decoder's reply is truncated");
    ReplyHeader out;
    const auto status = static_cast<std::uint8_t>(header[0]);
    const auto width = u32At(header, 1);
    const auto height = u32At(header, 5);
    out.length = u32At(header, 9);
    switch (status) {
    case static_cast<std::uint8_t>(ReplyStatus::Pixels): {
        if (asked != RequestKind::Image)
            return fail(ErrorCode::Corrupt, "The decoder sent pixels for a QR request");
        if (width > MaxDimension || height > MaxDimension)
            return fail(ErrorCode::LimitExceeded, "The decoder's picture is too large");
        const QSize size(static_cast<int>(width), static_cast<int>(height));
        if (!withinLimits(size))
            return fail(ErrorCode::LimitExceeded, "The decoder's picture is empty or too large");
        if (static_cast<std::uint64_t>(out.length) != static_cast<std::uint64_t>(width) * height * 4)
            return fail(ErrorCode::Corrupt, "The decoder's picture does not match its dimensions");
        out.status = ReplyStatus::Pixels;
        out.width = size.width();
        out.height = size.height();
        return out;
    }
    case static_cast<std::uint8_t>(ReplyStatus::Text):
        if (asked == RequestKind::Image)
            return fail(ErrorCode::Corrupt, "The decoder sent text for an image request");
        [[fallthrough]];
    case static_cast<std::uint8_t>(ReplyStatus::Refused):
        if (width != 0 || height != 0 || out.length > MaxTextBytes)
            return fail(ErrorCode::Corrupt, "The decoder's reply is malformed");
        out.status = static_cast<ReplyStatus>(status);
        return out;
    default:
        return fail(ErrorCode::Corrupt, "The decoder's reply is malformed");
    }
}

Result<QImage> imageFromReply(const ReplyHeader &header, const QByteArray &body)
{
    if (header.status != ReplyStatus::Pixels || static_cast<std::uint64_t>(body.size()) != header.length
        || static_cast<std::uint64_t>(body.size())
               != static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height) * 4)
        return fail(ErrorCode::Corrupt, "The decoder's picture does not match its dimensions");
    // The picture is the body itself (rows without padding are what QImage expects for 4-byte
    // pixels): no copy of up to 64 MiB; the image keeps the body alive.
    auto *kept = new QByteArray(body);
    QImage image(
        reinterpret_cast<const uchar *>(kept->constData()), header.width, header.height,
        static_cast<qsizetype>(header.width) * 4, QImage::Format_RGBA8888,
        [](void *data) { delete static_cast<QByteArray *>(data); }, kept);
    if (image.isNull()) {
        delete kept;
        return fail(ErrorCode::LimitExceeded, "Not enough memory for the picture");
    }
    return image;
}

} // namespace lapis::decode
