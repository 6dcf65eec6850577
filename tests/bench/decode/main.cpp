// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-decode: the same pictures (a 1080p JPEG, a 4K PNG, thumbnails of both and a small
// JPEG) decoded through the sandboxed decoder pool and in this process with QImageReader, in the
// same run. In-process decoding is measured as the app did it before issue 22: one image reader
// thread (QML's); the pool is used as the app uses it now: every picture submitted at once,
// one decoder per core. The ratio is in-process time / sandboxed time (1.0: as fast).
//
//   TARGET sandbox_decode_vs_inprocess <ratio> >= 0.60 ratio
//   FIGURE decode_1080p_jpeg_ms <ms>     one 1080p JPEG through a warm decoder
//   FIGURE decoder_start_ms <ms>         start to "ready" (sandbox on), median
//   FIGURE sandbox_vs_inprocess_one_decoder_ratio <ratio>   the same pictures through a pool of
//                                        one decoder, one at a time: the sandbox's cost per picture
//
// Pixels come back through the decoder's shared pixel region (a memfd on Linux): decoded into it
// in place where Qt's plugin allows, copied out once by the app.
#include "../../core/decode/HostileImages.h"

#include <lapis/decode/DecoderPool.h>
#include <lapis/decode/DecoderProcess.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImageReader>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace lapis;

namespace {
struct Picture {
    QByteArray encoded;
    QSize fit;
};

QImage readInProcess(const Picture &picture)
{
    QByteArray data = picture.encoded;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    if (picture.fit.isValid())
        reader.setScaledSize(decode::fittedSize(reader.size(), picture.fit));
    return reader.read();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    decode::DecoderSettings settings;
    settings.program = QStringLiteral(LAPIS_DECODER_BINARY);
    settings.imageTimeout = std::chrono::milliseconds(30000);

    const QByteArray jpeg1080 = test::encoded(test::samplePicture(1920, 1080), "jpeg", 85);
    const QByteArray png4k = test::encoded(test::samplePicture(3840, 2160), "png");
    const QByteArray smallJpeg = test::encoded(test::samplePicture(640, 480), "jpeg", 80);
    const std::vector<Picture> set = {
        {jpeg1080, {}},
        {png4k, {}},
        {jpeg1080, QSize(280, 280)},
        {png4k, QSize(280, 280)},
        {smallJpeg, QSize(280, 280)},
        {smallJpeg, {}},
    };
    const int rounds = 3;

    // The decoder's start-up, to "ready" with its sandbox on.
    std::vector<double> starts;
    for (int i = 0; i < 7; ++i) {
        decode::DecoderProcess process(settings);
        QElapsedTimer timer;
        timer.start();
        if (!process.start().ok()) {
            std::fprintf(stderr, "lapis-decoder did not start\n");
            return 1;
        }
        starts.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }

    // One 1080p JPEG through a warm decoder.
    std::vector<double> single;
    {
        decode::DecoderProcess process(settings);
        (void)process.decodeImage(jpeg1080);
        for (int i = 0; i < 7; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (const auto decoded = process.decodeImage(jpeg1080); !decoded.ok()) {
                std::fprintf(stderr, "the 1080p JPEG was refused: %s\n", decoded.error().message.c_str());
                return 1;
            }
            single.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    }

    // Each picture on its own, both ways (for reading the totals below).
    {
        decode::DecoderProcess process(settings);
        for (const auto &picture : set) {
            QElapsedTimer each;
            each.start();
            (void)readInProcess(picture);
            const double inProcess = static_cast<double>(each.nsecsElapsed()) / 1e6;
            each.restart();
            (void)process.decodeImage(picture.encoded, picture.fit);
            std::printf("# %dx%d fit %dx%d: in process %.1f ms, sandboxed %.1f ms\n", readInProcess(picture).width(),
                        readInProcess(picture).height(), picture.fit.width(), picture.fit.height(), inProcess,
                        static_cast<double>(each.nsecsElapsed()) / 1e6);
        }
    }

    // In process, one reader thread, as before.
    for (const auto &picture : set)
        (void)readInProcess(picture);
    QElapsedTimer timer;
    timer.start();
    for (int r = 0; r < rounds; ++r)
        for (const auto &picture : set)
            if (readInProcess(picture).isNull())
                return 1;
    const double inProcessMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    // Through the pool, warm, everything submitted at once. Warm: each decoder has started and
    // has most likely decoded every size once (as the in-process reader has).
    decode::DecoderPool pool(settings);
    {
        std::vector<QFuture<Result<QImage>>> warm;
        for (int r = 0; r < 2; ++r)
            for (const auto &picture : set)
                warm.push_back(pool.decodeImage(picture.encoded, picture.fit));
        for (auto &future : warm)
            future.waitForFinished();
    }
    timer.restart();
    std::vector<QFuture<Result<QImage>>> futures;
    for (int r = 0; r < rounds; ++r)
        for (const auto &picture : set)
            futures.push_back(pool.decodeImage(picture.encoded, picture.fit));
    // Each picture is let go once checked, as the in-process loop above lets go of each one (and
    // as the app does once Qt Quick has it): the same allocation pattern on both sides.
    for (auto &future : futures) {
        if (!future.result().ok())
            return 1;
        future = {};
    }
    const double sandboxMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    // The same through one decoder thread: what the sandbox costs per picture, without the
    // second core's help.
    double oneThreadMs = 0;
    {
        decode::DecoderPool oneDecoder(settings, 1);
        for (int r = 0; r < 2; ++r)
            for (const auto &picture : set)
                (void)oneDecoder.decodeImage(picture.encoded, picture.fit).result();
        timer.restart();
        for (int r = 0; r < rounds; ++r)
            for (const auto &picture : set)
                if (!oneDecoder.decodeImage(picture.encoded, picture.fit).result().ok())
                    return 1;
        oneThreadMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    }

    std::printf("TARGET sandbox_decode_vs_inprocess %.2f >= 0.60 ratio\n", inProcessMs / sandboxMs);
    std::printf("FIGURE decode_1080p_jpeg_ms %.1f\n", median(single));
    std::printf("FIGURE decoder_start_ms %.1f\n", median(starts));
    std::printf("FIGURE sandbox_vs_inprocess_one_decoder_ratio %.2f\n", inProcessMs / oneThreadMs);
    std::printf("# in process %.0f ms, sandboxed %.0f ms for %d pictures; %d decoder threads\n", inProcessMs, sandboxMs,
                static_cast<int>(set.size()) * rounds, QThread::idealThreadCount());
    return 0;
}
