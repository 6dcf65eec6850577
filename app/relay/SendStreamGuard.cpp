// SPDX-License-Identifier: GPL-3.0-or-later
#include "SendStreamGuard.h"

#include <lapis/common/Log.h>

namespace lapis::relay {

namespace {
constexpr auto CheckEvery = std::chrono::milliseconds(250);
}

SendStreamGuard::SendStreamGuard(RelayContext &relay, grpc::ServerContext &context, Caller caller)
    : m_relay(relay)
    , m_context(context)
    , m_caller(std::move(caller))
    , m_thread([this] { watch(); })
{}

SendStreamGuard::~SendStreamGuard()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stop.notify_all();
    m_thread.join();
}

void SendStreamGuard::writeStarted()
{
    std::lock_guard lock(m_mutex);
    m_writeSince = std::chrono::steady_clock::now();
}

void SendStreamGuard::writeFinished()
{
    std::lock_guard lock(m_mutex);
    m_writeSince.reset();
}

std::optional<grpc::Status> SendStreamGuard::verdict()
{
    std::lock_guard lock(m_mutex);
    return m_verdict;
}

void SendStreamGuard::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_stop.wait_for(lock, CheckEvery, [&] { return m_stopping; });
        if (m_stopping)
            return;
        std::optional<grpc::Status> end;
        if (m_writeSince && std::chrono::steady_clock::now() - *m_writeSince >= m_relay.config.sendStallTimeout) {
            end = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                               "The client read no answers for too long; the send stream is closed");
        } else {
            lock.unlock();
            auto still = m_relay.storage.credentialHash(m_caller.account, m_caller.device);
            lock.lock();
            if (still.ok() && !still.value())
                end = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "This device was removed from its account");
        }
        if (end) {
            qCDebug(lcRelay) << "send stream ended by its guard:" << QString::fromStdString(end->error_message());
            m_verdict = std::move(end);
            // Releases the reader's Read and a writer blocked on a client that does not read.
            m_context.TryCancel();
            return;
        }
    }
}

} // namespace lapis::relay
