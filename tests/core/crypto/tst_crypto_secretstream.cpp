// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Random.h>
#include <lapis/crypto/SecretStream.h>

#include <QTest>

#include <algorithm>
#include <sstream>

using namespace lapis;
using namespace lapis::crypto;

namespace {
constexpr std::size_t SealedChunk = SecretStreamSizes::FileChunk + SecretStreamSizes::Overhead;

std::string encrypt(const Bytes &key, const std::string &plain)
{
    std::istringstream in(plain);
    std::ostringstream out;
    const auto n = encryptStream(in, out, key);
    if (!n.ok() || *n != plain.size())
        qFatal("encryptStream failed");
    return out.str();
}

Result<std::string> decrypt(const Bytes &key, const std::string &sealed)
{
    std::istringstream in(sealed);
    std::ostringstream out;
    LAPIS_TRY(decryptStream(in, out, key));
    return out.str();
}

std::string randomText(std::size_t size)
{
    const auto b = randomBytes(size);
    return {b.begin(), b.end()};
}
} // namespace

class TestSecretStream : public QObject {
    Q_OBJECT
private slots:
    void roundTripSizes_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {0, 1, 1000, 65535, 65536, 65537, 3 * 65536, 3 * 65536 + 5})
            QTest::addRow("%d", size) << size;
    }
    void roundTripSizes()
    {
        QFETCH(int, size);
        const auto key = randomBytes(32);
        const auto plain = randomText(static_cast<std::size_t>(size));
        const auto sealed = encrypt(key, plain);
        const std::size_t chunks =
            plain.empty() ? 1 : (plain.size() + SecretStreamSizes::FileChunk - 1) / SecretStreamSizes::FileChunk;
        QCOMPARE(sealed.size(), SecretStreamSizes::Header + plain.size() + chunks * SecretStreamSizes::Overhead);
        const auto back = decrypt(key, sealed);
        QVERIFY(back.ok());
        QVERIFY(*back == plain);
    }

    void truncatedStreamRejected()
    {
        const auto key = randomBytes(32);
        const auto sealed = encrypt(key, randomText(3 * 65536 + 100));
        // Cut at a chunk boundary (a stream of whole chunks but no final tag), inside a chunk,
        // and inside the header.
        for (std::size_t cut : {SecretStreamSizes::Header + SealedChunk, SecretStreamSizes::Header + 2 * SealedChunk,
                                SecretStreamSizes::Header + SealedChunk + 10, std::size_t{5}, sealed.size() - 1}) {
            const auto r = decrypt(key, sealed.substr(0, cut));
            QVERIFY2(!r.ok(), qPrintable(QString::number(cut)));
        }
    }

    void reorderedChunksRejected()
    {
        const auto key = randomBytes(32);
        const auto sealed = encrypt(key, randomText(3 * 65536 + 100));
        const auto h = SecretStreamSizes::Header;
        std::string swapped = sealed.substr(0, h) + sealed.substr(h + SealedChunk, SealedChunk)
                              + sealed.substr(h, SealedChunk) + sealed.substr(h + 2 * SealedChunk);
        QCOMPARE(swapped.size(), sealed.size());
        QCOMPARE(decrypt(key, swapped).error().code, ErrorCode::AuthenticationFailed);
    }

    void duplicatedChunkRejected()
    {
        const auto key = randomBytes(32);
        const auto sealed = encrypt(key, randomText(2 * 65536 + 100));
        const auto h = SecretStreamSizes::Header;
        std::string duplicated =
            sealed.substr(0, h + SealedChunk) + sealed.substr(h, SealedChunk) + sealed.substr(h + SealedChunk);
        QVERIFY(!decrypt(key, duplicated).ok());
    }

    void chunkFromAnotherStreamRejected()
    {
        const auto key = randomBytes(32);
        const auto a = encrypt(key, randomText(2 * 65536));
        const auto b = encrypt(key, randomText(2 * 65536));
        const auto h = SecretStreamSizes::Header;
        std::string mixed = a.substr(0, h + SealedChunk) + b.substr(h + SealedChunk);
        QCOMPARE(decrypt(key, mixed).error().code, ErrorCode::AuthenticationFailed);
    }

    void trailingBytesRejected()
    {
        const auto key = randomBytes(32);
        const auto sealed = encrypt(key, randomText(1000));
        // Appended to a short final chunk, the extra byte is read as part of it: the tag fails.
        QCOMPARE(decrypt(key, sealed + "x").error().code, ErrorCode::AuthenticationFailed);
        // After a final chunk of full size, the extra byte is seen as data after the end.
        const auto whole = encrypt(key, randomText(SecretStreamSizes::FileChunk));
        QCOMPARE(decrypt(key, whole + "x").error().code, ErrorCode::Corrupt);
        // A whole second stream appended after the final chunk is trailing data too.
        QVERIFY(!decrypt(key, sealed + encrypt(key, "more")).ok());
    }

    void flippedBitsRejected()
    {
        const auto key = randomBytes(32);
        const auto sealed = encrypt(key, randomText(300));
        for (std::size_t bit = 0; bit < sealed.size() * 8; bit += 7) {
            std::string altered = sealed;
            altered[bit / 8] = static_cast<char>(altered[bit / 8] ^ (1 << (bit % 8)));
            QVERIFY2(!decrypt(key, altered).ok(), qPrintable(QString::number(bit)));
        }
        QVERIFY(!decrypt(randomBytes(32), sealed).ok());
    }

    void chunkApiRefusesDataAfterFinal()
    {
        const auto key = randomBytes(32);
        auto enc = SecretStreamEncryptor::create(key);
        QVERIFY(enc.ok());
        const auto c1 = enc->push(toBytes("one"), false);
        const auto c2 = enc->push(toBytes("two"), true);
        QVERIFY(!enc->push(toBytes("three"), false).ok());
        auto dec = SecretStreamDecryptor::create(key, enc->header());
        QVERIFY(dec.ok());
        QCOMPARE(*dec->pull(*c1), toBytes("one"));
        QVERIFY(!dec->finished());
        QVERIFY(!dec->pull(*c1).ok()); // a replayed chunk fails and leaves the state as it was
        QCOMPARE(*dec->pull(*c2), toBytes("two"));
        QVERIFY(dec->finished());
        QCOMPARE(dec->pull(*c2).error().code, ErrorCode::Corrupt);
        QCOMPARE(SecretStreamEncryptor::create(Bytes(16)).error().code, ErrorCode::InvalidArgument);
    }

    void aDecryptorAfterSkippedChunksDecryptsTheRest()
    {
        // 40 chunks of 1,000 bytes, the last 500 and final, as one contiguous sealed stream.
        const auto key = randomBytes(32);
        auto enc = SecretStreamEncryptor::create(key);
        QVERIFY(enc.ok());
        static constexpr std::size_t Plain = 1000;
        static constexpr std::size_t Sealed = Plain + SecretStreamSizes::Overhead;
        Bytes plain;
        Bytes sealed;
        for (int i = 0; i < 40; ++i) {
            const auto part = randomBytes(i == 39 ? 500 : Plain);
            const auto chunk = enc->push(part, i == 39);
            QVERIFY(chunk.ok());
            plain.insert(plain.end(), part.begin(), part.end());
            sealed.insert(sealed.end(), chunk->begin(), chunk->end());
        }
        const auto pullAll = [](SecretStreamDecryptor &d, ByteView chunks) -> Result<Bytes> {
            Bytes out;
            for (std::size_t offset = 0; offset < chunks.size(); offset += Sealed) {
                LAPIS_TRY_ASSIGN(auto part, d.pull(chunks.subspan(offset, std::min(Sealed, chunks.size() - offset))));
                out.insert(out.end(), part.begin(), part.end());
            }
            return out;
        };
        const ByteView all(sealed);
        const ByteView first = all.first(20 * Sealed);
        const ByteView rest = all.subspan(20 * Sealed);
        auto front = SecretStreamDecryptor::create(key, enc->header());
        QVERIFY(front.ok());
        auto back = front->after(first, Sealed);
        QVERIFY(back.ok());
        // The second half first: it does not wait for the first.
        const auto second = pullAll(*back, rest);
        QVERIFY(second.ok());
        QVERIFY(back->finished());
        const auto firstPlain = pullAll(*front, first);
        QVERIFY(firstPlain.ok());
        QVERIFY(!front->finished());
        QVERIFY(ByteView(plain).first(20 * Plain).size() == firstPlain->size());
        QVERIFY(std::equal(firstPlain->begin(), firstPlain->end(), plain.begin()));
        QVERIFY(std::equal(second->begin(), second->end(), plain.begin() + 20 * Plain));

        // A skipped chunk that is not the genuine one fails when the first decryptor pulls it; where
        // the alteration reaches the next nonce (the MAC's first 8 bytes), all after it fail too.
        for (const std::size_t macByte : {std::size_t{0}, std::size_t{15}}) {
            Bytes altered = sealed;
            altered[5 * Sealed + Sealed - 16 + macByte] ^= 0x01;
            auto fresh = SecretStreamDecryptor::create(key, enc->header());
            QVERIFY(fresh.ok());
            auto misled = fresh->after(ByteView(altered).first(20 * Sealed), Sealed);
            QVERIFY(misled.ok());
            QCOMPARE(pullAll(*misled, rest).ok(), macByte >= 8);
            QCOMPARE(pullAll(*fresh, ByteView(altered).first(20 * Sealed)).error().code,
                     ErrorCode::AuthenticationFailed);
        }
        // Skipping a chunk too few or too many is as wrong as reordering.
        auto shortSkip = SecretStreamDecryptor::create(key, enc->header())->after(all.first(19 * Sealed), Sealed);
        QVERIFY(shortSkip.ok());
        QCOMPARE(pullAll(*shortSkip, rest).error().code, ErrorCode::AuthenticationFailed);
    }

    void progressReported()
    {
        const auto key = randomBytes(32);
        const auto plain = randomText(200000);
        std::istringstream in(plain);
        std::ostringstream out;
        std::vector<std::uint64_t> seen;
        QVERIFY(encryptStream(in, out, key, [&](std::uint64_t done) { seen.push_back(done); }).ok());
        QCOMPARE(seen.size(), std::size_t{4});
        QCOMPARE(seen.back(), std::uint64_t{200000});
    }
};

QTEST_APPLESS_MAIN(TestSecretStream)
#include "tst_crypto_secretstream.moc"
