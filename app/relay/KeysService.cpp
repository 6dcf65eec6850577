// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysService.h"
#include "ServiceSupport.h"

namespace lapis::relay {

grpc::Status KeysService::PublishDeviceKeys(grpc::ServerContext *context, const v1::PublishDeviceKeysRequest *request,
                                            v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    std::vector<OneTimePreKeyRecord> oneTime;
    oneTime.reserve(static_cast<std::size_t>(request->one_time_prekeys_size()));
    for (const auto &k : request->one_time_prekeys())
        oneTime.push_back({k.id(), toBytes(k.public_key())});
    // Clients verify certificates themselves; the relay checks them only to decide which devices a
    // batch must address (those the account key certified).
    auto r = m_relay.storage.publishKeys(caller.account, caller.device, asBytes(request->account_key()),
                                         asBytes(request->certificate()), asBytes(request->signed_prekey()), oneTime);
    return r.ok() ? grpc::Status::OK : toStatus(*context, r.error());
}

grpc::Status KeysService::GetPreKeyBundles(grpc::ServerContext *context, const v1::PreKeyBundlesRequest *request,
                                           v1::PreKeyBundles *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto account = m_relay.storage.findAccount(request->account());
    if (!account.ok())
        return toStatus(*context, account.error());
    if (!account.value())
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "No account named " + request->account());
    std::set<std::uint32_t> withSession(request->devices_with_session().begin(), request->devices_with_session().end());
    // One-time prekeys are limited per caller and per target, so nobody drains a pool; beyond the
    // limit a bundle carries the signed prekey alone, which X3DH accepts.
    if (m_relay.preKeyCallerLimiter.take(caller.account) || m_relay.preKeyTargetLimiter.take(request->account())) {
        auto devices = m_relay.storage.listDevices(request->account());
        if (!devices.ok())
            return toStatus(*context, devices.error());
        for (const auto &d : *devices)
            withSession.insert(d.deviceId);
    }
    auto bundles = m_relay.storage.takePreKeyBundles(request->account(), withSession);
    if (!bundles.ok())
        return toStatus(*context, bundles.error());
    response->set_account(request->account());
    response->set_plaintext_only(account.value()->plaintextOnly);
    response->set_account_key(account.value()->accountKey.data(), account.value()->accountKey.size());
    for (const auto &b : *bundles) {
        auto *out = response->add_bundles();
        out->set_device_id(b.device.deviceId);
        out->set_certificate(b.device.certificate.data(), b.device.certificate.size());
        out->set_signed_prekey(b.device.signedPreKey.data(), b.device.signedPreKey.size());
        if (b.oneTimePreKey) {
            out->mutable_one_time_prekey()->set_id(b.oneTimePreKey->id);
            out->mutable_one_time_prekey()->set_public_key(b.oneTimePreKey->publicKey.data(),
                                                           b.oneTimePreKey->publicKey.size());
        }
    }
    return grpc::Status::OK;
}

grpc::Status KeysService::GetPreKeyCount(grpc::ServerContext *context, const v1::PreKeyCountRequest *,
                                         v1::PreKeyCount *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    auto count = m_relay.storage.preKeyCount(caller.account, caller.device);
    if (!count.ok())
        return toStatus(*context, count.error());
    response->set_count(*count);
    return grpc::Status::OK;
}

} // namespace lapis::relay
