// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "ServiceSupport.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace lapis::relay {

/// Watches one send stream from its own thread and cancels the call when it must end (issue 16,
/// items 13 and 15): its answers have waited longer than `sendStallTimeout` for a client that
/// does not read them, or its device's credential is gone (removed, or the account was reset by
/// `admin reset-account` in another process). Checks run every 250 ms, so a removed device's
/// send streams end within about half a second.
class SendStreamGuard {
public:
    SendStreamGuard(RelayContext &relay, grpc::ServerContext &context, Caller caller);
    ~SendStreamGuard();
    SendStreamGuard(const SendStreamGuard &) = delete;
    SendStreamGuard &operator=(const SendStreamGuard &) = delete;

    /// Around every write of answers: a write that does not finish in time ends the stream.
    void writeStarted();
    void writeFinished();
    /// Why the guard ended the stream; nothing while it did not.
    [[nodiscard]] std::optional<grpc::Status> verdict();

private:
    void watch();

    RelayContext &m_relay;
    grpc::ServerContext &m_context;
    Caller m_caller;
    std::mutex m_mutex;
    std::condition_variable m_stop;
    bool m_stopping = false;
    std::optional<std::chrono::steady_clock::time_point> m_writeSince;
    std::optional<grpc::Status> m_verdict;
    std::thread m_thread;
};

} // namespace lapis::relay
