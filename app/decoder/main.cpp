// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-decoder: decodes untrusted images for the app, inside a sandbox (issue 22). It reads
// requests on stdin and writes replies on stdout (lapis/decode/DecoderProtocol.h) and can do
// nothing else: everything that needs a file (Qt's plugins) happens before the filter goes on,
// and the filter goes on before the first untrusted byte is read.
#include "ImageJobs.h"
#include "Sandbox.h"

#include <lapis/decode/DecoderProtocol.h>

#include <QtGlobal>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <unistd.h>

#ifdef LAPIS_DECODER_PROBES
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#endif

namespace {

bool readFully(char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = read(0, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool writeFully(const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = write(1, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool writeReply(const lapis::decoder::Reply &reply)
{
    const QByteArray header = lapis::decode::encodeReplyHeader(reply.header);
    if (!writeFully(header.constData(), static_cast<std::size_t>(header.size())))
        return false;
    if (reply.inRegion)
        return true; // the picture is in the pixel region already
    if (reply.header.status != lapis::decode::ReplyStatus::Pixels)
        return writeFully(reply.body.constData(), static_cast<std::size_t>(reply.body.size()));
    const auto rowBytes = static_cast<std::size_t>(reply.pixels.width()) * 4;
    // 4-byte pixels leave no padding: the picture goes in one write, not one per row.
    if (static_cast<std::size_t>(reply.pixels.bytesPerLine()) == rowBytes)
        return writeFully(reinterpret_cast<const char *>(reply.pixels.constBits()),
                          rowBytes * static_cast<std::size_t>(reply.pixels.height()));
    for (int y = 0; y < reply.pixels.height(); ++y)
        if (!writeFully(reinterpret_cast<const char *>(reply.pixels.constScanLine(y)), rowBytes))
            return false;
    return true;
}

#ifdef LAPIS_DECODER_PROBES
// The test build only: an "image" that starts with this asks the decoder to try something its
// filter forbids. The shipped decoder has no such path.
void runProbe(const QByteArray &bytes)
{
    const QByteArray probe = bytes.mid(12);
    if (probe == "open")
        (void)open("/etc/passwd", O_RDONLY);
    else if (probe == "socket")
        (void)socket(AF_INET, SOCK_STREAM, 0);
    else if (probe == "fork") {
        if (fork() == 0)
            _exit(0);
    } else if (probe == "spin") {
        std::atomic<unsigned long long> spins{0};
        for (;;)
            spins.fetch_add(1, std::memory_order_relaxed);
    } else if (probe == "exec") {
        char *const argv[] = {const_cast<char *>("/bin/true"), nullptr};
        execve("/bin/true", argv, nullptr);
    }
}
#endif

} // namespace

int main(int argc, char **argv)
{
    using namespace lapis;
    // The app's pixel region, when it passed one, is mapped and its descriptor closed first.
    unsigned char *region = nullptr;
    if (argc > 1 && std::strcmp(argv[1], decode::PixelRegionArgument) == 0) {
        region = decoder::mapPixelRegion(decode::PixelRegionDescriptor, decode::PixelRegionBytes);
        if (!region)
            return 70; // no "ready": the app counts this decoder as failed
    }
    // Nothing inherited but the pipes; Qt's messages (a plugin's warning) go nowhere.
    decoder::closeDescriptorsFrom(3);
    decoder::widenPipes();
    clearenv();
    // One malloc arena: a second thread's own arena would reserve 64 MiB of the 256 MiB the
    // address-space limit leaves for decoding.
    mallopt(M_ARENA_MAX, 1);
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    decoder::warmUp(region);
    decoder::closeDescriptorsFrom(2);

    decoder::SandboxLimits limits;
    // The region is mapped for the process's whole life: decoding keeps its own 256 MiB.
    if (region)
        limits.addressSpaceBytes += decode::PixelRegionBytes;
    if (!decoder::applyLimits(limits).empty() || !decoder::installFilter().empty())
        return 70; // no "ready": the app treats this decoder as failed and never sends it an image
    if (!writeFully(decode::ReadyMagic, decode::ReadySize))
        _exit(0);

    for (;;) {
        QByteArray headerBytes(decode::RequestHeaderSize, Qt::Uninitialized);
        if (!readFully(headerBytes.data(), static_cast<std::size_t>(headerBytes.size())))
            _exit(0); // the app closed the pipe (no destructors: they would touch files)
        const auto header = decode::parseRequestHeader(headerBytes);
        if (!header.ok())
            _exit(65); // out of step with the app: it starts a new decoder
        QByteArray encoded(static_cast<qsizetype>(header->length), Qt::Uninitialized);
        if (!readFully(encoded.data(), header->length))
            _exit(0);
        decoder::limitCpuForNextImage(limits.cpuSecondsPerImage);
#ifdef LAPIS_DECODER_PROBES
        if (encoded.startsWith("LAPIS-PROBE:"))
            runProbe(encoded);
#endif
        auto reply = header->kind == decode::RequestKind::QrCode ? decoder::readQrCode(encoded)
                     : header->kind == decode::RequestKind::QrPixels
                         ? decoder::readQrCodeFromPixels(encoded, header->fit)
                         : decoder::decodeImage(encoded, header->fit, region);
        encoded = QByteArray(); // the address space is small: the input goes before the output
        if (!writeReply(reply))
            _exit(0);
    }
}
