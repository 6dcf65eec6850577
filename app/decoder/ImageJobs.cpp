// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageJobs.h"

#include <lapis/qr/QrCode.h>

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QThreadPool>

#include <cstring>

namespace lapis::decoder {

namespace {
using decode::ReplyStatus;

/// Only these formats are decoded at all: every other plugin Qt has (TIFF, SVG, TGA, ...) is
/// attack surface nobody sends pictures in.
bool allowedFormat(const QByteArray &format)
{
    static const QByteArray allowed[] = {"png", "jpeg", "jpg", "gif", "webp", "bmp"};
    for (const auto &name : allowed)
        if (format == name)
            return true;
    return false;
}

Reply refuse(const QString &why)
{
    Reply reply;
    reply.body = why.toUtf8().left(static_cast<qsizetype>(decode::MaxTextBytes));
    reply.header.status = ReplyStatus::Refused;
    reply.header.length = static_cast<std::uint32_t>(reply.body.size());
    return reply;
}

bool nativeRgb32(QImage::Format format)
{
    return Q_BYTE_ORDER == Q_LITTLE_ENDIAN && (format == QImage::Format_RGB32 || format == QImage::Format_ARGB32);
}

/// 0xAARRGGBB (RGB32's alpha is 0xff already) becomes bytes R, G, B, A; `to` may be `from`.
void swapRedAndBlue(const quint32 *from, quint32 *to, qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i) {
        const quint32 v = from[i];
        to[i] = (v & 0xff00ff00U) | ((v >> 16) & 0xffU) | ((v & 0xffU) << 16);
    }
}

/// The image in `encoded`, or why not. `fit` as for decodeImage. With a `region`, a plugin that
/// decodes to Qt's 32-bit formats at the target size writes straight into it (no picture-sized
/// allocation, whose first touch of each page is what costs most).
QImage readChecked(const QByteArray &encoded, QSize fit, unsigned char *region, QString &why)
{
    QByteArray data = encoded;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    // Qt's own allocation cap too, in MiB, in case a plugin's size() and read() disagree.
    reader.setAllocationLimit(static_cast<int>(decode::MaxPixelBytes / (1024 * 1024)));
    if (!allowedFormat(reader.format())) {
        why = QStringLiteral("unsupported format");
        return {};
    }
    const QSize declared = reader.size();
    if (!declared.isValid()) {
        why = QStringLiteral("the dimensions are unknown");
        return {};
    }
    if (!decode::withinLimits(declared)) {
        why = QStringLiteral("declared %1x%2, over the limits").arg(declared.width()).arg(declared.height());
        return {};
    }
    const QSize target = decode::fittedSize(declared, fit);
    if (target != declared)
        reader.setScaledSize(target);
    QImage image;
    if (region && nativeRgb32(reader.imageFormat()))
        image = QImage(region, target.width(), target.height(), static_cast<qsizetype>(target.width()) * 4,
                       reader.imageFormat());
    if (!reader.read(&image) || image.isNull()) {
        why = reader.errorString();
        return {};
    }
    if (!decode::withinLimits(image.size())) {
        why = QStringLiteral("decoded beyond the limits");
        return {};
    }
    return image;
}

/// The picture as RGBA8888. Qt's general conversion from its 32-bit formats costs as much as
/// decoding a JPEG; swapping red and blue in place is a tenth of that and needs no second copy
/// (the address space is small).
QImage toRgba8888(QImage image)
{
    if (!nativeRgb32(image.format()))
        return image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        swapRedAndBlue(line, line, image.width());
    }
    image.reinterpretAsFormat(QImage::Format_RGBA8888);
    return image;
}

/// The picture as RGBA8888 rows without padding at `region` (it fits: checked against the
/// limits). False when memory ran out.
bool placeInRegion(const QImage &image, unsigned char *region)
{
    const auto width = static_cast<qsizetype>(image.width());
    auto *out = reinterpret_cast<quint32 *>(region);
    if (nativeRgb32(image.format())) {
        // Decoded in place or not, one pass: red and blue swapped on the way.
        for (int y = 0; y < image.height(); ++y)
            swapRedAndBlue(reinterpret_cast<const quint32 *>(image.constScanLine(y)), out + width * y, width);
        return true;
    }
    const QImage converted = image.convertToFormat(QImage::Format_RGBA8888);
    if (converted.isNull())
        return false;
    for (int y = 0; y < converted.height(); ++y)
        std::memcpy(out + width * y, converted.constScanLine(y), static_cast<std::size_t>(width) * 4);
    return true;
}

