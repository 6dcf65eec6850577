// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Attachments.h>
#include <lapis/engine/EngineContext.h>
#include <lapis/engine/IncomingMessages.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace lapis::engine {

/// Received attachments: kept only as the sender's ciphertext, checked against its digest, under
/// a key the encrypted store holds; plaintext only when the user asks for it.
class AttachmentDownloads {
public:
    explicit AttachmentDownloads(EngineContext &context)
        : m_ctx(context)
    {}

    /// Stores the attachments of a received message and downloads those up to the context's
    /// auto-download limit; larger ones wait for downloadAttachment().
    Result<ReceivedItem> fetchAttachments(IncomingEvent event);
    /// Downloads an attachment that waited (too large, or failed before), resuming after what an
    /// earlier try saved; reads at most what its pointer's size allows and checks the digest.
    Result<void> downloadAttachment(std::int64_t attachmentId, const transport::ProgressCallback &progress = {});
    /// The plaintext of a downloaded attachment, decrypted from its copy at rest into `sink` chunk
    /// by chunk as each is authenticated; nothing is written anywhere.
    Result<std::uint64_t> decryptAttachment(std::int64_t attachmentId, const PlaintextSink &sink);
    /// Decrypts a downloaded attachment into `destination` (the user's "Save as…" choice; 0600,
    /// written through a temporary file renamed into place).
    Result<void> decryptAttachmentTo(std::int64_t attachmentId, const std::filesystem::path &destination);
    /// Decrypts a downloaded attachment into a new file in `folder`, named after the sender's name
    /// made safe and unique there (createUniqueFile); returns its path. `tee` sees the plaintext.
    Result<std::filesystem::path> saveAttachmentIn(std::int64_t attachmentId, const std::filesystem::path &folder,
                                                   const PlaintextSink &tee = {});
    /// "Open": saveAttachmentIn() the private folder for opened attachments (openedFolder()).
    Result<std::filesystem::path> openAttachmentCopy(std::int64_t attachmentId);
    /// Where "Open" puts decrypted copies: a folder only this user may enter (0700), emptied by
    /// clearOpenedAttachments() when the app closes and when a profile is opened.
    [[nodiscard]] std::filesystem::path openedFolder() const;
    Result<void> clearOpenedAttachments();
    /// An attachment's plaintext, decrypted in memory from the copy at rest (nothing decrypted
    /// reaches the disk): what the app hands to its sandboxed image decoder. NotFound while there
    /// is no local copy; LimitExceeded when it is larger than `maxSize` (checked before and while
    /// decrypting); AuthenticationFailed when the copy was altered.
    Result<Bytes> attachmentBytes(std::int64_t attachmentId, std::uint64_t maxSize);

private:
    /// Downloads `row` (resuming a partial copy) and checks its digest; the rows of the same blob
    /// in `sameBlob` share the copy instead of fetching it again.
    Result<void> fetchAttachment(const store::StoredAttachment &row,
                                 const std::vector<const store::StoredAttachment *> &sameBlob,
                                 const transport::ProgressCallback &progress);
    Result<store::StoredAttachment> downloadedAttachment(std::int64_t attachmentId);

    EngineContext &m_ctx;
};

} // namespace lapis::engine
