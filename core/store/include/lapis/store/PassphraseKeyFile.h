// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/PasswordHash.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace lapis::store {

/// The small header beside the database that holds the database key wrapped by a passphrase,
/// for systems without a keychain. Format (version 1, 113 bytes, integers little-endian):
///
///     "LAPISKEY" | version u8 = 1 | opsLimit u64 | memLimit u64 | salt[16] | nonce[24] ‖ key[32] ‖ tag[16]
///
/// The wrapping is XChaCha20-Poly1305 under Argon2id(passphrase, salt) with everything before the
/// nonce as associated data, so the costs cannot be lowered by editing the file. The database key
/// itself never changes: changing the passphrase rewrites only this file.
class PassphraseKeyFile {
public:
    static constexpr std::uint8_t Version = 1;
    static constexpr std::size_t FileSize = 8 + 1 + 8 + 8 + 16 + 24 + 32 + 16;

    /// Stages of replacing the file, for tests that simulate a kill at each of them: a hook that
    /// returns false stops the replacement right there, leaving the files as a kill would.
    enum class Stage { TempWritten, TempSynced, Renamed };
    using StageHook = std::function<bool(Stage)>;

    /// Wraps `key` under `passphrase` and writes the file atomically (temp file, fsync, rename,
    /// fsync of the folder). Refuses to overwrite an existing file (AlreadyExists).
    static Result<void> create(const std::filesystem::path &path, ByteView key, std::string_view passphrase,
                               const crypto::Argon2Params &params);
    /// The database key. WrongPassphrase when the passphrase does not open it; Corrupt when the file
    /// is damaged; Unsupported for a newer version; NotFound without the file. Never writes.
    static Result<SecureBytes> unwrap(const std::filesystem::path &path, std::string_view passphrase);
    /// Rewraps the key under `newPassphrase`. A kill at any moment leaves either the old file or
    /// the new one in place, each complete; an abandoned temp file is ignored and replaced later.
    static Result<void> changePassphrase(const std::filesystem::path &path, std::string_view oldPassphrase,
                                         std::string_view newPassphrase, const crypto::Argon2Params &params,
                                         const StageHook &hook = {});
    /// The Argon2id costs recorded in the file.
    static Result<crypto::Argon2Params> params(const std::filesystem::path &path);

private:
    static Result<void> write(const std::filesystem::path &path, ByteView key, std::string_view passphrase,
                              const crypto::Argon2Params &params, const StageHook &hook);
};

} // namespace lapis::store
