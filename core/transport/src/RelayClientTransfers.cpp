// SPDX-License-Identifier: GPL-3.0-or-later
// RelayClient, continued: attachment uploads and downloads, resumable from an offset.
#include "RelayClientStubs.h"

#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>
#include <lapis/transport/StatusMapping.h>

#include <fstream>

namespace lapis::transport {

namespace {
// Below the relay's chunk limit, large enough that per-message overhead does not matter.
constexpr std::size_t UploadChunkSize = 128 * 1024;
// Transfers run as long as they make progress; the deadline only stops a stalled one forever.
constexpr auto TransferTimeout = std::chrono::hours(6);
} // namespace

Result<UploadInfo> RelayClient::createUpload(std::uint64_t size)
{
    v1::CreateUploadRequest request;
    request.set_size(size);
    LAPIS_TRY(proto::validate(request, proto::limits::DefaultMaxAttachment));
    LAPIS_TRY_ASSIGN(auto ctx, context(true));
    v1::UploadInfo response;
    if (auto status = m_stubs->attachments->CreateUpload(ctx.get(), request, &response); !status.ok())
        return toError(status, *ctx, m_endpoint.address);
    return fromProto(response);
}

Result<UploadInfo> RelayClient::uploadStatus(const std::string &blobId)
{
    v1::UploadStatusRequest request;
    request.set_blob_id(blobId);
    LAPIS_TRY(proto::validate(request));
    LAPIS_TRY_ASSIGN(auto ctx, context(true));
    v1::UploadInfo response;
    if (auto status = m_stubs->attachments->UploadStatus(ctx.get(), request, &response); !status.ok())
        return toError(status, *ctx, m_endpoint.address);
    return fromProto(response);
}

Result<UploadInfo> RelayClient::upload(const std::string &blobId, const std::filesystem::path &file,
                                       const ProgressCallback &progress)
{
    LAPIS_TRY_ASSIGN(UploadInfo info, uploadStatus(blobId));
    if (info.complete)
        return info;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot read the file to upload: " + ec.message());
    if (size != info.size)
        return fail(ErrorCode::InvalidArgument, "The file's size differs from the upload's");
    std::ifstream in(file, std::ios::binary);
    if (!in.seekg(static_cast<std::streamoff>(info.received)))
        return fail(ErrorCode::Io, "Cannot read the file to upload");

    LAPIS_TRY_ASSIGN(auto ctx, context(true, std::chrono::duration_cast<std::chrono::milliseconds>(TransferTimeout)));
    v1::UploadInfo response;
    auto writer = m_stubs->attachments->Upload(ctx.get(), &response);
    std::uint64_t position = info.received;
    std::string buffer(UploadChunkSize, '\0');
    bool paused = false;
    while (position < size) {
        in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), size - position)));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0)
            return fail(ErrorCode::Io, "The file to upload ended early");
        v1::UploadChunk chunk;
        if (position == info.received)
            chunk.set_blob_id(blobId);
        chunk.set_offset(position);
        chunk.set_data(buffer.data(), n);
        if (!writer->Write(chunk))
            break; // the relay ended the call; Finish says why
        position += n;
        if (progress && !progress(position, size)) {
            paused = true;
            break;
        }
    }
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (paused)
        return fail(ErrorCode::Cancelled, "The upload was paused; it resumes from where the relay's copy ends");
    if (!status.ok())
        return toError(status, *ctx, m_endpoint.address);
    return fromProto(response);
}

Result<std::uint64_t> RelayClient::download(const std::string &blobId, const std::filesystem::path &file,
                                            const ProgressCallback &progress)
{
    v1::DownloadRequest request;
    request.set_blob_id(blobId);
    std::error_code ec;
    std::uint64_t position = std::filesystem::exists(file, ec) ? std::filesystem::file_size(file, ec) : 0;
    request.set_offset(position);
    LAPIS_TRY(proto::validate(request));
    std::ofstream out(file, std::ios::binary | std::ios::app);
    if (!out)
        return fail(ErrorCode::Io, "Cannot write the downloaded file");

    LAPIS_TRY_ASSIGN(auto ctx, context(true, std::chrono::duration_cast<std::chrono::milliseconds>(TransferTimeout)));
    auto reader = m_stubs->attachments->Download(ctx.get(), request);
    v1::DownloadChunk chunk;
    bool paused = false;
    bool corrupt = false;
    while (reader->Read(&chunk)) {
        if (chunk.offset() != position) {
            corrupt = true;
            ctx->TryCancel();
            break;
        }
        out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
        if (!out)
            return fail(ErrorCode::Io, "Cannot write the downloaded file");
        position += chunk.data().size();
        if (progress && !progress(position, chunk.size())) {
            paused = true;
            ctx->TryCancel();
            break;
        }
    }
    const grpc::Status status = reader->Finish();
    out.flush();
    if (corrupt)
        return fail(ErrorCode::Corrupt, "The relay sent the attachment out of order");
    if (paused)
        return fail(ErrorCode::Cancelled, "The download was paused; it resumes after the bytes already saved");
    if (!status.ok())
        return toError(status, *ctx, m_endpoint.address);
    return position;
}

} // namespace lapis::transport