QByteArray encodeSample(const char *format)
{
    QImage sample(16, 16, QImage::Format_RGB32);
    sample.fill(Qt::darkCyan);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.write(sample);
    return out;
}
} // namespace

void warmUp(unsigned char *region)
{
    // Qt converts and scales large images on its global thread pool. One worker, started now and
    // kept for the process's life, is covered by the filter (installed for every thread), and no
    // thread is ever created after it: the filter forbids that.
    QThreadPool::globalInstance()->setMaxThreadCount(1);
    QThreadPool::globalInstance()->setExpiryTimeout(-1);
    (void)QImage(1024, 512, QImage::Format_RGB32).convertToFormat(QImage::Format_RGBA8888);
    // Instantiates every image plugin (each is dlopen'ed now, not on first use).
    (void)QImageReader::supportedImageFormats();
    // A 1×1 GIF, and samples of the formats Qt can write: each decoder's first use (tables,
    // library initialisation) happens here.
    static const unsigned char gif[] = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00,
                                        0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
                                        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
    const QByteArray samples[] = {encodeSample("png"), encodeSample("jpeg"), encodeSample("webp"), encodeSample("bmp"),
                                  QByteArray(reinterpret_cast<const char *>(gif), sizeof gif)};
    for (const auto &sample : samples) {
        (void)decodeImage(sample, {}, region);
        (void)decodeImage(sample, QSize(8, 8), region);
    }
    (void)readQrCode(samples[0]);
}

Reply decodeImage(const QByteArray &encoded, QSize fit, unsigned char *region)
{
    QString why;
    QImage decoded = readChecked(encoded, fit, region, why);
    if (decoded.isNull())
        return refuse(why);
    Reply reply;
    reply.header.width = decoded.width();
    reply.header.height = decoded.height();
    if (region) {
        if (!placeInRegion(decoded, region))
            return refuse(QStringLiteral("not enough memory to convert the picture"));
        reply.inRegion = true;
    } else {
        reply.pixels = toRgba8888(std::move(decoded));
        if (reply.pixels.isNull())
            return refuse(QStringLiteral("not enough memory to convert the picture"));
    }
    reply.header.status = ReplyStatus::Pixels;
    reply.header.length =
        static_cast<std::uint32_t>(reply.header.width) * 4 * static_cast<std::uint32_t>(reply.header.height);
    return reply;
}

namespace {
Reply qrReply(const QImage &image)
{
    auto text = qr::decode(image);
    if (!text.ok())
        return refuse(QString::fromStdString(text.error().message));
    Reply reply;
    reply.body = QByteArray::fromStdString(text.value());
    if (reply.body.size() > static_cast<qsizetype>(decode::MaxTextBytes))
        return refuse(QStringLiteral("the code holds too much"));
    reply.header.status = ReplyStatus::Text;
    reply.header.length = static_cast<std::uint32_t>(reply.body.size());
    return reply;
}
} // namespace

Reply readQrCode(const QByteArray &encoded)
{
    QString why;
    // ZXing finds codes in a picture of a few megapixels as well as in the original.
    const QImage image = readChecked(encoded, QSize(3000, 3000), nullptr, why);
    if (image.isNull())
        return refuse(why);
    return qrReply(image);
}

Reply readQrCodeFromPixels(const QByteArray &pixels, QSize size)
{
    if (size.isEmpty() || static_cast<qsizetype>(size.width()) * size.height() != pixels.size())
        return refuse(QStringLiteral("the frame's pixels do not match its size"));
    // A view of the request's bytes, not a copy.
    const QImage frame(reinterpret_cast<const uchar *>(pixels.constData()), size.width(), size.height(), size.width(),
                       QImage::Format_Grayscale8);
    return qrReply(frame);
}

} // namespace lapis::decoder
