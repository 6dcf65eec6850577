// SPDX-License-Identifier: GPL-3.0-or-later
// Received attachments. They are kept only as the sender's ciphertext (the relay's blob,
// checked against its digest), under the key the encrypted store holds; plaintext is made only
// when the user asks for it: decrypted into memory, into a file they chose, or into the private
// folder "Open" uses, which is emptied when the engine closes and when a profile opens.
#include <lapis/common/Log.h>
#include <lapis/crypto/HashingThread.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/engine/Attachments.h>
#include <lapis/engine/attachments/AttachmentDownloads.h>

#include <set>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
/// A local file name from a row: one plain component under the attachments folder, or an error.
Result<fs::path> localPathOf(const fs::path &folder, const std::string &localFile)
{
    if (localFile.empty() || localFile == "." || localFile == ".." || localFile.find('/') != std::string::npos)
        return fail(ErrorCode::Corrupt, "The attachment's local copy has an invalid name");
    return folder / localFile;
}

/// Errors after which the partial copy is kept, so that the next try continues after it.
bool resumable(const Error &error)
{
    return error.code == ErrorCode::Cancelled || error.code == ErrorCode::Unavailable;
}
} // namespace

Result<ReceivedItem> AttachmentDownloads::fetchAttachments(IncomingEvent event)
{
    ReceivedItem item;
    if (event.attachments.empty()) {
        item.event = std::move(event);
        return item;
    }
    LAPIS_TRY_ASSIGN(
        auto rows,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().forMessage(event.messageId); })
            .get());
    for (std::size_t i = 0; i < event.attachments.size(); ++i)
        item.attachmentIds.push_back(rows.size() == event.attachments.size() ? rows[i].id : 0);
    // A message may name one blob many times: it is fetched once and the copy shared.
    std::set<std::string> fetched;
    for (const auto &row : rows) {
        if (row.state == store::AttachmentState::Available || !fetched.insert(row.blobId).second)
            continue;
        if (row.size > m_ctx.autoDownloadLimit)
            continue; // waits for downloadAttachment(): the user decides to spend the bytes
        std::vector<const store::StoredAttachment *> sameBlob;
        for (const auto &other : rows)
            if (other.blobId == row.blobId && other.id != row.id)
                sameBlob.push_back(&other);
        if (auto fetchedRow = fetchAttachment(row, sameBlob, {}); !fetchedRow.ok())
            qCWarning(lcEngine) << "An attachment was not downloaded:" << fetchedRow.error().message.c_str();
    }
    item.event = std::move(event);
    return item;
}

Result<void> AttachmentDownloads::fetchAttachment(const store::StoredAttachment &row,
                                                  const std::vector<const store::StoredAttachment *> &sameBlob,
                                                  const transport::ProgressCallback &progress)
{
    const fs::path folder = m_ctx.store->paths().attachments;
    std::error_code ec;
    fs::create_directories(folder, ec);
    // A download that stopped continues into its file; a failed one starts over in a new one.
    std::string name = row.localFile;
    if (name.empty() || row.state == store::AttachmentState::Failed)
        name = "in-" + toHex(m_ctx.rng.bytes(16)) + ".bin";
    LAPIS_TRY_ASSIGN(const fs::path file, localPathOf(folder, name));
    const auto id = row.id;
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      LAPIS_TRY(tx.attachments().setLocalFile(id, name, row.remoteKey.view()));
                      return tx.attachments().setState(id, store::AttachmentState::Downloading);
                  })
                  .get());
    const std::uint64_t expected = cipherSizeOf(row.size);
    // The digest is computed as the bytes arrive (after those an earlier try saved), in one pass
    // and on its own thread beside the download; it is checked before the attachment counts as
    // downloaded, so before any plaintext exists.
    LAPIS_TRY_ASSIGN(auto blake2b, crypto::Blake2b::create(32));
    Result<void> outcome = hashFileInto(file, blake2b);
    crypto::HashingThread hash(std::move(blake2b));
    const auto hashArriving = [&hash](ByteView bytes) { hash.update(bytes); };
    if (outcome.ok()) {
        auto downloaded = m_ctx.relay->download(row.blobId, file, progress, expected, hashArriving);
        if (!downloaded.ok())
            outcome = std::move(downloaded).error();
        else if (*downloaded != expected)
            outcome = fail(ErrorCode::Corrupt, "The attachment is shorter than its message said");
        else if (!crypto::constantTimeEqual(hash.finish(), row.digest))
            outcome = fail(ErrorCode::AuthenticationFailed,
                           "The downloaded attachment does not match its digest: it was altered or damaged");
    }
    if (!outcome.ok()) {
        if (resumable(outcome.error()))
            return outcome;
        fs::remove(file, ec);
        LAPIS_TRY(m_ctx.store
                      ->transact([&](store::Transaction &tx) {
                          return tx.attachments().setState(id, store::AttachmentState::Failed);
                      })
                      .get());
        return outcome;
    }
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<void> {
            LAPIS_TRY(tx.attachments().setState(id, store::AttachmentState::Available));
            // The same bytes under the same digest and key: the same attachment, one copy.
            for (const auto *other : sameBlob) {
                const bool same = crypto::constantTimeEqual(other->digest, row.digest) && other->size == row.size
                                  && crypto::constantTimeEqual(other->remoteKey.view(), row.remoteKey.view());
                if (same)
                    LAPIS_TRY(tx.attachments().setLocalFile(other->id, name, other->remoteKey.view()));
                LAPIS_TRY(tx.attachments().setState(other->id, same ? store::AttachmentState::Available
                                                                    : store::AttachmentState::Failed));
            }
            return {};
        })
        .get();
}

