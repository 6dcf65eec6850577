// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backup.pb.h"

#include <lapis/common/Result.h>
#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/SecretStream.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace lapis::engine {

/// The backup file format (core/protocol/PROTOCOL.md, "Backups"): a fixed header (magic, version,
/// Argon2id costs, salt, key check), then a secretstream of records, one record per chunk, each
/// chunk prefixed by its length. No I/O beyond the streams passed in.
namespace backupfile {
constexpr std::size_t HeaderSize = 8 + 1 + 1 + 4 + 8 + crypto::Argon2::SaltSize + 16;
/// The largest record plaintext a reader accepts (attachment data comes in 64 KiB pieces).
constexpr std::size_t MaxRecordSize = 4 * 1024 * 1024;
constexpr std::size_t AttachmentPiece = 64 * 1024;
/// Costs beyond these are refused before any key derivation: a crafted header must not make
/// the reader spend minutes or gigabytes.
constexpr std::uint64_t MaxOpsLimit = 32;
constexpr std::uint64_t MaxMemLimit = 2ULL * 1024 * 1024 * 1024;
} // namespace backupfile

/// A fresh recovery code: 30 characters of RFC 4648 base32 (150 bits) in six groups of five,
/// e.g. "K7QXM-2DPLA-…". Shown once; held only by the user.
std::string generateRecoveryCode(crypto::RandomSource &rng);
/// The code as the KDF sees it: upper case, without spaces or dashes. InvalidArgument when it is
/// not 30 base32 characters.
Result<std::string> normaliseRecoveryCode(std::string_view code);

/// Writes a backup: the header at once, then one record per write(), the last by finish().
class BackupWriter {
public:
    static Result<BackupWriter> start(std::ostream &out, std::string_view recoveryCode,
                                      const crypto::Argon2Params &params, crypto::RandomSource &rng);
    BackupWriter(BackupWriter &&) noexcept;
    BackupWriter &operator=(BackupWriter &&) = delete;
    ~BackupWriter();

    Result<void> write(const backup::Record &record);
    /// Writes `end` as the stream's final chunk and flushes.
    Result<void> finish(const backup::Record &end);

private:
    BackupWriter(std::ostream &out, std::unique_ptr<crypto::SecretStreamEncryptor> encryptor, Bytes header);
    Result<void> push(const backup::Record &record, bool final);

    std::ostream *m_out;
    std::unique_ptr<crypto::SecretStreamEncryptor> m_encryptor;
    Bytes m_header; ///< authenticated with the first chunk
    bool m_first = true;
};

/// Reads a backup record by record. Every failure is an Error a person can read: WrongPassphrase
/// for a code that does not open the file, Corrupt for a damaged or truncated file, Unsupported
/// for a newer format.
class BackupReader {
public:
    static Result<BackupReader> open(std::istream &in, std::string_view recoveryCode);
    BackupReader(BackupReader &&) noexcept;
    BackupReader &operator=(BackupReader &&) = delete;
    ~BackupReader();

    /// The next record. After the final one (an End record), finished() is true and the file
    /// must end there.
    Result<backup::Record> next();
    [[nodiscard]] bool finished() const { return m_finished; }

private:
    BackupReader(std::istream &in, std::unique_ptr<crypto::SecretStreamDecryptor> decryptor, Bytes header);

    std::istream *m_in;
    std::unique_ptr<crypto::SecretStreamDecryptor> m_decryptor;
    Bytes m_header;
    bool m_first = true;
    bool m_finished = false;
};

} // namespace lapis::engine
