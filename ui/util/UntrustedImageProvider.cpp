// SPDX-License-Identifier: GPL-3.0-or-later
#include "UntrustedImageProvider.h"
#include "UntrustedImages.h"
#include "worker/EngineWorker.h"

#include <lapis/decode/DecoderPool.h>

#include <QMutex>
#include <QThreadPool>
#include <QUrl>

namespace lapis::ui {

namespace {
/// One picture on its way: finished() is emitted exactly once, from whichever thread ends it
/// (the engine's worker, the decoder pool's); the engine keeps the object until then.
class UntrustedImageResponse : public QQuickImageResponse {
public:
    QQuickTextureFactory *textureFactory() const override
    {
        QMutexLocker lock(&m_mutex);
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_error;
    }

    void decode(QByteArray encoded, QSize requestedSize)
    {
        auto future = decode::DecoderPool::shared().decodeImage(std::move(encoded), requestedSize);
        future.then(QtFuture::Launch::Sync, [this](const Result<QImage> &image) {
            if (image.ok())
                succeed(image.value());
            else
                refuse(image.error().message);
        });
    }

    void succeed(const QImage &image)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_image = image;
        }
        emit finished();
    }

    void refuse(const std::string &why)
    {
        {
            QMutexLocker lock(&m_mutex);
            // Never empty: an error string is what makes the view show its placeholder.
            m_error = QString::fromStdString(why.empty() ? std::string("refused") : why);
        }
        emit finished();
    }

private:
    mutable QMutex m_mutex;
    QImage m_image;
    QString m_error;
};
} // namespace

UntrustedImageProvider::UntrustedImageProvider(EngineWorker *worker)
    : m_worker(worker)
{}

QQuickImageResponse *UntrustedImageProvider::requestImageResponse(const QString &id, const QSize &requestedSize)
{
    auto *response = new UntrustedImageResponse;
    const QString kind = id.section(QLatin1Char('/'), 0, 0);
    const QString rest = id.section(QLatin1Char('/'), 1);
    if (kind == QLatin1String("attachment") && m_worker) {
        bool ok = false;
        const qint64 attachmentId = rest.toLongLong(&ok);
        if (!ok) {
            response->refuse("bad attachment id");
            return response;
        }
        m_worker->post([response, attachmentId, requestedSize](EngineWorker::Context &context) {
            if (!context.engine) {
                response->refuse("no profile is open");
                return;
            }
            auto bytes = context.engine->attachmentBytes(attachmentId, MaxShownAttachment);
            if (!bytes.ok()) {
                response->refuse(bytes.error().message);
                return;
            }
            response->decode(
                QByteArray(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size())),
                requestedSize);
        });
    } else if (kind == QLatin1String("file")) {
        const QString path = QUrl(QUrl::fromPercentEncoding(rest.toUtf8())).toLocalFile();
        QThreadPool::globalInstance()->start([response, path, requestedSize] {
            auto bytes = readImageFile(path);
            if (!bytes.ok())
                response->refuse(bytes.error().message);
            else
                response->decode(std::move(bytes).value(), requestedSize);
        });
    } else {
        response->refuse("unknown image source");
    }
    return response;
}

} // namespace lapis::ui
