// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/SecretStream.h>
#include <lapis/crypto/Sodium.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <ostream>

namespace lapis::crypto {

namespace {
constexpr auto TagMessage = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
constexpr auto TagFinal = crypto_secretstream_xchacha20poly1305_TAG_FINAL;

/// Reads up to out.size() bytes; fewer only at the end of the stream.
std::size_t readFully(std::istream &in, MutableByteView out)
{
    in.read(reinterpret_cast<char *>(out.data()), static_cast<std::streamsize>(out.size()));
    return static_cast<std::size_t>(in.gcount());
}
} // namespace

Result<SecretStreamEncryptor> SecretStreamEncryptor::create(ByteView key)
{
    if (key.size() != SecretStreamSizes::Key)
        return fail(ErrorCode::InvalidArgument, "A stream key must be 32 bytes long");
    initialise();
    SecretStreamEncryptor e;
    crypto_secretstream_xchacha20poly1305_init_push(&e.m_state, e.m_header, key.data());
    return e;
}

SecretStreamEncryptor::~SecretStreamEncryptor()
{
    sodium_memzero(&m_state, sizeof m_state);
}

SecretStreamEncryptor::SecretStreamEncryptor(SecretStreamEncryptor &&other) noexcept
    : m_state(other.m_state)
    , m_finished(other.m_finished)
{
    std::memcpy(m_header, other.m_header, sizeof m_header);
    sodium_memzero(&other.m_state, sizeof other.m_state);
    other.m_finished = true;
}

Result<Bytes> SecretStreamEncryptor::push(ByteView plaintext, bool final, ByteView ad)
{
    if (m_finished)
        return fail(ErrorCode::InvalidArgument, "The stream has already ended");
    Bytes out(plaintext.size() + SecretStreamSizes::Overhead);
    crypto_secretstream_xchacha20poly1305_push(&m_state, out.data(), nullptr, plaintext.data(), plaintext.size(),
                                               ad.data(), ad.size(), final ? TagFinal : TagMessage);
    m_finished = final;
    return out;
}

Result<void> SecretStreamEncryptor::pushInto(ByteView plaintext, bool final, MutableByteView out)
{
    if (m_finished)
        return fail(ErrorCode::InvalidArgument, "The stream has already ended");
    if (out.size() < plaintext.size() + SecretStreamSizes::Overhead)
        return fail(ErrorCode::InvalidArgument, "The buffer for a stream chunk is too small");
    crypto_secretstream_xchacha20poly1305_push(&m_state, out.data(), nullptr, plaintext.data(), plaintext.size(),
                                               nullptr, 0, final ? TagFinal : TagMessage);
    m_finished = final;
    return {};
}

Result<SecretStreamDecryptor> SecretStreamDecryptor::create(ByteView key, ByteView header)
{
    if (key.size() != SecretStreamSizes::Key)
        return fail(ErrorCode::InvalidArgument, "A stream key must be 32 bytes long");
    if (header.size() != SecretStreamSizes::Header)
        return fail(ErrorCode::Corrupt, "The stream header is truncated");
    initialise();
    SecretStreamDecryptor d;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&d.m_state, header.data(), key.data()) != 0)
        return fail(ErrorCode::Corrupt, "The stream header is invalid");
    return d;
}

SecretStreamDecryptor::~SecretStreamDecryptor()
{
    sodium_memzero(&m_state, sizeof m_state);
}

SecretStreamDecryptor::SecretStreamDecryptor(SecretStreamDecryptor &&other) noexcept
    : m_state(other.m_state)
    , m_finished(other.m_finished)
{
    sodium_memzero(&other.m_state, sizeof other.m_state);
    other.m_finished = true;
}

Result<SecretStreamDecryptor> SecretStreamDecryptor::after(ByteView chunks, std::size_t chunkSize) const
{
    // libsodium's state: the key, then the nonce as a 32-bit little-endian counter and 8 bytes
    // into which every pulled chunk's MAC (its last 16 bytes) is XORed, as pull() does.
    // (libsodium's secretstream.c names these sizes privately; its tests pin the construction.)
    constexpr std::size_t CounterBytes = 4;
    constexpr std::size_t InonceBytes = 8;
    constexpr std::size_t MacBytes = crypto_onetimeauth_poly1305_BYTES;
    static_assert(CounterBytes + InonceBytes == sizeof m_state.nonce);
    static_assert(1 + MacBytes == SecretStreamSizes::Overhead); // the tag byte, then the MAC
    if (m_finished)
        return fail(ErrorCode::Corrupt, "The stream has data after its end");
    if (chunkSize < SecretStreamSizes::Overhead)
        return fail(ErrorCode::InvalidArgument, "A stream chunk cannot be that short");
    SecretStreamDecryptor ahead;
    ahead.m_state = m_state;
    for (std::size_t offset = 0; offset < chunks.size(); offset += chunkSize) {
        const std::size_t size = std::min(chunkSize, chunks.size() - offset);
        if (size < SecretStreamSizes::Overhead)
            return fail(ErrorCode::Corrupt, "A stream chunk is truncated");
        const auto mac = chunks.subspan(offset + size - MacBytes, MacBytes);
        for (std::size_t i = 0; i < InonceBytes; ++i)
            ahead.m_state.nonce[CounterBytes + i] ^= mac[i];
        sodium_increment(ahead.m_state.nonce, CounterBytes);
        // After 2^32 chunks libsodium changes the key (rekey); files never get near that.
        if (sodium_is_zero(ahead.m_state.nonce, CounterBytes))
            return fail(ErrorCode::InvalidArgument, "A stream this long is decrypted one chunk after another");
    }
    return ahead;
}

