// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/SecretStream.h>
#include <lapis/protocol/Content.h>
#include <lapis/store/AttachmentRepository.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace lapis::engine {

/// The largest attachment Lapis sends (the relay's default limit).
inline constexpr std::uint64_t MaxAttachmentSize = 2ULL * 1024 * 1024 * 1024;

/// A file encrypted for upload. The ciphertext file doubles as the sender's own copy at rest:
/// it is encrypted under `key`, which lives only in the encrypted store and inside the
/// end-to-end message.
struct SealedAttachment {
    std::filesystem::path ciphertextFile;
    SecretArray<32> key;
    Bytes digest; ///< BLAKE2b-256 of the whole ciphertext: the receiver checks it before decrypting
    std::uint64_t plaintextSize = 0;
    std::uint64_t ciphertextSize = 0;
    std::string fileName; ///< the original name, without its folder
    std::string mimeType;
    Bytes thumbnail; ///< a small JPEG for images, empty otherwise
};

/// Encrypts `source` as a secretstream into a new file in `folder` under a fresh key, hashing
/// the ciphertext as it goes. A missing or unreadable file is Io; one larger than `maxSize` is
/// LimitExceeded before anything is written. A partly written file is removed on failure.
Result<SealedAttachment> sealAttachment(const std::filesystem::path &source, const std::filesystem::path &folder,
                                        crypto::RandomSource &rng, const crypto::StreamProgress &progress = {},
                                        std::uint64_t maxSize = MaxAttachmentSize);

/// BLAKE2b-256 of a file.
Result<Bytes> digestOfFile(const std::filesystem::path &file);

/// Checks a downloaded ciphertext against the digest from the message (AuthenticationFailed when
/// it differs), then decrypts it to `destination` through a temporary file that is renamed only
/// once the whole stream verified. Returns the plaintext size.
Result<std::uint64_t> openAttachment(const std::filesystem::path &ciphertextFile, ByteView key, ByteView expectedDigest,
                                     const std::filesystem::path &destination);

/// The store's record of an attachment described by `pointer` in message `messageId`, not yet
/// downloaded (state Remote, no local file).
store::StoredAttachment storedAttachmentFor(const MessageId &messageId, const protocol::AttachmentPointer &pointer);

} // namespace lapis::engine
