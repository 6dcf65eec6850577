// SPDX-License-Identifier: GPL-3.0-or-later
// Between the store and a backup's records: what an export reads, how messages map to records
// and back, how a record is restored, and attachment content streamed as AttachmentData records.
#pragma once

#include "BackupFile.h"

#include <lapis/store/Transaction.h>

#include <functional>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

namespace lapis::engine {

/// Everything the backup holds, read in one transaction so that it is consistent.
struct Snapshot {
    store::OwnAccount own;
    std::vector<store::OwnDevice> devices;
    std::vector<store::Contact> contacts;
    std::vector<store::Conversation> conversations;
    std::vector<std::pair<AccountId, store::StoredMessage>> messages; ///< with their conversation's peer
    std::map<MessageId, std::vector<store::StoredAttachment>> attachments;
    std::uint64_t attachmentBytes = 0;
    /// Each group's change log (protocol::serializeGroupChange records).
    std::vector<std::pair<MessageId, std::vector<Bytes>>> groups;
};

/// Everything to back up at `nowMs`; messages whose disappearing time has come are left out.
Result<Snapshot> takeSnapshot(store::Transaction &tx, std::int64_t nowMs);
backup::Record messageRecord(const AccountId &peer, const store::StoredMessage &m);
store::StoredMessage messageFrom(const backup::Message &r, std::int64_t conversationId);
/// Restores one record (not the account, not attachment content) into the staged store.
Result<void> restoreRecord(store::Transaction &tx, const backup::Record &record,
                           std::map<std::string, std::int64_t> &conversationIds, std::int64_t nowMs);

/// Restores a group of the account `self` from its change log, folded as every member device does.
Result<void> restoreGroup(store::Transaction &tx, const AccountId &self, const backup::Group &record,
                          std::int64_t nowMs);

/// The plaintext of an attachment written to it becomes AttachmentData records.
class AttachmentSink : public std::streambuf {
public:
    AttachmentSink(BackupWriter &writer, std::function<void(std::size_t)> onPiece)
        : m_writer(writer)
        , m_onPiece(std::move(onPiece))
        , m_buffer(backupfile::AttachmentPiece)
    {
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    }
    ~AttachmentSink() override { secureWipe(m_buffer.data(), m_buffer.size()); }

    /// Writes what is buffered; the first error met, if any.
    Result<void> finish()
    {
        if (!flushPiece())
            return *m_error;
        return {};
    }

protected:
    int_type overflow(int_type ch) override
    {
        if (!flushPiece())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return flushPiece() ? 0 : -1; }

private:
    bool flushPiece()
    {
        if (m_error)
            return false;
        const auto n = static_cast<std::size_t>(pptr() - pbase());
        if (n == 0)
            return true;
        backup::Record record;
        record.mutable_attachment_data()->set_data(pbase(), n);
        auto written = m_writer.write(record);
        if (!written.ok()) {
            m_error = std::move(written).error();
            return false;
        }
        m_onPiece(n);
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
        return true;
    }

    BackupWriter &m_writer;
    std::function<void(std::size_t)> m_onPiece;
    std::vector<char> m_buffer;
    std::optional<Error> m_error;
};

/// Reads an attachment's plaintext from the AttachmentData records that follow it.
class AttachmentSource : public std::streambuf {
public:
    AttachmentSource(BackupReader &reader, std::uint64_t size, std::function<void()> onPiece)
        : m_reader(reader)
        , m_remaining(size)
        , m_onPiece(std::move(onPiece))
    {}
    ~AttachmentSource() override { secureWipe(m_piece.data(), m_piece.size()); }

    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }
    [[nodiscard]] std::uint64_t remaining() const { return m_remaining; }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_remaining == 0 || m_error)
            return traits_type::eof();
        auto record = m_reader.next();
        if (!record.ok()) {
            m_error = std::move(record).error();
            return traits_type::eof();
        }
        if (record->kind_case() != backup::Record::kAttachmentData || record->attachment_data().data().empty()
            || record->attachment_data().data().size() > m_remaining) {
            m_error = Error{ErrorCode::Corrupt, "The backup file is damaged: an attachment's content is incomplete"};
            return traits_type::eof();
        }
        secureWipe(m_piece.data(), m_piece.size());
        m_piece.assign(record->attachment_data().data().begin(), record->attachment_data().data().end());
        m_remaining -= m_piece.size();
        m_onPiece();
        setg(m_piece.data(), m_piece.data(), m_piece.data() + m_piece.size());
        return traits_type::to_int_type(*gptr());
    }

private:
    BackupReader &m_reader;
    std::uint64_t m_remaining;
    std::function<void()> m_onPiece;
    std::vector<char> m_piece;
    std::optional<Error> m_error;
};

} // namespace lapis::engine
