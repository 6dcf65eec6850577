// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupCommitWriter.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <vector>

namespace lapis::relay {

namespace {
// Large enough to absorb a burst, small enough that one transaction's latency stays short.
constexpr std::size_t MaxJobsPerCommit = 512;
} // namespace

struct GroupCommitWriter::Pending {
    Job job;
    std::optional<Result<void>> result;
    bool done = false;
    std::condition_variable finished;
};

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<StoreTx> connection)
    : m_connection(std::move(connection))
    , m_thread([this] { loop(); })
{}

GroupCommitWriter::~GroupCommitWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

Result<void> GroupCommitWriter::run(Job job)
{
    Pending pending;
    pending.job = std::move(job);
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return fail(ErrorCode::Unavailable, "The relay is shutting down");
    m_queue.push_back(&pending);
    m_wake.notify_one();
    pending.finished.wait(lock, [&] { return pending.done; });
    return std::move(*pending.result);
}

std::uint64_t GroupCommitWriter::commits() const
{
    std::lock_guard lock(m_mutex);
    return m_commits;
}

Result<void> GroupCommitWriter::runPass(const std::vector<Pending *> &batch, std::vector<Result<void>> &results,
                                        bool optimistic)
{
    results.clear();
    m_connection->setOptimistic(optimistic);
    LAPIS_TRY(m_connection->begin());
    // A savepoint isolates a job from its neighbours; a group of one has none.
    const bool isolate = !optimistic && batch.size() > 1;
    for (Pending *p : batch) {
        Result<void> r = isolate ? m_connection->control("SAVEPOINT job") : Result<void>();
        if (r.ok()) {
            try {
                r = p->job(*m_connection);
            } catch (const std::exception &e) {
                // Nothing may escape this thread; a throwing job is a bug, reported as one.
                r = fail(ErrorCode::Internal, std::string("A database job failed: ") + e.what());
            }
            if (!r.ok() && optimistic) {
                (void)m_connection->control("ROLLBACK");
                return fail(ErrorCode::Cancelled, "A job of the group failed: run it again, job by job");
            }
            if (!r.ok() && isolate)
                (void)m_connection->control("ROLLBACK TO job");
            if (isolate)
                (void)m_connection->control("RELEASE job");
        }
        results.push_back(std::move(r));
    }
    const bool allFine = std::all_of(results.begin(), results.end(), [](const auto &r) { return r.ok(); });
    if (!isolate && !allFine) {
        // The one job of the group failed: nothing of it may stay.
        (void)m_connection->control("ROLLBACK");
        return {};
    }
    Result<void> commit = m_connection->commit();
    if (commit.ok())
        return commit;
    (void)m_connection->control("ROLLBACK");
    // A deferred write failed at commit: the careful pass finds whose it was. A connection lost
    // during COMMIT is different: the commit may have happened, so the group is not run again.
    if (optimistic && commit.error().code != ErrorCode::Unavailable)
        return fail(ErrorCode::Cancelled, "A deferred write of the group failed: run it again, job by job");
    return commit;
}

void GroupCommitWriter::loop()
{
    std::vector<Pending *> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                return;
            while (!m_queue.empty() && batch.size() < MaxJobsPerCommit) {
                batch.push_back(m_queue.front());
                m_queue.pop_front();
            }
        }

        std::vector<Result<void>> results;
        // Jobs rarely fail: the first pass runs the group without a savepoint per job (two round
        // trips each on PostgreSQL). Only when one failed, or its deferred writes did, is the group
        // rolled back and run again with every job in a savepoint, so that the failure stays its own.
        Result<void> commit = runPass(batch, results, true);
        if (!commit.ok() && commit.error().code == ErrorCode::Cancelled)
            commit = runPass(batch, results, false);

        std::lock_guard lock(m_mutex);
        if (commit.ok())
            ++m_commits;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Pending *p = batch[i];
            p->result.emplace(commit.ok() ? std::move(results[i]) : commit);
            p->done = true;
            p->finished.notify_one();
        }
        batch.clear();
    }
}

} // namespace lapis::relay
