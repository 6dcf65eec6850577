// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay.grpc.pb.h"

#include <lapis/transport/RelayClient.h>

namespace lapis::transport {

namespace v1 = lapis::relay::v1;

/// The generated stubs, kept out of the public header.
struct RelayClient::Stubs {
    std::unique_ptr<v1::Accounts::Stub> accounts;
    std::unique_ptr<v1::Keys::Stub> keys;
    std::unique_ptr<v1::Messages::Stub> messages;
    std::unique_ptr<v1::Attachments::Stub> attachments;
    std::unique_ptr<v1::Link::Stub> link;
};

inline UploadInfo fromProto(const v1::UploadInfo &info)
{
    return UploadInfo{info.blob_id(), info.size(), info.received(), info.complete(), info.expires_ms()};
}

} // namespace lapis::transport
