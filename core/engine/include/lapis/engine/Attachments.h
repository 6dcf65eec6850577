// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/SecretStream.h>
#include <lapis/protocol/Content.h>
#include <lapis/store/AttachmentRepository.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace lapis::engine {

/// The largest attachment Lapis sends (the relay's default limit).
inline constexpr std::uint64_t MaxAttachmentSize = 2ULL * 1024 * 1024 * 1024;
/// Attachments up to this size are downloaded as they arrive; larger ones wait until the user asks
/// (Engine::setAutoDownloadLimit, the desktop's settings).
inline constexpr std::uint64_t DefaultAutoDownloadLimit = 100ULL * 1024 * 1024;

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

/// Where decrypted bytes go, in order, each call after the bytes before it were authenticated.
/// An error stops the decryption and is returned.
using PlaintextSink = std::function<Result<void>(ByteView plaintext)>;

/// Encrypts `source` as a secretstream into a new file (0600) in `folder` under a fresh key,
/// hashing the ciphertext as it goes. A missing or unreadable file is Io; one larger than `maxSize`
/// is LimitExceeded before anything is written. A partly written file is removed on failure.
Result<SealedAttachment> sealAttachment(const std::filesystem::path &source, const std::filesystem::path &folder,
                                        crypto::RandomSource &rng, const crypto::StreamProgress &progress = {},
                                        std::uint64_t maxSize = MaxAttachmentSize);

/// sealAttachment() into `ciphertextFile` (created 0600, or emptied when it exists); `progress` gets the
/// plaintext bytes sealed, after the ciphertext of those bytes is in the file.
Result<SealedAttachment> sealAttachmentTo(const std::filesystem::path &source,
                                          const std::filesystem::path &ciphertextFile, crypto::RandomSource &rng,
                                          const crypto::StreamProgress &progress = {},
                                          std::uint64_t maxSize = MaxAttachmentSize);

/// sealAttachment() of bytes held in memory (a pasted or dropped image): they reach the disk only
/// encrypted. `fileName` is the name the recipient sees.
Result<SealedAttachment> sealAttachmentData(ByteView data, const std::string &fileName,
                                            const std::filesystem::path &folder, crypto::RandomSource &rng);

/// The size of the secretstream encryptStream() makes of `plaintextSize` bytes (header, then 17
/// bytes per started 64 KiB chunk, at least one chunk): all a receiver reads for a pointer of
/// that size.
std::uint64_t cipherSizeOf(std::uint64_t plaintextSize);

/// BLAKE2b-256 of a file.
Result<Bytes> digestOfFile(const std::filesystem::path &file);
/// Feeds a file's bytes to `hash` (a missing file is nothing to feed).
Result<void> hashFileInto(const std::filesystem::path &file, crypto::Blake2b &hash);

/// Decrypts a secretstream file to `sink`, chunk by chunk as each is authenticated. A wrong key,
/// an altered, truncated or extended file, or a plaintext of another size than `expectedSize` is
/// an error (the sink may have seen a verified prefix by then).
Result<std::uint64_t> decryptAttachmentFile(const std::filesystem::path &ciphertextFile, ByteView key,
                                            std::uint64_t expectedSize, const PlaintextSink &sink);

/// Checks a downloaded ciphertext against the digest from the message (AuthenticationFailed when
/// it differs), then decrypts it to `destination` (0600) through a temporary file that is renamed
/// only once the whole stream verified. Returns the plaintext size.
Result<std::uint64_t> openAttachment(const std::filesystem::path &ciphertextFile, ByteView key, ByteView expectedDigest,
                                     const std::filesystem::path &destination);

/// A file name a sender wrote, made safe to create in a folder: no folder part, no separators or
/// control characters, no leading dot, at most 200 bytes (the extension kept), never empty.
std::string safeFileName(std::string_view name);

/// A new empty file (0600) in `folder` named after `name` (safeFileName), never an existing one:
/// "name.ext", then "name (2).ext", and so on. The caller writes it and removes it on failure.
Result<std::filesystem::path> createUniqueFile(const std::filesystem::path &folder, std::string_view name);

/// Decrypts `ciphertextFile` into `destination`, which must exist and be empty (createUniqueFile)
/// or is created (0600) through a temporary file renamed into place; removed again on failure.
/// `tee` sees the plaintext as it is written.
Result<std::uint64_t> writeDecrypted(const std::filesystem::path &ciphertextFile, ByteView key,
                                     std::uint64_t expectedSize, const std::filesystem::path &destination,
                                     bool destinationReserved, const PlaintextSink &tee = {});

/// The store's record of an attachment described by `pointer` in message `messageId`, not yet
/// downloaded (state Remote, no local file).
store::StoredAttachment storedAttachmentFor(const MessageId &messageId, const protocol::AttachmentPointer &pointer);

} // namespace lapis::engine
