// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace lapis::store {

/// A file just encrypted into the attachments folder.
struct EncryptedFile {
    std::string fileName; ///< random, under the attachments folder; reveals nothing
    SecureBytes key;      ///< its own key; store it with AttachmentRepository::setLocalFile
    std::uint64_t plaintextSize = 0;
};

/// The profile's attachments folder: every file in it is a crypto::encryptStream of the
/// plaintext under a per-file random key, written through a temp file and renamed into place.
/// No SQL, no shared state: usable from any thread (the engine's worker), not only the store's.
class AttachmentFiles {
public:
    explicit AttachmentFiles(std::filesystem::path folder)
        : m_folder(std::move(folder))
    {}

    /// Encrypts `plaintext` into a new file under a fresh key.
    Result<EncryptedFile> encryptFrom(std::istream &plaintext) const;
    /// Decrypts a file to `out`. Authentication failures (wrong key, altered or truncated file)
    /// are errors; `out` may then hold a verified prefix, so write to a temp file if that matters.
    Result<std::uint64_t> decryptTo(std::string_view fileName, ByteView key, std::ostream &out) const;
    /// Deletes a file; a file already gone is not an error.
    Result<void> remove(std::string_view fileName) const;

    [[nodiscard]] const std::filesystem::path &folder() const { return m_folder; }

private:
    Result<std::filesystem::path> pathOf(std::string_view fileName) const;
    std::filesystem::path m_folder;
};

} // namespace lapis::store
