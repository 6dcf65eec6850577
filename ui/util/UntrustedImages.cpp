// SPDX-License-Identifier: GPL-3.0-or-later
#include "UntrustedImages.h"

#include <lapis/decode/DecoderPool.h>

#include <QFile>
#include <QMimeData>

namespace lapis::ui {

Result<QByteArray> readImageFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, "Cannot read " + path.toStdString());
    if (static_cast<std::uint64_t>(file.size()) > decode::MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image is too large");
    return file.read(static_cast<qint64>(decode::MaxEncodedBytes));
}

Result<std::string> readQrCode(const QByteArray &encoded)
{
    return decode::DecoderPool::shared().readQrCode(encoded).result();
}

Result<std::string> readQrCodeFromFile(const QString &path)
{
    LAPIS_TRY_ASSIGN(const QByteArray bytes, readImageFile(path));
    return readQrCode(bytes);
}

QByteArray encodedImageFrom(const QMimeData *mime)
{
    if (!mime)
        return {};
    static const char *const formats[] = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"};
    for (const char *format : formats) {
        const QString name = QString::fromLatin1(format);
        if (mime->hasFormat(name)) {
            QByteArray bytes = mime->data(name);
            if (!bytes.isEmpty())
                return bytes;
        }
    }
    return {};
}

} // namespace lapis::ui
