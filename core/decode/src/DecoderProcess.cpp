// SPDX-License-Identifier: GPL-3.0-or-later
#include "PixelRegion.h"

#include <lapis/decode/DecoderProcess.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace lapis::decode {

namespace {
QString &chosenDecoderProgram()
{
    static QString program;
    return program;
}
} // namespace

void setDefaultDecoderProgram(const QString &program)
{
    chosenDecoderProgram() = program;
}

QString defaultDecoderProgram()
{
    // Never the environment: whoever sets a variable for the app must not choose the program
    // that sees every untrusted picture (issue 16, item 18).
    if (!chosenDecoderProgram().isEmpty())
        return chosenDecoderProgram();
    const QString dir = QCoreApplication::applicationDirPath();
    const QString beside = dir + QStringLiteral("/lapis-decoder");
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QDir::cleanPath(dir + QStringLiteral("/../libexec/lapis/lapis-decoder"));
}

DecoderProcess::DecoderProcess(DecoderSettings settings)
    : m_settings(std::move(settings))
{
    if (m_settings.program.isEmpty())
        m_settings.program = defaultDecoderProgram();
}

DecoderProcess::~DecoderProcess()
{
    stop();
}

bool DecoderProcess::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 DecoderProcess::processId() const
{
    return running() ? m_process->processId() : 0;
}

void DecoderProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    m_process.reset();
    // The region goes with its process: the next one gets a fresh one.
    m_region.reset();
    m_servedByProcess = 0;
}

Error DecoderProcess::failed(const std::string &what)
{
    // A process that broke the protocol, hung or died is never asked again.
    m_lastCrashSignal = 0;
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning)
            m_process->waitForFinished(50);
        // QProcess reports the terminating signal as the exit code of a crash.
        if (m_process->state() == QProcess::NotRunning && m_process->exitStatus() == QProcess::CrashExit)
            m_lastCrashSignal = m_process->exitCode();
    }
    stop();
    return fail(ErrorCode::Unavailable, what);
}

Result<void> DecoderProcess::start()
{
    if (running())
        return {};
    stop();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_settings.program);
    // Nothing of the app's environment (paths, tokens, display) reaches the decoder; its error
    // output goes nowhere (it closes it anyway).
    m_process->setProcessEnvironment(QProcessEnvironment());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    m_process->setWorkingDirectory(QStringLiteral("/"));
    // A fresh region for each process: nothing an earlier decoder left there is read again.
    m_region = PixelRegion::create(PixelRegionBytes);
    if (m_region) {
        m_region->passTo(*m_process);
        m_process->setArguments({QString::fromLatin1(PixelRegionArgument)});
    }
    m_process->start(QIODevice::ReadWrite);
    ++m_starts;
    const QDeadlineTimer deadline(m_settings.startTimeout);
    if (!m_process->waitForStarted(static_cast<int>(m_settings.startTimeout.count())))
        return failed("The image decoder could not be started (" + m_settings.program.toStdString() + ")");
    LAPIS_TRY_ASSIGN(const QByteArray ready, readExactly(ReadySize, deadline));
    if (ready != QByteArray(ReadyMagic, ReadySize))
        return failed("The image decoder did not start its sandbox");
    return {};
}

Result<QByteArray> DecoderProcess::readExactly(qint64 count, QDeadlineTimer deadline)
{
    // waitForReadyRead takes at most one pipe's worth at a time, so a decoder that floods the
    // pipe adds at most that much beyond what was asked before we stop listening.
    while (m_process->bytesAvailable() < count) {
        const auto left = deadline.remainingTime();
        if (left == 0)
            return failed("The image decoder took too long");
        if (!m_process->waitForReadyRead(static_cast<int>(left)))
            return failed(m_process->state() == QProcess::Running ? "The image decoder took too long"
                                                                  : "The image decoder stopped");
    }
    return m_process->read(count);
}

Result<std::pair<ReplyHeader, QByteArray>> DecoderProcess::exchange(RequestKind kind, const QByteArray &request)
{
    if (request.size() <= RequestHeaderSize
        || static_cast<std::uint64_t>(request.size() - RequestHeaderSize) > MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image is empty or too large to decode");
    if (m_servedByProcess >= m_settings.imagesPerProcess)
        stop();
    LAPIS_TRY(start());
    ++m_servedByProcess;
    const QDeadlineTimer deadline(m_settings.imageTimeout);
    m_process->write(request);
    while (m_process->bytesToWrite() > 0) {
        const auto left = deadline.remainingTime();
        if (left == 0 || !m_process->waitForBytesWritten(static_cast<int>(left)))
            return failed("The image decoder did not take the image");
    }
    LAPIS_TRY_ASSIGN(const QByteArray headerBytes, readExactly(ReplyHeaderSize, deadline));
    auto header = parseReplyHeader(headerBytes, kind);
    if (!header.ok())
        return failed(header.error().message);
    // With a pixel region, a picture is there and nothing follows its header on the pipe.
    const bool inRegion = header->status == ReplyStatus::Pixels && m_region;
    LAPIS_TRY_ASSIGN(QByteArray body, readExactly(inRegion ? 0 : header->length, deadline));
    if (m_process->bytesAvailable() > 0)
        return failed("The image decoder sent more than it was asked");
    return std::pair{header.value(), std::move(body)};
}

Result<QImage> DecoderProcess::decodeImage(const QByteArray &encoded, QSize fit)
{
    if (encoded.isEmpty() || static_cast<std::uint64_t>(encoded.size()) > MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image is empty or too large to decode");
    LAPIS_TRY_ASSIGN(auto reply, exchange(RequestKind::Image, encodeRequest(RequestKind::Image, fit, encoded)));
    if (reply.first.status == ReplyStatus::Refused)
        return fail(ErrorCode::Unsupported, "The image was refused: " + reply.second.left(200).toStdString());
    auto image = m_region ? imageFromRegion(reply.first, m_region->data(), m_region->size())
                          : imageFromReply(reply.first, reply.second);
    if (!image.ok())
        return failed(image.error().message);
    return image;
}

Result<std::string> DecoderProcess::readQrCode(const QByteArray &encoded)
{
    if (encoded.isEmpty() || static_cast<std::uint64_t>(encoded.size()) > MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image is empty or too large to decode");
    return qrReply(exchange(RequestKind::QrCode, encodeRequest(RequestKind::QrCode, {}, encoded)));
}

Result<std::string> DecoderProcess::readQrCode(const QImage &frame)
{
    if (frame.isNull())
        return fail(ErrorCode::InvalidArgument, "The picture is empty");
    return qrReply(exchange(RequestKind::QrPixels, encodeQrPixelsRequest(frame)));
}

Result<std::string> DecoderProcess::qrReply(Result<std::pair<ReplyHeader, QByteArray>> reply)
{
    if (!reply.ok())
        return reply.error();
    if (reply->first.status == ReplyStatus::Refused)
        return fail(ErrorCode::NotFound, reply->second.left(200).toStdString());
    return reply->second.toStdString();
}

} // namespace lapis::decode
