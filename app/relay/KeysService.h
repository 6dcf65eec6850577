// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "RelayStorage.h"
#include "relay.grpc.pb.h"

namespace lapis::relay {

struct Caller;

/// Device certificates and prekeys, stored and handed out as opaque bytes (ML-KEM prekeys'
/// signatures are checked).
class KeysService final : public lapis::relay::v1::Keys::Service {
public:
    explicit KeysService(RelayContext &relay)
        : m_relay(relay)
    {}

    grpc::Status PublishDeviceKeys(grpc::ServerContext *context, const v1::PublishDeviceKeysRequest *request,
                                   v1::Empty *response) override;
    grpc::Status GetPreKeyBundles(grpc::ServerContext *context, const v1::PreKeyBundlesRequest *request,
                                  v1::PreKeyBundles *response) override;
    grpc::Status GetPreKeyCount(grpc::ServerContext *context, const v1::PreKeyCountRequest *request,
                                v1::PreKeyCount *response) override;

private:
    /// Every ML-KEM prekey is signed by the key of the device's certificate (the one in the same
    /// request, else the one stored): InvalidArgument otherwise, and nothing is stored.
    Result<void> checkKemPreKeySignatures(const Caller &caller, ByteView publishedCertificate,
                                          const KemPreKeyUpload &kem);

    RelayContext &m_relay;
};

} // namespace lapis::relay
