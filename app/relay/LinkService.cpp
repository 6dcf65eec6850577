// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountSecurity.h"
#include "LinkService.h"
#include "ServiceSupport.h"

#include <lapis/crypto/Random.h>
#include <lapis/proto/Limits.h>

namespace lapis::relay {

grpc::Status LinkService::CreateAddress(grpc::ServerContext *context, const v1::CreateLinkAddressRequest *,
                                        v1::LinkAddress *response)
{
    if (auto s = admitAnonymous(m_relay, *context); !s.ok())
        return s;
    // Anonymous callers must not fill the relay's table of open addresses for everyone else.
    if (auto wait = m_relay.linkAddressLimiter.take(sourceAddress(*context)))
        return retryLater(*context, *wait, "Too many link requests from this address", "link-rate");
    auto address = m_relay.link->create();
    if (!address.ok())
        return toStatus(*context, address.error());
    response->set_address(*address);
    response->set_ttl_seconds(static_cast<std::uint32_t>(m_relay.link->ttl().count()));
    return grpc::Status::OK;
}

grpc::ServerUnaryReactor *LinkService::Wait(grpc::CallbackServerContext *context, const v1::WaitLinkRequest *request,
                                            v1::LinkBundle *response)
{
    auto *reactor = context->DefaultReactor();
    if (auto s = admitAnonymous(m_relay, *context); !s.ok()) {
        reactor->Finish(s);
        return reactor;
    }
    if (auto s = validateRequest(*context, *request); !s.ok()) {
        reactor->Finish(s);
        return reactor;
    }
    // Finished exactly once, from whichever thread ends the wait; nothing is touched after Finish.
    auto finish = [context, reactor, response](Result<Bytes> bundle) {
        if (!bundle.ok()) {
            reactor->Finish(bundle.error().code == ErrorCode::Cancelled
                                ? grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, bundle.error().message)
                                : toStatus(*context, bundle.error()));
            return;
        }
        response->set_sealed_bundle(bundle->data(), bundle->size());
        reactor->Finish(grpc::Status::OK);
    };
    auto started = m_relay.link->startWait(
        request->address(), [context] { return context->IsCancelled(); }, std::move(finish));
    if (!started.ok())
        reactor->Finish(toStatus(*context, started.error()));
    return reactor;
}

grpc::Status LinkService::CreateToken(grpc::ServerContext *context, const v1::CreateLinkTokenRequest *,
                                      v1::LinkToken *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    // Adding a device is a change to the account's security: proof of the account key first.
    if (auto s = AccountSecurity(m_relay).requireAccountProof(*context, caller); !s.ok())
        return s;
    const Bytes token = crypto::randomBytes(proto::limits::LinkTokenSize);
    const auto ttl = m_relay.link->ttl();
    auto r =
        m_relay.storage.createLinkToken(caller.account, hashSecret(token),
                                        nowMs() + std::chrono::duration_cast<std::chrono::milliseconds>(ttl).count());
    if (!r.ok())
        return toStatus(*context, r.error());
    response->set_token(token.data(), token.size());
    response->set_ttl_seconds(static_cast<std::uint32_t>(ttl.count()));
    return grpc::Status::OK;
}

grpc::Status LinkService::PostBundle(grpc::ServerContext *context, const v1::PostLinkBundleRequest *request,
                                     v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    // Adding a device is a change to the account's security: proof of the account key first.
    if (auto s = AccountSecurity(m_relay).requireAccountProof(*context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto r = m_relay.link->post(request->address(), toBytes(request->sealed_bundle()));
    return r.ok() ? grpc::Status::OK : toStatus(*context, r.error());
}

} // namespace lapis::relay
