// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/Types.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace grpc {
class Channel;
} // namespace grpc

namespace lapis::transport {

/// "HOST:PORT" or several separated by commas ("a.example:7443,b.example:7443"), in order of
/// preference; spaces around each are ignored. InvalidArgument for an empty list or entry, or an
/// entry without a port.
Result<std::vector<std::string>> parseRelayAddresses(const std::string &list);

/// The relays one client may use: instances of one deployment, on one database and with one
/// certificate. Calls and streams go to the current one; when it goes away (a call or stream
/// fails with UNAVAILABLE) the next one in the list becomes current, and after the last the
/// first again. Shared by RelayClient, MessageStream and BatchSender, so that all of a device's
/// traffic moves together. Thread-safe.
class RelayRoutes {
public:
    /// One channel per address of `endpoint.address` (a list as parseRelayAddresses reads it),
    /// all trusting `endpoint.pinnedCertificatePem`.
    static Result<std::shared_ptr<RelayRoutes>> create(const RelayEndpoint &endpoint);
    /// A single relay over an existing channel (no fail-over).
    static std::shared_ptr<RelayRoutes> single(std::shared_ptr<grpc::Channel> channel, std::string address);

    struct Route {
        std::size_t index = 0;
        std::string address;
        std::shared_ptr<grpc::Channel> channel;
    };

    [[nodiscard]] Route current() const;
    [[nodiscard]] Route at(std::size_t index) const;
    [[nodiscard]] std::size_t size() const { return m_routes.size(); }
    /// The route `index` failed: the next one becomes current, unless another caller moved on
    /// already (so that two calls failing together skip one relay, not two).
    void failed(std::size_t index);
    /// Fail-overs so far (for tests and diagnostics).
    [[nodiscard]] std::size_t failovers() const { return m_failovers.load(); }

private:
    explicit RelayRoutes(std::vector<Route> routes);

    std::vector<Route> m_routes;
    std::atomic<std::size_t> m_current{0};
    std::atomic<std::size_t> m_failovers{0};
};

} // namespace lapis::transport
