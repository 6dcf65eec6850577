// SPDX-License-Identifier: GPL-3.0-or-later
// The decoder's pipe protocol from both ends (lapis/decode/DecoderProtocol.h): what lapis-decoder
// accepts as a request header, and what the app accepts from a decoder that may be compromised
// (reply headers for either kind, and the picture built from a reply's body). Nothing may crash,
// and whatever is accepted must hold to the limits.
#include "../FuzzSeeds.h"

#include <lapis/decode/DecoderProtocol.h>

#include <cstdint>
#include <cstdlib>

using namespace lapis;
using namespace lapis::decode;

namespace {
void require(bool condition)
{
    if (!condition)
        std::abort();
}

QByteArray bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = bytesOf(data, size);
    // The decoder's side: a request header and its body.
    if (auto request = parseRequestHeader(input.left(RequestHeaderSize)); request.ok()) {
        require(request->length > 0 && request->length <= MaxEncodedBytes);
        require(request->fit.width() <= MaxDimension && request->fit.height() <= MaxDimension);
        // A camera frame's grey pixels: exactly width × height of them, never more or fewer.
        if (request->kind == RequestKind::QrPixels)
            require(request->fit.width() > 0 && request->fit.height() > 0
                    && static_cast<std::uint64_t>(request->length)
                           == static_cast<std::uint64_t>(request->fit.width())
                                  * static_cast<std::uint64_t>(request->fit.height()));
        // The same header around the bytes that follow it: accepted unless there are none, or
        // (for a frame) not exactly as many as its size says.
        const QByteArray body = input.mid(RequestHeaderSize);
        const QByteArray again = encodeRequest(request->kind, request->fit, body);
        const bool frameMismatch = request->kind == RequestKind::QrPixels
                                   && static_cast<std::uint64_t>(body.size())
                                          != static_cast<std::uint64_t>(request->fit.width())
                                                 * static_cast<std::uint64_t>(request->fit.height());
        require(parseRequestHeader(again.left(RequestHeaderSize)).ok() == (!body.isEmpty() && !frameMismatch));
    }
    // The app's side: a reply header, for an image and for a QR request, and the picture.
    for (const auto asked : {RequestKind::Image, RequestKind::QrCode, RequestKind::QrPixels}) {
        const auto reply = parseReplyHeader(input.left(ReplyHeaderSize), asked);
        if (!reply.ok())
            continue;
        if (reply->status == ReplyStatus::Pixels) {
            require(asked == RequestKind::Image);
            require(withinLimits(QSize(reply->width, reply->height)));
            require(static_cast<std::uint64_t>(reply->length)
                    == static_cast<std::uint64_t>(reply->width) * static_cast<std::uint64_t>(reply->height) * 4);
            const QByteArray body = input.mid(ReplyHeaderSize);
            auto image = imageFromReply(reply.value(), body);
            require(image.ok() == (static_cast<std::uint64_t>(body.size()) == reply->length));
            if (image.ok())
                require(image->width() == reply->width && image->height() == reply->height);
            // The same reply with its picture in a pixel region of the input's size.
            const auto *region = reinterpret_cast<const unsigned char *>(body.constData());
            auto copied = imageFromRegion(reply.value(), region, static_cast<std::size_t>(body.size()));
            require(copied.ok() == (static_cast<std::uint64_t>(body.size()) >= reply->length));
            if (copied.ok())
                require(copied->width() == reply->width && copied->height() == reply->height);
        } else {
            require(reply->length <= MaxTextBytes);
        }
    }
    // A frame of any shape and content becomes a request the decoder accepts.
    if (size >= 2) {
        const int width = data[0] % 97 + 1;
        const int height = data[1] % 61 + 1;
        QImage frame(width, height, QImage::Format_RGB32);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                frame.setPixel(x, y, 0xff000000U | (data[(y * width + x) % size] * 0x010203U));
        const QByteArray request = encodeQrPixelsRequest(frame);
        const auto header = parseRequestHeader(request.left(RequestHeaderSize));
        require(header.ok() && header->kind == RequestKind::QrPixels && header->fit == frame.size());
        require(request.size() == RequestHeaderSize + static_cast<qsizetype>(header->length));
    }
    // Sizes computed for any declared picture stay within what was asked and what may be made.
    if (size >= 16) {
        const auto word = [&](std::size_t at) {
            return static_cast<int>((data[at] | (data[at + 1] << 8) | (data[at + 2] << 16)) & 0x7fffff);
        };
        const QSize declared(word(0) + 1, word(4) + 1);
        const QSize fit(word(8), word(12));
        const QSize fitted = fittedSize(declared, fit);
        require(fitted.width() >= 1 && fitted.height() >= 1);
        require(fitted.width() <= declared.width() && fitted.height() <= declared.height());
    }
    return 0;
}

std::vector<lapis::Bytes> lapisFuzzSeeds()
{
    std::vector<lapis::Bytes> seeds;
    const auto add = [&](const QByteArray &bytes) { seeds.emplace_back(bytes.begin(), bytes.end()); };
    add(encodeRequest(RequestKind::Image, QSize(280, 0), QByteArray("\x89PNG\r\n\x1a\n", 8)));
    add(encodeRequest(RequestKind::QrCode, QSize(), QByteArray(40, 'x')));
    add(encodeRequest(RequestKind::QrPixels, QSize(8, 5), QByteArray(40, '\x80')));
    ReplyHeader pixels;
    pixels.status = ReplyStatus::Pixels;
    pixels.width = 3;
    pixels.height = 2;
    pixels.length = 24;
    add(encodeReplyHeader(pixels) + QByteArray(24, '\x7f'));
    ReplyHeader text;
    text.status = ReplyStatus::Text;
    text.length = 5;
    add(encodeReplyHeader(text) + "lapis");
    ReplyHeader refused;
    refused.status = ReplyStatus::Refused;
    refused.length = 3;
    add(encodeReplyHeader(refused) + "big");
    return seeds;
}
