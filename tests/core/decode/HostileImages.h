// SPDX-License-Identifier: GPL-3.0-or-later
// Images made to hurt a decoder, built in the tests (nothing hostile is committed as a file), and
// ordinary ones to compare with. Shared by the decoder's tests, the UI test and the benchmark.
#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QtEndian>

#include <utility>
#include <vector>
#include <zlib.h>

namespace lapis::test {

/// A picture with gradients and shapes (compresses like a photo, not like a flat colour).
inline QImage samplePicture(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, width, height);
    gradient.setColorAt(0, QColor(30, 80, 160));
    gradient.setColorAt(1, QColor(240, 190, 60));
    painter.fillRect(image.rect(), gradient);
    for (int i = 0; i < 60; ++i) {
        painter.setBrush(QColor::fromHsv((i * 37) % 360, 160, 220, 180));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPointF((i * 131) % width, (i * 71) % height), width / 20.0 + i, height / 25.0 + i);
    }
    return image;
}

inline QByteArray encoded(const QImage &image, const char *format, int quality = -1)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return out;
}

inline QByteArray pngChunk(const char *type, const QByteArray &data)
{
    QByteArray chunk;
    char length[4];
    qToBigEndian(static_cast<quint32>(data.size()), length);
    chunk.append(length, 4);
    const QByteArray typed = QByteArray(type, 4) + data;
    chunk.append(typed);
    char crc[4];
    qToBigEndian(static_cast<quint32>(
                     crc32(0, reinterpret_cast<const Bytef *>(typed.constData()), static_cast<uInt>(typed.size()))),
                 crc);
    chunk.append(crc, 4);
    return chunk;
}

/// A valid PNG header that declares 100,000 × 100,000 pixels (40 GB), with a little data.
inline QByteArray declaredHugePng()
{
    QByteArray ihdr(13, '\0');
    qToBigEndian(static_cast<quint32>(100000), ihdr.data());
    qToBigEndian(static_cast<quint32>(100000), ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    QByteArray row(100, '\0');
    QByteArray compressed(256, '\0');
    uLongf size = static_cast<uLongf>(compressed.size());
    compress(reinterpret_cast<Bytef *>(compressed.data()), &size, reinterpret_cast<const Bytef *>(row.constData()),
             static_cast<uLong>(row.size()));
    compressed.resize(static_cast<qsizetype>(size));
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", compressed)
           + pngChunk("IEND", {});
}

/// A real PNG cut off in the middle of its image data.
inline QByteArray truncatedPng()
{
    const QByteArray whole = encoded(samplePicture(640, 480), "png");
    return whole.left(whole.size() / 2);
}

/// A real JPEG whose first Huffman table claims more codes than a table can hold.
inline QByteArray corruptHuffmanJpeg()
{
    QByteArray jpeg = encoded(samplePicture(640, 480), "jpeg", 85);
    const auto dht = jpeg.indexOf(QByteArray("\xff\xc4", 2));
    if (dht >= 0)
        for (int i = 0; i < 16; ++i) // the 16 code-length counts after length and class/id
            jpeg[dht + 5 + i] = static_cast<char>(0xff);
    return jpeg;
}

/// A GIF that declares a 65,535 × 65,535 screen, loops forever and goes on with frame after
/// frame without an end (GIF has no frame count: "a billion frames" is a stream that never
/// stops; the decoder only ever reads the first frame).
inline QByteArray billionFrameGif()
{
    QByteArray gif("GIF89a", 6);
    gif.append("\xff\xff\xff\xff", 4); // screen 65535 × 65535
    gif.append("\x80\x00\x00", 3);     // a 2-colour global table
    gif.append("\x00\x00\x00\xff\xff\xff", 6);
    gif.append("\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19); // loop forever
    for (int frame = 0; frame < 2000; ++frame) {
        gif.append("\x21\xf9\x04\x00\x00\x00\x00\x00", 8);          // no delay
        gif.append("\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00", 10); // a 1×1 frame
        gif.append("\x02\x02\x44\x01\x00", 5);                      // its pixel
    }
    return gif; // no trailer: the frames go on
}

/// A few thousand bytes of noise.
inline QByteArray randomBytes(int count = 4096)
{
    QByteArray out(count, '\0');
    auto *rng = QRandomGenerator::global();
    for (auto &byte : out)
        byte = static_cast<char>(rng->bounded(256));
    return out;
}

/// Every hostile image, by name.
inline std::vector<std::pair<const char *, QByteArray>> hostileImages()
{
    return {{"declared 100000x100000 PNG", declaredHugePng()},
            {"truncated PNG", truncatedPng()},
            {"JPEG with a corrupt Huffman table", corruptHuffmanJpeg()},
            {"GIF with a billion frames", billionFrameGif()},
            {"random bytes", randomBytes()}};
}

} // namespace lapis::test