Result<Bytes> SecretStreamDecryptor::pull(ByteView chunk, ByteView ad)
{
    if (m_finished)
        return fail(ErrorCode::Corrupt, "The stream has data after its end");
    if (chunk.size() < SecretStreamSizes::Overhead)
        return fail(ErrorCode::Corrupt, "A stream chunk is truncated");
    Bytes out(chunk.size() - SecretStreamSizes::Overhead);
    unsigned char tag = 0;
    // On failure libsodium leaves the state untouched, so a bad chunk cannot desynchronise us.
    if (crypto_secretstream_xchacha20poly1305_pull(&m_state, out.data(), nullptr, &tag, chunk.data(), chunk.size(),
                                                   ad.data(), ad.size())
        != 0)
        return fail(ErrorCode::AuthenticationFailed, "A stream chunk was altered, reordered or is from another stream");
    if (tag == TagFinal)
        m_finished = true;
    else if (tag != TagMessage)
        return fail(ErrorCode::Corrupt, "A stream chunk has an unexpected tag");
    return out;
}

Result<std::size_t> SecretStreamDecryptor::pullInto(ByteView chunk, MutableByteView out)
{
    if (m_finished)
        return fail(ErrorCode::Corrupt, "The stream has data after its end");
    if (chunk.size() < SecretStreamSizes::Overhead)
        return fail(ErrorCode::Corrupt, "A stream chunk is truncated");
    if (out.size() < chunk.size() - SecretStreamSizes::Overhead)
        return fail(ErrorCode::InvalidArgument, "The buffer for a stream chunk is too small");
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&m_state, out.data(), nullptr, &tag, chunk.data(), chunk.size(),
                                                   nullptr, 0)
        != 0)
        return fail(ErrorCode::AuthenticationFailed, "A stream chunk was altered, reordered or is from another stream");
    if (tag == TagFinal)
        m_finished = true;
    else if (tag != TagMessage)
        return fail(ErrorCode::Corrupt, "A stream chunk has an unexpected tag");
    return chunk.size() - SecretStreamSizes::Overhead;
}

Result<std::uint64_t> encryptStream(std::istream &in, std::ostream &out, ByteView key, const StreamProgress &progress)
{
    LAPIS_TRY_ASSIGN(auto encryptor, SecretStreamEncryptor::create(key));
    out.write(reinterpret_cast<const char *>(encryptor.header().data()),
              static_cast<std::streamsize>(encryptor.header().size()));
    // Two plaintext buffers and one for the sealed chunk, reused: no allocation per chunk.
    WipedBytes current(SecretStreamSizes::FileChunk);
    WipedBytes next(SecretStreamSizes::FileChunk);
    Bytes sealed(SecretStreamSizes::FileChunk + SecretStreamSizes::Overhead);
    std::size_t currentSize = readFully(in, current.mutableView());
    std::uint64_t total = 0;
    // Read one chunk ahead so that the last real chunk carries the final tag (no empty trailer).
    while (true) {
        const bool atEnd = currentSize < SecretStreamSizes::FileChunk || in.peek() == std::char_traits<char>::eof();
        const std::size_t nextSize = atEnd ? 0 : readFully(in, next.mutableView());
        const bool final = atEnd || nextSize == 0;
        LAPIS_TRY(encryptor.pushInto(current.view().first(currentSize), final, sealed));
        out.write(reinterpret_cast<const char *>(sealed.data()),
                  static_cast<std::streamsize>(currentSize + SecretStreamSizes::Overhead));
        if (!out)
            return fail(ErrorCode::Io, "Could not write the encrypted file");
        total += currentSize;
        if (progress)
            progress(total);
        if (final)
            break;
        std::swap(current, next);
        currentSize = nextSize;
    }
    if (in.bad())
        return fail(ErrorCode::Io, "Could not read the file to encrypt");
    out.flush();
    if (!out)
        return fail(ErrorCode::Io, "Could not write the encrypted file");
    return total;
}

Result<std::uint64_t> decryptStream(std::istream &in, std::ostream &out, ByteView key, const StreamProgress &progress)
{
    Bytes header(SecretStreamSizes::Header);
    if (readFully(in, header) != header.size())
        return fail(ErrorCode::Corrupt, "The encrypted file is truncated");
    LAPIS_TRY_ASSIGN(auto decryptor, SecretStreamDecryptor::create(key, header));
    Bytes chunk(SecretStreamSizes::FileChunk + SecretStreamSizes::Overhead);
    WipedBytes plain(SecretStreamSizes::FileChunk);
    std::uint64_t total = 0;
    while (!decryptor.finished()) {
        const std::size_t got = readFully(in, chunk);
        if (got == 0)
            return fail(ErrorCode::Corrupt, "The encrypted file is truncated");
        LAPIS_TRY_ASSIGN(const std::size_t size, decryptor.pullInto(ByteView(chunk).first(got), plain.mutableView()));
        out.write(reinterpret_cast<const char *>(plain.data()), static_cast<std::streamsize>(size));
        if (!out)
            return fail(ErrorCode::Io, "Could not write the decrypted file");
        total += size;
        if (progress)
            progress(total);
        if (!decryptor.finished() && got < chunk.size())
            return fail(ErrorCode::Corrupt, "The encrypted file is truncated");
    }
    if (in.peek() != std::char_traits<char>::eof())
        return fail(ErrorCode::Corrupt, "The encrypted file has data after its end");
    out.flush();
    return total;
}

} // namespace lapis::crypto
