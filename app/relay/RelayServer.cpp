// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsService.h"
#include "AttachmentsService.h"
#include "KeysService.h"
#include "LinkService.h"
#include "MessagesService.h"
#include "OpenStorage.h"
#include "PgLinkChannel.h"
#include "RelayServer.h"
#include "SelfSignedCertificate.h"
#include "ServiceSupport.h"

#include <lapis/common/Log.h>
#include <lapis/proto/Limits.h>

#include <grpcpp/grpcpp.h>
#include <grpcpp/security/server_credentials.h>

#include <filesystem>
#include <iostream>
#include <tuple>

namespace lapis::relay {

RelayServer::~RelayServer()
{
    shutdown();
}

Result<std::unique_ptr<RelayServer>> RelayServer::start(RelayConfig config)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(config.blobFolder(), ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot create the data folder " + config.blobFolder() + ": " + ec.message());

    std::string certFile = config.tlsCertFile;
    std::string keyFile = config.tlsKeyFile;
    if (certFile.empty()) {
        certFile = config.dataDir + "/tls/cert.pem";
        keyFile = config.dataDir + "/tls/key.pem";
        LAPIS_TRY(SelfSignedCertificate::ensure(certFile, keyFile, config.listenHost));
    }
    LAPIS_TRY_ASSIGN(std::string certPem, readTextFile(certFile));
    LAPIS_TRY_ASSIGN(std::string keyPem, readTextFile(keyFile));

    std::unique_ptr<RelayServer> relay(new RelayServer);
    LAPIS_TRY_ASSIGN(auto storage, openRelayStorage(config.dataDir, config.databaseUri));
    // Scripts and operators read which backend and schema the relay runs on.
    std::cerr << "lapis-relay: storage " << storage->backend().description() << std::endl;
    relay->m_rules = storage.get();
    relay->m_storage = std::move(storage);
    LAPIS_TRY_ASSIGN(auto sealer, SecretSealer::open(config.dataDir + "/secrets.key"));
    relay->m_context = std::make_unique<RelayContext>(std::move(config), *relay->m_storage);
    RelayContext &ctx = *relay->m_context;
    ctx.sealer = std::move(sealer);
    // Relays on one database share the limits that protect an account.
    auto &backend = relay->m_rules->backend();
    const RelayConfig &c = ctx.config;
    for (auto [limiter, name, rate, burst] :
         {std::tuple{&ctx.loginLimiter, "login", c.accountRatePerSecond, c.accountBurst},
          std::tuple{&ctx.signInLimiter, "signin", c.signInRatePerSecond, c.signInBurst},
          std::tuple{&ctx.preKeyCallerLimiter, "prekeycaller", c.preKeyCallerRatePerSecond, c.preKeyCallerBurst},
          std::tuple{&ctx.preKeyTargetLimiter, "prekeytarget", c.preKeyTargetRatePerSecond, c.preKeyTargetBurst}}) {
        if (auto shared = backend.sharedTokenBuckets(name, rate, burst))
            *limiter = std::move(shared);
    }
    // Relays on one database share the link channel; one relay keeps it in memory.
    if (ctx.config.databaseUri.empty()) {
        ctx.link = std::make_unique<MemoryLinkChannel>(ctx.config.linkTtl, ctx.config.linkBundleBytes);
    } else {
        LAPIS_TRY_ASSIGN(ctx.link,
                         PgLinkChannel::open(ctx.config.databaseUri, ctx.config.linkTtl, ctx.config.linkBundleBytes));
    }
    // Mail stored through another relay on the same database wakes this relay's streams.
    relay->m_rules->backend().watchMailboxes(
        [&ctx](const std::string &account, std::uint32_t device) { ctx.hub.notify(account, device); });
    relay->m_accounts = std::make_unique<AccountsService>(ctx);
    relay->m_keys = std::make_unique<KeysService>(ctx);
    relay->m_messages = std::make_unique<MessagesService>(ctx);
    relay->m_attachments = std::make_unique<AttachmentsService>(ctx);
    relay->m_link = std::make_unique<LinkService>(ctx);

    grpc::SslServerCredentialsOptions tls;
    tls.pem_key_cert_pairs.push_back({keyPem, certPem});
    const std::string host = ctx.config.listenHost.find(':') != std::string::npos ? "[" + ctx.config.listenHost + "]"
                                                                                  : ctx.config.listenHost;
    int boundPort = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort(host + ":" + std::to_string(ctx.config.listenPort), grpc::SslServerCredentials(tls),
                             &boundPort);
    builder.SetMaxReceiveMessageSize(static_cast<int>(proto::limits::MaxGrpcMessage));
    builder.SetMaxSendMessageSize(static_cast<int>(proto::limits::MaxGrpcMessage));
    // gRPC's own buffers are bounded, and so are the calls one connection keeps open at once.
    grpc::ResourceQuota quota("lapis-relay");
    quota.Resize(ctx.config.memoryQuotaBytes);
    builder.SetResourceQuota(quota);
    builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, ctx.config.maxStreamsPerConnection);
    // Dead peers (a laptop that went to sleep) are noticed and their streams released.
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60'000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
    builder.RegisterService(relay->m_accounts.get());
    builder.RegisterService(relay->m_keys.get());
    builder.RegisterService(relay->m_messages.get());
    builder.RegisterService(relay->m_attachments.get());
    builder.RegisterService(relay->m_link.get());
    relay->m_server = builder.BuildAndStart();
    if (!relay->m_server || boundPort == 0)
        return fail(ErrorCode::Unavailable, "Cannot listen on " + host + ":" + std::to_string(ctx.config.listenPort));
    relay->m_listenAddress = host + ":" + std::to_string(boundPort);
    relay->m_janitor = std::thread([r = relay.get()] { r->janitor(); });
    return relay;
}

void RelayServer::shutdown()
{
    {
        std::lock_guard lock(m_janitorMutex);
        if (m_stopped)
            return;
        m_stopped = true;
    }
    m_janitorWake.notify_all();
    if (m_rules)
        m_rules->backend().watchMailboxes({}); // before the hub it rings goes away
    if (m_context) {
        m_context->stopping = true;
        m_context->hub.closeAll();
        if (m_context->link)
            m_context->link->stopAll();
    }
    if (m_server) {
        m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(3));
        m_server->Wait();
    }
    if (m_janitor.joinable())
        m_janitor.join();
}

void RelayServer::janitor()
{
    std::unique_lock lock(m_janitorMutex);
    while (!m_stopped) {
        lock.unlock();
        auto expired = m_storage->purgeExpired(nowMs(), m_context->config.envelopeLifetime.count());
        if (expired.ok()) {
            for (const auto &blobId : *expired) {
                std::error_code ec;
                std::filesystem::remove(m_context->blobPath(blobId), ec);
            }
        } else {
            qCWarning(lcRelay) << "expiry failed:" << QString::fromStdString(expired.error().message);
        }
        lock.lock();
        m_janitorWake.wait_for(lock, std::chrono::minutes(5), [&] { return m_stopped; });
    }
}

} // namespace lapis::relay
