// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "relay.grpc.pb.h"

namespace lapis::relay {

/// The device-linking rendezvous: addresses, the sealed bundle's hand-over and link tokens.
/// `Wait` uses gRPC's callback API: a waiting new device holds no server thread.
class LinkService final : public lapis::relay::v1::Link::WithCallbackMethod_Wait<lapis::relay::v1::Link::Service> {
public:
    explicit LinkService(RelayContext &relay)
        : m_relay(relay)
    {}

    grpc::Status CreateAddress(grpc::ServerContext *context, const v1::CreateLinkAddressRequest *request,
                               v1::LinkAddress *response) override;
    // The sync form stays declared (it aborts: gRPC never calls it once the callback form is marked).
    using v1::Link::WithCallbackMethod_Wait<v1::Link::Service>::Wait;
    grpc::ServerUnaryReactor *Wait(grpc::CallbackServerContext *context, const v1::WaitLinkRequest *request,
                                   v1::LinkBundle *response) override;
    grpc::Status CreateToken(grpc::ServerContext *context, const v1::CreateLinkTokenRequest *request,
                             v1::LinkToken *response) override;
    grpc::Status PostBundle(grpc::ServerContext *context, const v1::PostLinkBundleRequest *request,
                            v1::Empty *response) override;

private:
    RelayContext &m_relay;
};

} // namespace lapis::relay
