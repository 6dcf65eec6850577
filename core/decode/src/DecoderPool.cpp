// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/decode/DecoderPool.h>

#include <QCoreApplication>
#include <QPromise>
#include <QThread>

#include <memory>
#include <mutex>

namespace lapis::decode {

DecoderPool::DecoderPool(DecoderSettings settings, int threads)
    : m_settings(std::move(settings))
{
    if (m_settings.program.isEmpty())
        m_settings.program = defaultDecoderProgram();
    m_threads.setMaxThreadCount(threads > 0 ? threads : qMax(1, QThread::idealThreadCount()));
    // Threads (and the decoder each keeps) live as long as the pool: a decoder is worth keeping.
    m_threads.setExpiryTimeout(-1);
}

DecoderPool::~DecoderPool()
{
    m_threads.waitForDone();
    m_threads.clear();
}

DecoderProcess &DecoderPool::localProcess()
{
    if (!m_processes.hasLocalData())
        m_processes.setLocalData(new DecoderProcess(m_settings));
    return *m_processes.localData();
}

template<typename T, typename Work>
QFuture<T> DecoderPool::submit(Work work)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    m_threads.start([this, promise, work = std::move(work)]() mutable {
        auto &process = localProcess();
        const int startsBefore = process.starts();
        T result = work(process);
        m_starts += process.starts() - startsBefore;
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

QFuture<Result<QImage>> DecoderPool::decodeImage(QByteArray encoded, QSize fit)
{
    return submit<Result<QImage>>(
        [encoded = std::move(encoded), fit](DecoderProcess &process) { return process.decodeImage(encoded, fit); });
}

QFuture<Result<std::string>> DecoderPool::readQrCode(QByteArray encoded)
{
    return submit<Result<std::string>>(
        [encoded = std::move(encoded)](DecoderProcess &process) { return process.readQrCode(encoded); });
}

QFuture<Result<std::string>> DecoderPool::readQrCode(QImage frame)
{
    return submit<Result<std::string>>(
        [frame = std::move(frame)](DecoderProcess &process) { return process.readQrCode(frame); });
}

DecoderPool &DecoderPool::shared()
{
    static std::unique_ptr<DecoderPool> pool;
    static std::once_flag made;
    std::call_once(made, [] {
        pool = std::make_unique<DecoderPool>();
        // The decoders end with the application object, not at static destruction.
        qAddPostRoutine([] { pool.reset(); });
    });
    return *pool;
}

} // namespace lapis::decode
