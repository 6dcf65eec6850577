// SPDX-License-Identifier: GPL-3.0-or-later
// Sending files: encrypted as a stream, uploaded with resume, and the message sent once the
// relay holds the whole blob.
#include <lapis/common/Log.h>
#include <lapis/engine/attachments/AttachmentUploads.h>
#include <lapis/engine/groups/Groups.h>

#include <condition_variable>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <unistd.h>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<void> AttachmentUploads::checkRecipient(const AccountId &to)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    // Nothing is uploaded for a group the message could not go to.
    if (const auto group = groupOfConversationKey(to)) {
        LAPIS_TRY_ASSIGN(const auto summary, m_groups.group(*group));
        if (!summary.isMember)
            return fail(ErrorCode::PermissionDenied, ErrorReason::NotGroupMember,
                        "You are not a member of this group any more");
    }
    return {};
}

Result<SendReport> AttachmentUploads::sendFile(const AccountId &to, const fs::path &file, bool allowPlaintext,
                                               const transport::ProgressCallback &progress)
{
    LAPIS_TRY(checkRecipient(to));
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (!ec && size <= MaxAttachmentSize && cipherSizeOf(size) > MaxAttachmentSize)
        return fail(ErrorCode::LimitExceeded, file.filename().string()
                                                  + " is too large to send (the limit is 2 GiB "
                                                    "including the encryption's overhead)");
    if (ec || size > MaxAttachmentSize || !fs::is_regular_file(file, ec)) {
        // sealAttachment says what is wrong with it.
        LAPIS_TRY_ASSIGN(auto sealed, sealAttachment(file, m_ctx.store->paths().attachments, m_ctx.rng));
        return sendSealed(to, std::move(sealed), allowPlaintext, progress);
    }
    // The upload follows the encryption through the file instead of waiting for its end: the
    // ciphertext's size is known up front, and the file is both the resume source and our copy
    // at rest. The pending upload is recorded once the file is whole (and its digest known), as
    // before, so a crash while encrypting leaves nothing to resume; after that it resumes.
    LAPIS_TRY_ASSIGN(auto created, m_ctx.relay->createUpload(cipherSizeOf(size)));
    fs::create_directories(m_ctx.store->paths().attachments, ec);
    const fs::path cipherFile = m_ctx.store->paths().attachments / ("out-" + toHex(m_ctx.rng.bytes(16)) + ".bin");
    // Created before the upload looks for it; private to the user like the whole profile.
    const int created0600 = ::open(cipherFile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (created0600 < 0)
        return fail(ErrorCode::Io, "Cannot write in " + m_ctx.store->paths().attachments.string());
    ::close(created0600);
    std::mutex mutex;
    std::condition_variable sealedMore;
    std::uint64_t sealedBytes = 0;
    bool sealingFailed = false;
    const auto readable = [&](std::uint64_t wanted) -> Result<void> {
        std::unique_lock lock(mutex);
        sealedMore.wait(lock, [&] { return sealedBytes >= wanted || sealingFailed; });
        if (sealedBytes >= wanted)
            return {};
        return fail(ErrorCode::Cancelled, "The file could not be encrypted");
    };
    const auto sealedUpTo = [&](std::uint64_t plaintextDone) {
        {
            std::lock_guard lock(mutex);
            sealedBytes = cipherSizeOf(plaintextDone); // blocks end on chunk boundaries
        }
        sealedMore.notify_all();
    };
    auto uploading = std::async(std::launch::async,
                                [&] { return m_ctx.relay->uploadFrom(created, cipherFile, progress, readable); });
    auto sealed = sealAttachmentTo(file, cipherFile, m_ctx.rng, sealedUpTo);
    if (!sealed.ok()) {
        {
            std::lock_guard lock(mutex);
            sealingFailed = true;
        }
        sealedMore.notify_all();
        (void)uploading.get();
        fs::remove(cipherFile, ec);
        return std::move(sealed).error();
    }
    auto pending = pendingUploadOf(*sealed, created.blobId, to, allowPlaintext);
    auto recorded =
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.pendingUploads().add(pending); }).get();
    auto uploaded = uploading.get();
    LAPIS_TRY(recorded);
    return finishUpload(std::move(pending), progress, std::move(uploaded));
}

Result<SendReport> AttachmentUploads::sendFileData(const AccountId &to, ByteView data, const std::string &fileName,
                                                   bool allowPlaintext, const transport::ProgressCallback &progress)
{
    LAPIS_TRY(checkRecipient(to));
    LAPIS_TRY_ASSIGN(auto sealed, sealAttachmentData(data, fileName, m_ctx.store->paths().attachments, m_ctx.rng));
    return sendSealed(to, std::move(sealed), allowPlaintext, progress);
}

Result<SendReport> AttachmentUploads::sendSealed(const AccountId &to, SealedAttachment sealed, bool allowPlaintext,
                                                 const transport::ProgressCallback &progress)
{
    auto created = m_ctx.relay->createUpload(sealed.ciphertextSize);
    if (!created.ok()) {
        std::error_code ec;
        fs::remove(sealed.ciphertextFile, ec);
        return std::move(created).error();
    }
    auto pending = pendingUploadOf(sealed, created->blobId, to, allowPlaintext);
    // From here on the upload survives a restart: m_receiver.flushOutbox() resumes it from where the relay's
    // copy ends and then sends the message.
    LAPIS_TRY(m_ctx.store->transact([&](store::Transaction &tx) { return tx.pendingUploads().add(pending); }).get());
    const fs::path cipherFile = m_ctx.store->paths().attachments / pending.cipherFile;
    auto uploaded = m_ctx.relay->uploadFrom(*created, cipherFile, progress);
    return finishUpload(std::move(pending), progress, std::move(uploaded));
}

