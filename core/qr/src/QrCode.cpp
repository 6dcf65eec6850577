// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/qr/QrCode.h>

#include <QImageReader>
#include <qrencode.h>

#include <ZXing/ReadBarcode.h>

#include <memory>

namespace lapis::qr {

namespace {
constexpr int QuietZoneModules = 4;
constexpr std::size_t MaxQrBytes = 2331; // version 40, level M, byte mode
} // namespace

Result<QImage> encode(std::string_view text, int moduleSize)
{
    if (text.size() > MaxQrBytes)
        return fail(ErrorCode::LimitExceeded, "The text is too long for a QR code");
    if (moduleSize < 1 || moduleSize > 64)
        return fail(ErrorCode::InvalidArgument, "The QR module size must be between 1 and 64 pixels");
    // QRcode_encodeData takes bytes with an explicit length, so text with NULs survives too.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char *>(text.data()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return fail(ErrorCode::LimitExceeded, "The text could not be encoded as a QR code");
    const int modules = code->width + 2 * QuietZoneModules;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if ((code->data[y * code->width + x] & 1) == 0)
                continue; // bit 0 is the module's colour; the others are libqrencode's bookkeeping
            const int px = (x + QuietZoneModules) * moduleSize;
            const int py = (y + QuietZoneModules) * moduleSize;
            for (int row = 0; row < moduleSize; ++row)
                std::fill_n(image.scanLine(py + row) + px, moduleSize, uchar{0});
        }
    }
    return image;
}

Result<void> writePng(std::string_view text, const QString &path, int moduleSize)
{
    LAPIS_TRY_ASSIGN(QImage image, encode(text, moduleSize));
    if (!image.save(path, "PNG"))
        return fail(ErrorCode::Io, "Could not write the QR code image to " + path.toStdString());
    return {};
}

Result<std::string> decode(const QImage &image)
{
    if (image.isNull())
        return fail(ErrorCode::InvalidArgument, "The image is empty");
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                static_cast<int>(gray.bytesPerLine()));
    const auto result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return fail(ErrorCode::NotFound, "No QR code was found in the image");
    const auto &bytes = result.bytes();
    return std::string(bytes.begin(), bytes.end());
}

Result<std::string> decodeFile(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull())
        return fail(ErrorCode::Io,
                    "Could not read the image " + path.toStdString() + ": " + reader.errorString().toStdString());
    return decode(image);
}

} // namespace lapis::qr
