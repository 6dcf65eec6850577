// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/store/AccountRepository.h>
#include <lapis/store/AttachmentRepository.h>
#include <lapis/store/ContactRepository.h>
#include <lapis/store/ConversationRepository.h>
#include <lapis/store/MessageRepository.h>
#include <lapis/store/MetaRepository.h>
#include <lapis/store/OutboxRepository.h>
#include <lapis/store/PendingUploadRepository.h>
#include <lapis/store/PreKeyRepository.h>
#include <lapis/store/ProcessedEnvelopeRepository.h>
#include <lapis/store/SessionRepository.h>

#include <functional>

namespace lapis::store {

class Database;

/// The repositories of one open transaction, handed to the body of Store::transact on the store
/// thread. Everything done through it commits together or not at all. Do not keep it, or the
/// repositories it returns, beyond the body.
class Transaction {
public:
    explicit Transaction(Database &db)
        : m_db(db)
    {}
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    AccountRepository accounts() { return AccountRepository(m_db); }
    ContactRepository contacts() { return ContactRepository(m_db); }
    SessionRepository sessions() { return SessionRepository(m_db); }
    PreKeyRepository preKeys() { return PreKeyRepository(m_db); }
    ConversationRepository conversations() { return ConversationRepository(m_db); }
    MessageRepository messages() { return MessageRepository(m_db); }
    AttachmentRepository attachments() { return AttachmentRepository(m_db); }
    OutboxRepository outbox() { return OutboxRepository(m_db); }
    ProcessedEnvelopeRepository processedEnvelopes() { return ProcessedEnvelopeRepository(m_db); }
    PendingUploadRepository pendingUploads() { return PendingUploadRepository(m_db); }
    MetaRepository meta() { return MetaRepository(m_db); }

    /// Runs `body` under a savepoint: when it fails, only its own writes are undone and the
    /// transaction goes on (e.g. skip one bad message of a batch).
    Result<void> savepoint(const std::function<Result<void>(Transaction &)> &body);

private:
    Database &m_db;
};

} // namespace lapis::store
