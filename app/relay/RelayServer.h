// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"

#include <lapis/common/Result.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace grpc {
class Server;
}

namespace lapis::relay {

class RelayStorage;
class RelayRules;
class AccountsService;
class KeysService;
class MessagesService;
class AttachmentsService;
class LinkService;

/// The whole relay: storage, services, the TLS gRPC server and the expiry janitor.
class RelayServer {
public:
    ~RelayServer();

    /// Opens DATA/relay.db, prepares the TLS identity and starts listening.
    static Result<std::unique_ptr<RelayServer>> start(RelayConfig config);

    /// The address really bound (the port is resolved when 0 was asked for).
    [[nodiscard]] const std::string &listenAddress() const { return m_listenAddress; }
    /// Stops accepting calls, ends open streams and waits (bounded) for calls in flight.
    void shutdown();

private:
    RelayServer() = default;
    void janitor();

    std::unique_ptr<RelayStorage> m_storage;
    /// m_storage as the rules over its backend (whose wake-ups ring m_context's hub).
    RelayRules *m_rules = nullptr;
    std::unique_ptr<RelayContext> m_context;
    std::unique_ptr<AccountsService> m_accounts;
    std::unique_ptr<KeysService> m_keys;
    std::unique_ptr<MessagesService> m_messages;
    std::unique_ptr<AttachmentsService> m_attachments;
    std::unique_ptr<LinkService> m_link;
    std::unique_ptr<grpc::Server> m_server;
    std::string m_listenAddress;
    std::mutex m_janitorMutex;
    std::condition_variable m_janitorWake;
    bool m_stopped = false;
    std::thread m_janitor;
};

} // namespace lapis::relay
