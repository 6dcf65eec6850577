// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/decode/DecoderProtocol.h>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QImage>
#include <QString>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

class QProcess;

namespace lapis::decode {

class PixelRegion;

struct DecoderSettings {
    /// The lapis-decoder executable (defaultDecoderProgram() when empty).
    QString program;
    /// From start to its "ready" (sandbox on).
    std::chrono::milliseconds startTimeout{5000};
    /// From request to the whole reply: a decoder that takes longer is killed.
    std::chrono::milliseconds imageTimeout{4000};
    /// A process is replaced after this many images, so one compromised by an image cannot
    /// watch many more.
    int imagesPerProcess = 32;
};

/// Where the app finds lapis-decoder: beside the running executable, else ../libexec/lapis/
/// relative to it (the installed layout, and the build tree's for `lapis` and `lapis-cli`).
/// No environment variable changes it.
QString defaultDecoderProgram();

/// Makes defaultDecoderProgram() answer `program` in this process (empty: the lookup again).
/// For code only, never reachable from outside the process: the test executables, which have
/// no helper beside them, name the build tree's.
void setDefaultDecoderProgram(const QString &program);

/// One lapis-decoder process, used from one thread (blocking calls with deadlines; no event loop
/// needed). It starts when first needed; any failure (a crash, a hang, a malformed reply) ends
/// the process, and the next request starts a fresh one.
class DecoderProcess {
public:
    explicit DecoderProcess(DecoderSettings settings);
    ~DecoderProcess();
    DecoderProcess(const DecoderProcess &) = delete;
    DecoderProcess &operator=(const DecoderProcess &) = delete;

    /// Starts the process (if it is not running) and waits for its ready signal.
    Result<void> start();
    [[nodiscard]] bool running() const;
    /// The running process's id, 0 when none.
    [[nodiscard]] qint64 processId() const;
    /// The signal that killed the last process that died, 0 when it exited or was stopped by us.
    [[nodiscard]] int lastCrashSignal() const { return m_lastCrashSignal; }
    /// Processes started so far.
    [[nodiscard]] int starts() const { return m_starts; }

    /// The image's pixels (RGBA8), scaled to fit within `fit` when it is valid.
    Result<QImage> decodeImage(const QByteArray &encoded, QSize fit = {});
    /// The payload of the first QR code in the image.
    Result<std::string> readQrCode(const QByteArray &encoded);
    /// The same for a picture already in pixels (a camera frame): ZXing reads it in the decoder.
    Result<std::string> readQrCode(const QImage &frame);

private:
    Result<std::pair<ReplyHeader, QByteArray>> exchange(RequestKind kind, const QByteArray &request);
    Result<std::string> qrReply(Result<std::pair<ReplyHeader, QByteArray>> reply);
    Result<QByteArray> readExactly(qint64 count, QDeadlineTimer deadline);
    Error failed(const std::string &what);
    void stop();

    DecoderSettings m_settings;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<PixelRegion> m_region; ///< the running process's, when the platform has one
    int m_servedByProcess = 0;
    int m_starts = 0;
    int m_lastCrashSignal = 0;
};

} // namespace lapis::decode
