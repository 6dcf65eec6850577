// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageJobs.h"

#include <lapis/qr/QrCode.h>

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QThreadPool>

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

/// The image in `encoded`, or why not. `fit` as for decodeImage.
QImage readChecked(const QByteArray &encoded, QSize fit, QString &why)
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
    QImage image = reader.read();
    if (image.isNull()) {
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
    const bool native32 = image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32;
    if (Q_BYTE_ORDER != Q_LITTLE_ENDIAN || !native32)
        return image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
    // 0xAARRGGBB (RGB32's alpha is 0xff already) becomes bytes R, G, B, A.
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const quint32 v = line[x];
            line[x] = (v & 0xff00ff00U) | ((v >> 16) & 0xffU) | ((v & 0xffU) << 16);
        }
    }
    image.reinterpretAsFormat(QImage::Format_RGBA8888);
    return image;
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

void warmUp()
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
        (void)decodeImage(sample, {});
        (void)decodeImage(sample, QSize(8, 8));
    }
    (void)readQrCode(samples[0]);
}

Reply decodeImage(const QByteArray &encoded, QSize fit)
{
    QString why;
    QImage decoded = readChecked(encoded, fit, why);
    if (decoded.isNull())
        return refuse(why);
    Reply reply;
    reply.pixels = toRgba8888(std::move(decoded));
    if (reply.pixels.isNull())
        return refuse(QStringLiteral("not enough memory to convert the picture"));
    reply.header.status = ReplyStatus::Pixels;
    reply.header.width = reply.pixels.width();
    reply.header.height = reply.pixels.height();
    reply.header.length =
        static_cast<std::uint32_t>(reply.pixels.width()) * 4 * static_cast<std::uint32_t>(reply.pixels.height());
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
    const QImage image = readChecked(encoded, QSize(3000, 3000), why);
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
