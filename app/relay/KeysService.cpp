// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysService.h"
#include "ServiceSupport.h"

#include <lapis/protocol/DeviceCertificate.h>
#include <lapis/protocol/KemPreKeys.h>

#include <algorithm>

namespace lapis::relay {

namespace {

KemPreKeyWireRecord kemPreKeyFrom(const v1::KemPreKey &key)
{
    return {key.id(), toBytes(key.public_key()), toBytes(key.signature())};
}

} // namespace

Result<void> KeysService::checkKemPreKeySignatures(const Caller &caller, ByteView publishedCertificate,
                                                   const KemPreKeyUpload &kem)
{
    // Clients check every ML-KEM prekey's signature before they use it; the relay checks them
    // too, against the certificate the device published, so that it stores no key nobody could
    // use (nor 1.2 KiB of anything under a key's name).
    Bytes certificate(publishedCertificate.begin(), publishedCertificate.end());
    if (certificate.empty()) {
        LAPIS_TRY_ASSIGN(auto devices, m_relay.storage.listDevices(caller.account));
        for (const auto &d : devices)
            if (d.deviceId == caller.device)
                certificate = d.certificate;
    }
    auto parsed = protocol::DeviceCertificate::deserialize(certificate);
    if (!parsed.ok())
        return fail(ErrorCode::InvalidArgument,
                    "Publish the device certificate before (or with) its ML-KEM prekeys: they are checked against it");
    auto check = [&](const KemPreKeyWireRecord &key) -> Result<void> {
        protocol::SignedKemPreKey signedKey{PreKeyId(key.id), key.publicKey, {}};
        std::copy(key.signature.begin(), key.signature.end(), signedKey.signature.begin());
        if (auto verified = signedKey.verify(parsed->signingKey); !verified.ok())
            return fail(ErrorCode::InvalidArgument,
                        "ML-KEM prekey " + std::to_string(key.id) + " refused: " + verified.error().message);
        return {};
    };
    if (kem.lastResort)
        LAPIS_TRY(check(*kem.lastResort));
    for (const auto &key : kem.oneTime)
        LAPIS_TRY(check(key));
    return {};
}

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
    KemPreKeyUpload kem;
    if (request->has_last_resort_kem_prekey())
        kem.lastResort = kemPreKeyFrom(request->last_resort_kem_prekey());
    for (const auto &k : request->one_time_kem_prekeys())
        kem.oneTime.push_back(kemPreKeyFrom(k));
    if (kem.lastResort || !kem.oneTime.empty()) {
        if (auto checked = checkKemPreKeySignatures(caller, asBytes(request->certificate()), kem); !checked.ok())
            return toStatus(*context, checked.error());
    }
    // Clients verify certificates themselves; the relay checks them only to decide which devices a
    // batch must address (those the account key certified).
    auto r =
        m_relay.storage.publishKeys(caller.account, caller.device, asBytes(request->account_key()),
                                    asBytes(request->certificate()), asBytes(request->signed_prekey()), oneTime, kem);
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
    // A lookup (lookup_only) starts no session and takes none.
    if (request->lookup_only() || m_relay.preKeyCallerLimiter->take(caller.account)
        || m_relay.preKeyTargetLimiter->take(request->account())) {
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
        if (b.kemPreKey) {
            auto *kem = out->mutable_kem_prekey();
            kem->set_id(b.kemPreKey->id);
            kem->set_public_key(b.kemPreKey->publicKey.data(), b.kemPreKey->publicKey.size());
            kem->set_signature(b.kemPreKey->signature.data(), b.kemPreKey->signature.size());
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
    response->set_count(count->oneTime);
    response->set_kem_count(count->kemOneTime);
    response->set_has_last_resort_kem_prekey(count->kemLastResort);
    return grpc::Status::OK;
}

} // namespace lapis::relay
