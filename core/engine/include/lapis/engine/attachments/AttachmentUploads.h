// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Attachments.h>
#include <lapis/engine/EngineContext.h>
#include <lapis/engine/sending/Sender.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lapis::engine {

/// Sending files: encrypted as a stream into the profile's attachments folder (our copy at rest),
/// uploaded with resume, and the message sent once the relay holds the whole blob.
class Groups;

class AttachmentUploads {
public:
    /// A file sent to a group's conversation key goes to the group (`groups`): uploaded once,
    /// its pointer in the one group message.
    AttachmentUploads(EngineContext &context, Sender &sender, Groups &groups)
        : m_ctx(context)
        , m_sender(sender)
        , m_groups(groups)
    {}

    /// Sends a file as an attachment. When the upload stops (the relay went away, Lapis quit, or
    /// `progress` returned false to pause it) the upload stays pending and resumes at the next
    /// resumeUploads(); cancelUpload() gives it up.
    Result<SendReport> sendFile(const AccountId &to, const std::filesystem::path &file, bool allowPlaintext,
                                const transport::ProgressCallback &progress = {});
    /// sendFile() of bytes held in memory (a pasted or dropped image), encrypted before they touch
    /// the disk; `fileName` is what the recipient sees.
    Result<SendReport> sendFileData(const AccountId &to, ByteView data, const std::string &fileName,
                                    bool allowPlaintext, const transport::ProgressCallback &progress = {});
    /// Attachments whose upload has not finished: they resume from where the relay's copy ends.
    Result<std::vector<store::PendingUpload>> pendingUploads();
    /// Resumes every pending upload and sends its message; returns how many went out.
    Result<int> resumeUploads();
    /// Gives a pending upload up: nothing is sent, its sealed file is deleted.
    Result<void> cancelUpload(const std::string &blobId);

private:
    /// NotFound without an account; for a group's key, NotFound or PermissionDenied unless this
    /// account is a member.
    Result<void> checkRecipient(const AccountId &to);
    Result<SendReport> sendSealed(const AccountId &to, SealedAttachment sealed, bool allowPlaintext,
                                  const transport::ProgressCallback &progress);
    /// Sends the message of an upload after its first try (`uploaded`), trying once more on a
    /// blob the relay forgot.
    Result<SendReport> finishUpload(store::PendingUpload pending, const transport::ProgressCallback &progress,
                                    Result<transport::UploadInfo> uploaded);
    store::PendingUpload pendingUploadOf(const SealedAttachment &sealed, const std::string &blobId, const AccountId &to,
                                         bool allowPlaintext) const;

    EngineContext &m_ctx;
    Sender &m_sender;
    Groups &m_groups;
};

} // namespace lapis::engine
