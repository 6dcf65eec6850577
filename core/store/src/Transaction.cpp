// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/common/Log.h>
#include <lapis/store/Store.h>
#include <lapis/store/Transaction.h>

namespace lapis::store {

Result<void> Transaction::writeBackStates()
{
    for (auto &[type, state] : m_states)
        LAPIS_TRY(state->writeBack(*this));
    return {};
}

Result<void> Transaction::savepoint(const std::function<Result<void>(Transaction &)> &body)
{
    LAPIS_TRY(writeBackStates());
    LAPIS_TRY(m_db.exec("SAVEPOINT lapis_savepoint"));
    Result<void> outcome;
    try {
        outcome = body(*this);
    } catch (const std::exception &) {
        outcome = fail(ErrorCode::Internal, "A store operation threw an exception");
    }
    if (outcome.ok())
        return m_db.exec("RELEASE lapis_savepoint");
    (void)m_db.exec("ROLLBACK TO lapis_savepoint");
    (void)m_db.exec("RELEASE lapis_savepoint");
    // They may hold changes the rollback undid; the next use reads the rolled-back rows anew.
    m_states.clear();
    return outcome;
}

namespace detail {

Result<void> runTransaction(Database &db, const std::function<Result<void>(Transaction &)> &body)
{
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way for a lock.
    LAPIS_TRY(db.exec("BEGIN IMMEDIATE"));
    // Zeroing what statements delete; Database::commit turns it off for the commit alone. Set
    // here too, so that a connection can never go on without it.
    if (auto secure = db.exec("PRAGMA secure_delete = ON"); !secure.ok()) {
        (void)db.exec("ROLLBACK");
        return secure;
    }
    Transaction tx(db);
    Result<void> outcome;
    try {
        outcome = body(tx);
        if (outcome.ok())
            outcome = tx.writeBackStates();
    } catch (const std::exception &) {
        // The exception's text may quote data; only its occurrence is reported.
        outcome = fail(ErrorCode::Internal, "A store transaction threw an exception and was rolled back");
    }
    if (outcome.ok()) {
        outcome = db.commit();
        if (outcome.ok())
            return {};
    }
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); ROLLBACK then fails harmlessly.
    if (db.inTransaction())
        (void)db.exec("ROLLBACK");
    return outcome;
}

} // namespace detail

} // namespace lapis::store
