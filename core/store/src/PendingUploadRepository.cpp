// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/PendingUploadRepository.h>

namespace lapis::store {

namespace {
constexpr const char *Columns = "blob_id, recipient_account_id, allow_plaintext, cipher_file, file_key, digest, "
                                "plaintext_size, cipher_size, mime_type, file_name, thumbnail, created_at";

PendingUpload readRow(const Statement &stmt)
{
    PendingUpload p;
    p.blobId = stmt.text(0);
    p.recipient = AccountId(stmt.text(1));
    p.allowPlaintext = stmt.integer(2) != 0;
    p.cipherFile = stmt.text(3);
    p.fileKey = stmt.secureBlob(4);
    p.digest = stmt.blob(5);
    p.plaintextSize = static_cast<std::uint64_t>(stmt.integer(6));
    p.cipherSize = static_cast<std::uint64_t>(stmt.integer(7));
    p.mimeType = stmt.text(8);
    p.fileName = stmt.text(9);
    p.thumbnail = stmt.blob(10);
    p.createdAtMs = stmt.integer(11);
    return p;
}
} // namespace

Result<void> PendingUploadRepository::add(const PendingUpload &upload)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string("INSERT INTO pending_uploads(") + Columns
                                             + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.bindAll(upload.blobId, upload.recipient.value(), upload.allowPlaintext ? 1 : 0, upload.cipherFile,
                 upload.fileKey.view(), ByteView(upload.digest), static_cast<std::int64_t>(upload.plaintextSize),
                 static_cast<std::int64_t>(upload.cipherSize), upload.mimeType, upload.fileName,
                 ByteView(upload.thumbnail), upload.createdAtMs);
    return stmt.run();
}

Result<std::vector<PendingUpload>> PendingUploadRepository::list()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string("SELECT ") + Columns
                                             + " FROM pending_uploads ORDER BY created_at, blob_id"));
    std::vector<PendingUpload> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(readRow(stmt));
    }
    return out;
}

Result<std::optional<PendingUpload>> PendingUploadRepository::find(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare(std::string("SELECT ") + Columns + " FROM pending_uploads WHERE blob_id = ?"));
    stmt.bindAll(blobId);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<PendingUpload>();
    return std::optional(readRow(stmt));
}

Result<void> PendingUploadRepository::replaceBlob(const std::string &oldBlobId, const std::string &newBlobId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE pending_uploads SET blob_id = ? WHERE blob_id = ?"));
    stmt.bindAll(newBlobId, oldBlobId);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such pending upload");
    return {};
}

Result<bool> PendingUploadRepository::remove(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM pending_uploads WHERE blob_id = ?"));
    stmt.bindAll(blobId);
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

} // namespace lapis::store