store::PendingUpload AttachmentUploads::pendingUploadOf(const SealedAttachment &sealed, const std::string &blobId,
                                                        const AccountId &to, bool allowPlaintext) const
{
    store::PendingUpload pending;
    pending.blobId = blobId;
    pending.recipient = to;
    pending.allowPlaintext = allowPlaintext;
    pending.cipherFile = sealed.ciphertextFile.filename().string();
    pending.fileKey = SecureBytes::copyOf(sealed.key.view());
    pending.digest = sealed.digest;
    pending.plaintextSize = sealed.plaintextSize;
    pending.cipherSize = sealed.ciphertextSize;
    pending.mimeType = sealed.mimeType;
    pending.fileName = sealed.fileName;
    pending.thumbnail = sealed.thumbnail;
    pending.createdAtMs = m_ctx.nowMs();
    return pending;
}

Result<SendReport> AttachmentUploads::finishUpload(store::PendingUpload pending,
                                                   const transport::ProgressCallback &progress,
                                                   Result<transport::UploadInfo> uploaded)
{
    const fs::path cipherFile = m_ctx.store->paths().attachments / pending.cipherFile;
    if (!uploaded.ok() && uploaded.error().code == ErrorCode::NotFound) {
        // The relay no longer knows the blob (it expired while we were away): start it again.
        LAPIS_TRY_ASSIGN(auto created, m_ctx.relay->createUpload(pending.cipherSize));
        const auto old = pending.blobId;
        LAPIS_TRY(
            m_ctx.store
                ->transact([&](store::Transaction &tx) { return tx.pendingUploads().replaceBlob(old, created.blobId); })
                .get());
        pending.blobId = created.blobId;
        uploaded = m_ctx.relay->uploadFrom(created, cipherFile, progress);
    }
    if (!uploaded.ok()) {
        auto error = std::move(uploaded).error();
        if (error.code != ErrorCode::Cancelled)
            error.message += " (the upload resumes the next time Lapis reaches the relay)";
        return error;
    }
    protocol::AttachmentPointer pointer;
    pointer.blobId = toBytes(pending.blobId);
    pointer.key = SecretArray<32>::fromView(pending.fileKey.view());
    pointer.digest = pending.digest;
    pointer.size = pending.plaintextSize;
    pointer.mimeType = pending.mimeType;
    pointer.fileName = pending.fileName;
    pointer.thumbnail = pending.thumbnail;
    protocol::DataMessage message;
    message.attachments.push_back(pointer);
    const auto blobId = pending.blobId;
    // The message enters the outbox in the transaction that ends the pending upload: a crash
    // in between neither loses the file nor sends it twice.
    const auto leaveQueue = [&blobId](store::Transaction &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(const bool had, tx.pendingUploads().remove(blobId));
        if (!had)
            return fail(ErrorCode::Cancelled, "The upload was cancelled");
        return {};
    };
    // To a group's key, Sender hands it to the group: uploaded once, every member device reads
    // the same pointer in the one group message.
    LAPIS_TRY_ASSIGN(auto report,
                     m_sender.sendData(pending.recipient, std::move(message), pending.allowPlaintext, leaveQueue));
    // Our own copy at rest is the very ciphertext we uploaded, under the key only the store holds.
    auto own = storedAttachmentFor(report.id, pointer);
    own.localFile = pending.cipherFile;
    own.localKey = SecureBytes::copyOf(pending.fileKey.view());
    own.state = store::AttachmentState::Available;
    LAPIS_TRY(m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().add(own); }).get());
    return report;
}

Result<std::vector<store::PendingUpload>> AttachmentUploads::pendingUploads()
{
    return m_ctx.store->transact([](store::Transaction &tx) { return tx.pendingUploads().list(); }).get();
}

Result<void> AttachmentUploads::cancelUpload(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(
        auto found,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.pendingUploads().find(blobId); }).get());
    if (!found)
        return fail(ErrorCode::NotFound, "No such upload: it was sent or cancelled already");
    LAPIS_TRY(m_ctx.store->transact([&](store::Transaction &tx) { return tx.pendingUploads().remove(blobId); }).get());
    std::error_code ec;
    fs::remove(m_ctx.store->paths().attachments / found->cipherFile, ec);
    return {};
}

Result<int> AttachmentUploads::resumeUploads()
{
    if (!m_ctx.hasAccount())
        return 0;
    LAPIS_TRY_ASSIGN(auto pending, pendingUploads());
    int sent = 0;
    for (auto &upload : pending) {
        const fs::path cipherFile = m_ctx.store->paths().attachments / upload.cipherFile;
        auto uploaded = m_ctx.relay->upload(upload.blobId, cipherFile, {});
        auto report = finishUpload(std::move(upload), {}, std::move(uploaded));
        if (!report.ok()) {
            qCInfo(lcEngine) << "An upload is still pending:" << report.error().message.c_str();
            if (report.error().code == ErrorCode::Unavailable)
                break; // the relay is away: the others would fail the same way
            continue;
        }
        ++sent;
    }
    return sent;
}

} // namespace lapis::engine
