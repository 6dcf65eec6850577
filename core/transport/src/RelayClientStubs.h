// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay.grpc.pb.h"

#include <lapis/transport/RelayClient.h>

#include <grpcpp/channel.h>

namespace lapis::transport {

namespace v1 = lapis::relay::v1;

/// The generated stubs, kept out of the public header.
struct RelayClient::Stubs {
    explicit Stubs(const std::shared_ptr<grpc::Channel> &channel)
        : accounts(v1::Accounts::NewStub(channel))
        , keys(v1::Keys::NewStub(channel))
        , messages(v1::Messages::NewStub(channel))
        , attachments(v1::Attachments::NewStub(channel))
        , link(v1::Link::NewStub(channel))
    {}
    std::unique_ptr<v1::Accounts::Stub> accounts;
    std::unique_ptr<v1::Keys::Stub> keys;
    std::unique_ptr<v1::Messages::Stub> messages;
    std::unique_ptr<v1::Attachments::Stub> attachments;
    std::unique_ptr<v1::Link::Stub> link;
};

/// The last try of a call RelayClient::invoke made.
struct RelayClient::Attempt {
    grpc::Status status;
    std::unique_ptr<grpc::ClientContext> context;
    std::string address;
};

inline UploadInfo fromProto(const v1::UploadInfo &info)
{
    return UploadInfo{info.blob_id(), info.size(), info.received(), info.complete(), info.expires_ms()};
}

} // namespace lapis::transport
