// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::store {

class Database;

/// An attachment sealed and announced to the relay but not yet sent in a message: what resuming
/// the upload after a restart, and then sending the message, needs.
struct PendingUpload {
    std::string blobId;
    AccountId recipient;
    bool allowPlaintext = false; ///< the user's choice for this message (the downgrade guard)
    std::string cipherFile;      ///< file name under the profile's attachments folder
    SecureBytes fileKey;
    Bytes digest;
    std::uint64_t plaintextSize = 0;
    std::uint64_t cipherSize = 0;
    std::string mimeType;
    std::string fileName;
    Bytes thumbnail;
    std::int64_t createdAtMs = 0;
};

class PendingUploadRepository {
public:
    explicit PendingUploadRepository(Database &db)
        : m_db(db)
    {}

    Result<void> add(const PendingUpload &upload);
    /// Oldest first.
    Result<std::vector<PendingUpload>> list();
    Result<std::optional<PendingUpload>> find(const std::string &blobId);
    /// The relay forgot the blob (expired): the same sealed file goes to a new one.
    Result<void> replaceBlob(const std::string &oldBlobId, const std::string &newBlobId);
    /// Returns whether there was such a row.
    Result<bool> remove(const std::string &blobId);

private:
    Database &m_db;
};

} // namespace lapis::store
