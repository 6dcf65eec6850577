// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/store/AccountRepository.h>
#include <lapis/store/AttachmentRepository.h>
#include <lapis/store/ContactRepository.h>
#include <lapis/store/ConversationRepository.h>
#include <lapis/store/GroupRepository.h>
#include <lapis/store/MessageRepository.h>
#include <lapis/store/MetaRepository.h>
#include <lapis/store/OutboxRepository.h>
#include <lapis/store/PendingUploadRepository.h>
#include <lapis/store/PreKeyRepository.h>
#include <lapis/store/ProcessedEnvelopeRepository.h>
#include <lapis/store/SessionRepository.h>

#include <functional>
#include <memory>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

namespace lapis::store {

class Database;
class Transaction;

/// State that lives exactly as long as one transaction and is written into it just before it
/// commits: a caller that changes the same row many times in one transaction (the engine's
/// session states, once per message of a batch) writes it once. Because the transaction owns it,
/// it can never outlive a rollback.
class TransactionState {
public:
    virtual ~TransactionState() = default;
    /// Writes what changed into `tx`. An error rolls the whole transaction back.
    virtual Result<void> writeBack(Transaction &tx) = 0;
};

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
    GroupRepository groups() { return GroupRepository(m_db); }
    MessageRepository messages() { return MessageRepository(m_db); }
    AttachmentRepository attachments() { return AttachmentRepository(m_db); }
    OutboxRepository outbox() { return OutboxRepository(m_db); }
    ProcessedEnvelopeRepository processedEnvelopes() { return ProcessedEnvelopeRepository(m_db); }
    PendingUploadRepository pendingUploads() { return PendingUploadRepository(m_db); }
    MetaRepository meta() { return MetaRepository(m_db); }

    /// Runs `body` under a savepoint: when it fails, only its own writes are undone and the
    /// transaction goes on (e.g. skip one bad message of a batch).
    /// Pending states are written before the savepoint opens and dropped when `body` fails, so
    /// that nothing undone by the rollback is written back later.
    Result<void> savepoint(const std::function<Result<void>(Transaction &)> &body);

    /// This transaction's one `T` (a TransactionState), made on first use.
    template<typename T>
    T &state()
    {
        static_assert(std::is_base_of_v<TransactionState, T>);
        for (auto &[type, state] : m_states)
            if (type == std::type_index(typeid(T)))
                return static_cast<T &>(*state);
        m_states.emplace_back(std::type_index(typeid(T)), std::make_unique<T>());
        return static_cast<T &>(*m_states.back().second);
    }

    /// Writes every pending state (runTransaction calls it before COMMIT).
    Result<void> writeBackStates();

private:
    Database &m_db;
    std::vector<std::pair<std::type_index, std::unique_ptr<TransactionState>>> m_states;
};

} // namespace lapis::store
