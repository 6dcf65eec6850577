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

enum class AttachmentState : int {
    Remote = 0,      ///< known from the message, not downloaded
    Downloading = 1, ///< partly downloaded
    Available = 2,   ///< encrypted copy under the profile's attachments folder
    Failed = 3,      ///< download or digest check failed
};

/// An attachment of a message: what the sender described, and where our encrypted copy is.
struct StoredAttachment {
    std::int64_t id = 0; ///< assigned by add
    MessageId messageId;
    std::string blobId;
    std::string fileName;
    std::string mimeType;
    std::uint64_t size = 0;
    Bytes digest;
    /// The key the sender encrypted the relay's blob with.
    SecureBytes remoteKey;
    Bytes thumbnail;
    /// The file name under the attachments folder (AttachmentFiles), empty when not local.
    std::string localFile;
    /// The per-file key of the local copy.
    SecureBytes localKey;
    AttachmentState state = AttachmentState::Remote;
};

class AttachmentRepository {
public:
    explicit AttachmentRepository(Database &db)
        : m_db(db)
    {}

    /// Adds an attachment to a stored message and returns its id. NotFound without the message.
    Result<std::int64_t> add(const StoredAttachment &attachment);
    Result<std::optional<StoredAttachment>> find(std::int64_t id);
    Result<std::vector<StoredAttachment>> forMessage(const MessageId &messageId);
    /// Records the encrypted local copy.
    Result<void> setLocalFile(std::int64_t id, std::string_view localFile, ByteView localKey);
    Result<void> setState(std::int64_t id, AttachmentState state);
    /// Removes the row; the caller deletes the file (AttachmentFiles::remove) after committing.
    Result<void> remove(std::int64_t id);

private:
    Database &m_db;
};

} // namespace lapis::store
