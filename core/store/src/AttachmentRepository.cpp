// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/AttachmentRepository.h>

namespace lapis::store {

namespace {

constexpr std::string_view SelectAttachment =
    "SELECT a.id, m.id, a.blob_id, a.file_name, a.mime_type, a.size, a.digest, a.remote_key, a.thumbnail, "
    "a.local_file, a.local_key, a.state FROM attachments a JOIN messages m ON m.seq = a.message_seq ";

Result<StoredAttachment> readAttachment(const Statement &stmt)
{
    StoredAttachment a;
    a.id = stmt.integer(0);
    LAPIS_TRY_ASSIGN(a.messageId, MessageId::fromBytes(stmt.blob(1)));
    a.blobId = stmt.text(2);
    a.fileName = stmt.text(3);
    a.mimeType = stmt.text(4);
    a.size = static_cast<std::uint64_t>(stmt.integer(5));
    a.digest = stmt.blob(6);
    a.remoteKey = stmt.secureBlob(7);
    a.thumbnail = stmt.blob(8);
    a.localFile = stmt.text(9);
    a.localKey = stmt.secureBlob(10);
    a.state = static_cast<AttachmentState>(stmt.integer(11));
    return a;
}

} // namespace

Result<std::int64_t> AttachmentRepository::add(const StoredAttachment &a)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("INSERT INTO attachments(message_seq, blob_id, file_name, mime_type, size, digest, "
                                  "remote_key, thumbnail, local_file, local_key, state) "
                                  "SELECT seq, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 FROM messages WHERE id = ?1"));
    std::optional<std::string_view> localFile;
    std::optional<ByteView> localKey;
    if (!a.localFile.empty()) {
        localFile = a.localFile;
        localKey = a.localKey.view();
    }
    stmt.bindAll(a.messageId.bytes(), a.blobId, a.fileName, a.mimeType, static_cast<std::int64_t>(a.size),
                 ByteView(a.digest), a.remoteKey.view(), ByteView(a.thumbnail), localFile, localKey, a.state);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "The attachment's message does not exist");
    return m_db.lastInsertRowId();
}

Result<std::optional<StoredAttachment>> AttachmentRepository::find(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectAttachment) + "WHERE a.id = ?"));
    stmt.bindAll(id);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<StoredAttachment>();
    LAPIS_TRY_ASSIGN(auto attachment, readAttachment(stmt));
    return std::optional<StoredAttachment>(std::move(attachment));
}

Result<std::vector<StoredAttachment>> AttachmentRepository::forMessage(const MessageId &messageId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectAttachment) + "WHERE m.id = ? ORDER BY a.id"));
    stmt.bindAll(messageId.bytes());
    std::vector<StoredAttachment> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        LAPIS_TRY_ASSIGN(auto attachment, readAttachment(stmt));
        out.push_back(std::move(attachment));
    }
    return out;
}

Result<void> AttachmentRepository::setLocalFile(std::int64_t id, std::string_view localFile, ByteView localKey)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE attachments SET local_file = ?, local_key = ?, state = ? "
                                             "WHERE id = ?"));
    stmt.bindAll(localFile, localKey, AttachmentState::Available, id);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such attachment");
    return {};
}

Result<void> AttachmentRepository::setState(std::int64_t id, AttachmentState state)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE attachments SET state = ? WHERE id = ?"));
    stmt.bindAll(state, id);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such attachment");
    return {};
}

Result<void> AttachmentRepository::remove(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM attachments WHERE id = ?"));
    stmt.bindAll(id);
    return stmt.run();
}

} // namespace lapis::store