Result<void> AttachmentDownloads::downloadAttachment(std::int64_t attachmentId,
                                                     const transport::ProgressCallback &progress)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(
        auto row,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().find(attachmentId); }).get());
    if (!row)
        return fail(ErrorCode::NotFound, "No such attachment");
    if (row->state == store::AttachmentState::Available)
        return {};
    LAPIS_TRY_ASSIGN(
        auto siblings,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().forMessage(row->messageId); })
            .get());
    std::vector<const store::StoredAttachment *> sameBlob;
    for (const auto &other : siblings)
        if (other.blobId == row->blobId && other.id != row->id && other.state != store::AttachmentState::Available)
            sameBlob.push_back(&other);
    return fetchAttachment(*row, sameBlob, progress);
}

Result<store::StoredAttachment> AttachmentDownloads::downloadedAttachment(std::int64_t attachmentId)
{
    LAPIS_TRY_ASSIGN(
        auto row,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().find(attachmentId); }).get());
    if (!row)
        return fail(ErrorCode::NotFound, "No such attachment");
    if (row->state != store::AttachmentState::Available || row->localFile.empty())
        return fail(ErrorCode::NotFound, "The attachment " + row->fileName + " has not been downloaded");
    return std::move(*row);
}

Result<std::uint64_t> AttachmentDownloads::decryptAttachment(std::int64_t attachmentId, const PlaintextSink &sink)
{
    LAPIS_TRY_ASSIGN(const auto row, downloadedAttachment(attachmentId));
    LAPIS_TRY_ASSIGN(const fs::path file, localPathOf(m_ctx.store->paths().attachments, row.localFile));
    return decryptAttachmentFile(file, row.localKey.view(), row.size, sink);
}

Result<void> AttachmentDownloads::decryptAttachmentTo(std::int64_t attachmentId, const fs::path &destination)
{
    LAPIS_TRY_ASSIGN(const auto row, downloadedAttachment(attachmentId));
    LAPIS_TRY_ASSIGN(const fs::path file, localPathOf(m_ctx.store->paths().attachments, row.localFile));
    LAPIS_TRY(writeDecrypted(file, row.localKey.view(), row.size, destination, false));
    return {};
}

Result<fs::path> AttachmentDownloads::saveAttachmentIn(std::int64_t attachmentId, const fs::path &folder,
                                                       const PlaintextSink &tee)
{
    LAPIS_TRY_ASSIGN(const auto row, downloadedAttachment(attachmentId));
    LAPIS_TRY_ASSIGN(const fs::path file, localPathOf(m_ctx.store->paths().attachments, row.localFile));
    LAPIS_TRY_ASSIGN(const fs::path target, createUniqueFile(folder, row.fileName));
    LAPIS_TRY(writeDecrypted(file, row.localKey.view(), row.size, target, true, tee));
    return target;
}

fs::path AttachmentDownloads::openedFolder() const
{
    return m_ctx.profile / "opened";
}

Result<fs::path> AttachmentDownloads::openAttachmentCopy(std::int64_t attachmentId)
{
    const fs::path folder = openedFolder();
    std::error_code ec;
    fs::create_directories(folder, ec);
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot create the folder for opened attachments: " + ec.message());
    return saveAttachmentIn(attachmentId, folder);
}

Result<void> AttachmentDownloads::clearOpenedAttachments()
{
    std::error_code ec;
    fs::remove_all(openedFolder(), ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot empty the folder of opened attachments: " + ec.message());
    return {};
}

} // namespace lapis::engine
