// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/Attachments.h>

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace lapis;
using namespace lapis::engine;
namespace fs = std::filesystem;

namespace {
Bytes readAll(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const fs::path &p, ByteView b)
{
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char *>(b.data()), static_cast<std::streamsize>(b.size()));
}
} // namespace

class TestAttachments : public QObject {
    Q_OBJECT
private slots:
    void roundTripIsByteIdentical()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const auto plain = crypto::randomBytes(5 * 1024 * 1024 + 123);
        writeAll(root / "report.pdf", plain);
        std::uint64_t lastProgress = 0;
        auto sealed = sealAttachment(root / "report.pdf", root / "out", crypto::systemRandom(),
                                     [&](std::uint64_t done) { lastProgress = done; });
        QVERIFY2(sealed.ok(), sealed.ok() ? "" : sealed.error().message.c_str());
        QCOMPARE(sealed->plaintextSize, plain.size());
        QCOMPARE(lastProgress, plain.size());
        QCOMPARE(sealed->fileName, std::string("report.pdf"));
        QCOMPARE(sealed->ciphertextSize, fs::file_size(sealed->ciphertextFile));
        QVERIFY(sealed->thumbnail.empty());
        // The ciphertext holds nothing of the plaintext.
        const auto cipher = readAll(sealed->ciphertextFile);
        QVERIFY(std::search(cipher.begin(), cipher.end(), plain.begin(), plain.begin() + 64) == cipher.end());
        QCOMPARE(*digestOfFile(sealed->ciphertextFile), sealed->digest);

        const auto opened =
            openAttachment(sealed->ciphertextFile, sealed->key.view(), sealed->digest, root / "copy.pdf");
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        QCOMPARE(*opened, plain.size());
        QVERIFY(readAll(root / "copy.pdf") == plain);
    }

    void alteredOrWrongKeyLeavesNoFile()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAll(root / "a.bin", crypto::randomBytes(200000));
        auto sealed = sealAttachment(root / "a.bin", root / "out", crypto::systemRandom());
        QVERIFY(sealed.ok());

        auto bytes = readAll(sealed->ciphertextFile);
        bytes[bytes.size() / 2] ^= 0x01;
        writeAll(root / "altered.bin", bytes);
        const auto altered = openAttachment(root / "altered.bin", sealed->key.view(), sealed->digest, root / "x");
        QCOMPARE(altered.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(!fs::exists(root / "x"));

        // A relay that swaps in another blob with a matching digest still cannot pass the AEAD.
        const auto wrongKey = crypto::randomBytes(32);
        const auto swapped = openAttachment(sealed->ciphertextFile, wrongKey, sealed->digest, root / "y");
        QVERIFY(!swapped.ok());
        QVERIFY(!fs::exists(root / "y"));
        QVERIFY(!fs::exists(root / "y.partial"));
    }

    void decryptionInTwoHalvesRefusesEveryAlteration()
    {
        // Each 1 MiB block is decrypted in two halves at once: an alteration in either half, or
        // chunks swapped within one, is refused, and nothing of the block reaches the sink.
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const auto plain = crypto::randomBytes(2 * 1024 * 1024 + 700 * 1024);
        writeAll(root / "a.bin", plain);
        auto sealed = sealAttachment(root / "a.bin", root / "out", crypto::systemRandom());
        QVERIFY(sealed.ok());
        const auto cipher = readAll(sealed->ciphertextFile);
        constexpr std::size_t Header = crypto::SecretStreamSizes::Header;
        constexpr std::size_t Sealed = crypto::SecretStreamSizes::FileChunk + crypto::SecretStreamSizes::Overhead;
        constexpr std::size_t Block = 16 * Sealed;
        const auto decrypt = [&](const Bytes &bytes, std::uint64_t &released) {
            writeAll(root / "copy.bin", bytes);
            released = 0;
            return decryptAttachmentFile(root / "copy.bin", sealed->key.view(), plain.size(), [&](ByteView b) {
                released += b.size();
                return Result<void>();
            });
        };
        std::uint64_t released = 0;
        QCOMPARE(*decrypt(cipher, released), plain.size());
        QCOMPARE(released, plain.size());
        // Chunk 2 (first half of block 0), 12 (second half), 31 (block 1's last), 40 (the file's last).
        for (const std::size_t chunk : {2, 12, 31, 40}) {
            auto altered = cipher;
            altered[Header + chunk * Sealed + 100] ^= 0x01;
            const auto result = decrypt(altered, released);
            QVERIFY2(!result.ok(), qPrintable(QString::number(chunk)));
            QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
            QVERIFY(released <= (chunk * Sealed / Block) * 16 * crypto::SecretStreamSizes::FileChunk);
        }
        for (const auto &[a, b] : {std::pair{12, 13}, std::pair{3, 12}, std::pair{17, 30}}) {
            auto swapped = cipher;
            std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(Header + a * Sealed),
                             swapped.begin() + static_cast<std::ptrdiff_t>(Header + (a + 1) * Sealed),
                             swapped.begin() + static_cast<std::ptrdiff_t>(Header + b * Sealed));
            const auto result = decrypt(swapped, released);
            QVERIFY(!result.ok());
            QVERIFY(released
                    <= (static_cast<std::size_t>(a) * Sealed / Block) * 16 * crypto::SecretStreamSizes::FileChunk);
        }
    }

    void imagesGetAThumbnail()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        QImage image(1200, 800, QImage::Format_RGB32);
        image.fill(QColor(30, 90, 200));
        QVERIFY(image.save(QString::fromStdString((root / "photo.png").string())));
        auto sealed = sealAttachment(root / "photo.png", root / "out", crypto::systemRandom());
        QVERIFY(sealed.ok());
        QCOMPARE(sealed->mimeType, std::string("image/png"));
        QVERIFY(!sealed->thumbnail.empty());
        QImage thumb;
        QVERIFY(thumb.loadFromData(reinterpret_cast<const uchar *>(sealed->thumbnail.data()),
                                   static_cast<int>(sealed->thumbnail.size())));
        QCOMPARE(thumb.width(), 160);
    }

    void tooLargeOrMissingIsAClearError()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAll(root / "big.bin", Bytes(4096, 1));
        const auto big = sealAttachment(root / "big.bin", root / "out", crypto::systemRandom(), {}, 1024);
        QCOMPARE(big.error().code, ErrorCode::LimitExceeded);
        QVERIFY(big.error().message.find("too large") != std::string::npos);
        QVERIFY(!fs::exists(root / "out") || fs::is_empty(root / "out"));
        QCOMPARE(sealAttachment(root / "missing.bin", root / "out", crypto::systemRandom()).error().code,
                 ErrorCode::Io);
        QCOMPARE(sealAttachment(root, root / "out", crypto::systemRandom()).error().code, ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_engine_attachments.moc"
