// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupCommitWriter.h"

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
        results.reserve(batch.size());
        Result<void> commit = m_connection->begin();
        if (commit.ok()) {
            for (Pending *p : batch) {
                Result<void> r = m_connection->control("SAVEPOINT job");
                if (r.ok()) {
                    try {
                        r = p->job(*m_connection);
                    } catch (const std::exception &e) {
                        // Nothing may escape this thread; a throwing job is a bug, reported as one.
                        r = fail(ErrorCode::Internal, std::string("A database job failed: ") + e.what());
                    }
                    if (!r.ok())
                        (void)m_connection->control("ROLLBACK TO job");
                    (void)m_connection->control("RELEASE job");
                }
                results.push_back(std::move(r));
            }
            commit = m_connection->control("COMMIT");
            if (!commit.ok())
                (void)m_connection->control("ROLLBACK");
        }

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
