// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreBackend.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lapis::relay {

/// The single writer of the relay database (either backend). Callers hand it a job and block until the job's
/// transaction is durable. Jobs that arrive together share one transaction, and so one fsync.
/// A job that fails rolls back alone: the group runs first without savepoints and, only when a
/// job failed, again with each job in its own savepoint (jobs may therefore run twice; only the
/// run that commits counts).
class GroupCommitWriter {
public:
    using Job = StoreBackend::Job;

    explicit GroupCommitWriter(std::unique_ptr<StoreTx> connection);
    ~GroupCommitWriter();
    GroupCommitWriter(const GroupCommitWriter &) = delete;
    GroupCommitWriter &operator=(const GroupCommitWriter &) = delete;

    /// Runs `job` in the next group transaction and returns once it is committed (or failed).
    Result<void> run(Job job);

    /// How many transactions and jobs have been committed, for tests and the log.
    [[nodiscard]] std::uint64_t commits() const;

private:
    struct Pending;
    void loop();
    /// One transaction over `batch`; Cancelled when the optimistic pass must give way to the careful one.
    Result<void> runPass(const std::vector<Pending *> &batch, std::vector<Result<void>> &results, bool optimistic);

    std::unique_ptr<StoreTx> m_connection;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending *> m_queue;
    bool m_stopping = false;
    std::uint64_t m_commits = 0;
    std::thread m_thread;
};

} // namespace lapis::relay
