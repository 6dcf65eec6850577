// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

#include <sodium.h>

#include <cstdint>
#include <functional>
#include <iosfwd>

namespace lapis::crypto {

/// libsodium's secretstream (XChaCha20-Poly1305): a sequence of authenticated chunks whose order,
/// completeness and end are all protected. Used for attachments and backups.
struct SecretStreamSizes {
    static constexpr std::size_t Key = crypto_secretstream_xchacha20poly1305_KEYBYTES;
    static constexpr std::size_t Header = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
    static constexpr std::size_t Overhead = crypto_secretstream_xchacha20poly1305_ABYTES;
    /// Plaintext bytes per chunk in the file format of encryptStream/decryptStream.
    static constexpr std::size_t FileChunk = 64 * 1024;
};

/// Encrypts one stream chunk by chunk. The last chunk must be pushed with `final` set.
class SecretStreamEncryptor {
public:
    /// Starts a stream under `key` (32 bytes); header() must be sent before the first chunk.
    static Result<SecretStreamEncryptor> create(ByteView key);
    ~SecretStreamEncryptor();
    SecretStreamEncryptor(SecretStreamEncryptor &&other) noexcept;
    SecretStreamEncryptor &operator=(SecretStreamEncryptor &&) = delete;

    [[nodiscard]] ByteView header() const { return {m_header, sizeof m_header}; }
    /// Encrypts `plaintext` as the next chunk (plaintext.size() + Overhead bytes).
    /// Pushing after the final chunk is an error.
    Result<Bytes> push(ByteView plaintext, bool final, ByteView ad = {});
    /// push() into `out` (at least plaintext.size() + Overhead bytes), without allocating.
    Result<void> pushInto(ByteView plaintext, bool final, MutableByteView out);

private:
    SecretStreamEncryptor() = default;
    crypto_secretstream_xchacha20poly1305_state m_state{};
    std::uint8_t m_header[SecretStreamSizes::Header]{};
    bool m_finished = false;
};

/// Decrypts a stream chunk by chunk, refusing reordered, repeated, foreign or altered chunks
/// and anything after the final one.
class SecretStreamDecryptor {
public:
    /// Starts decrypting with `key` and the stream's `header`.
    static Result<SecretStreamDecryptor> create(ByteView key, ByteView header);
    ~SecretStreamDecryptor();
    SecretStreamDecryptor(SecretStreamDecryptor &&other) noexcept;
    SecretStreamDecryptor &operator=(SecretStreamDecryptor &&) = delete;

    /// The plaintext of the next chunk. AuthenticationFailed when the chunk is not the next genuine
    /// one; Corrupt when a chunk comes after the final one.
    Result<Bytes> pull(ByteView chunk, ByteView ad = {});
    /// pull() into `out` (at least chunk.size() - Overhead bytes), without allocating; returns the
    /// plaintext's length.
    Result<std::size_t> pullInto(ByteView chunk, MutableByteView out);
    /// True once the final chunk has been pulled. A stream that ends before that is truncated.
    [[nodiscard]] bool finished() const { return m_finished; }
    /// A decryptor for the chunks after `chunks` (`chunkSize` bytes each, sealed, the last maybe
    /// shorter: the next ones of this stream), made without decrypting them: libsodium mixes
    /// each chunk's MAC into the next nonce, so the state after them follows from their last
    /// bytes. With it a second thread decrypts the chunks after those while this decryptor pulls
    /// them. Nothing is trusted that way as long as this decryptor still pulls every skipped chunk
    /// and both succeed before any of the plaintext is used: each chunk is authenticated by the
    /// decryptor that pulls it, and the chain of MACs ties the second part to the genuine first.
    [[nodiscard]] Result<SecretStreamDecryptor> after(ByteView chunks, std::size_t chunkSize) const;

private:
    SecretStreamDecryptor() = default;
    crypto_secretstream_xchacha20poly1305_state m_state{};
    bool m_finished = false;
};

using StreamProgress = std::function<void(std::uint64_t plaintextBytesDone)>;

/// Writes header ‖ chunk… of `in` to `out`, in FileChunk-sized chunks, the last marked final.
/// Returns the number of plaintext bytes.
Result<std::uint64_t> encryptStream(std::istream &in, std::ostream &out, ByteView key,
                                    const StreamProgress &progress = {});

/// Reverses encryptStream. A truncated stream (no final chunk), trailing bytes after the final
/// chunk, or any altered byte is an error. Plaintext is written as it is verified, chunk by chunk:
/// a caller that must not keep a partial result writes to a temporary file and keeps it only
/// on success. Returns the number of plaintext bytes.
Result<std::uint64_t> decryptStream(std::istream &in, std::ostream &out, ByteView key,
                                    const StreamProgress &progress = {});

} // namespace lapis::crypto
