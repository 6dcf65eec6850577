// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "relay.grpc.pb.h"

namespace lapis::relay {

/// Ciphertext blobs as files under DATA/blobs: resumable uploads, streamed downloads, expiry.
class AttachmentsService final : public lapis::relay::v1::Attachments::Service {
public:
    explicit AttachmentsService(RelayContext &relay)
        : m_relay(relay)
    {}

    grpc::Status CreateUpload(grpc::ServerContext *context, const v1::CreateUploadRequest *request,
                              v1::UploadInfo *response) override;
    grpc::Status Upload(grpc::ServerContext *context, grpc::ServerReader<v1::UploadChunk> *reader,
                        v1::UploadInfo *response) override;
    grpc::Status UploadStatus(grpc::ServerContext *context, const v1::UploadStatusRequest *request,
                              v1::UploadInfo *response) override;
    grpc::Status Download(grpc::ServerContext *context, const v1::DownloadRequest *request,
                          grpc::ServerWriter<v1::DownloadChunk> *writer) override;

private:
    RelayContext &m_relay;
};

} // namespace lapis::relay
