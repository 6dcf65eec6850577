// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/decode/DecoderProcess.h>

#include <QFuture>
#include <QThreadPool>
#include <QThreadStorage>

#include <atomic>

namespace lapis::decode {

/// Decodes untrusted images in lapis-decoder processes, never in the calling process: one
/// thread per core, each with its own decoder process (reused for at most
/// DecoderSettings::imagesPerProcess images, replaced after any failure). Every call returns at
/// once; the result arrives in the future, computed on the pool's threads.
class DecoderPool {
public:
    /// `threads` 0: one per core.
    explicit DecoderPool(DecoderSettings settings = {}, int threads = 0);
    /// Waits for the running requests and ends every decoder process.
    ~DecoderPool();
    DecoderPool(const DecoderPool &) = delete;
    DecoderPool &operator=(const DecoderPool &) = delete;

    QFuture<Result<QImage>> decodeImage(QByteArray encoded, QSize fit = {});
    QFuture<Result<std::string>> readQrCode(QByteArray encoded);
    /// A camera frame's QR code (pixels in, payload out).
    QFuture<Result<std::string>> readQrCode(QImage frame);

    /// Decoder processes started so far (restarts included).
    [[nodiscard]] int processStarts() const { return m_starts.load(); }

    /// The app's pool: made on first use, ended with the application object.
    static DecoderPool &shared();

private:
    DecoderProcess &localProcess();
    template<typename T, typename Work>
    QFuture<T> submit(Work work);

    DecoderSettings m_settings;
    // Declared before the threads: each thread's process is deleted when its thread ends, which
    // the thread pool's destructor waits for.
    QThreadStorage<DecoderProcess *> m_processes;
    QThreadPool m_threads;
    std::atomic<int> m_starts{0};
};

} // namespace lapis::decode
