// SPDX-License-Identifier: GPL-3.0-or-later
// RelayClient, continued: attachment uploads and downloads, resumable from an offset.
#include "RelayClientStubs.h"
#include "StatusMapping.h"

#include <lapis/common/PosixFile.h>
#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace lapis::transport {

namespace {
// The relay's chunk limit: per-message overhead (framing, a syscall, a wakeup) is ~1/1000 of a byte.
constexpr std::size_t UploadChunkSize = proto::limits::MaxUploadChunk;
// Transfers run as long as they make progress; the deadline only stops a stalled one forever.
constexpr auto TransferTimeout = std::chrono::hours(6);

} // namespace

Result<UploadInfo> RelayClient::createUpload(std::uint64_t size)
{
    v1::CreateUploadRequest request;
    request.set_size(size);
    LAPIS_TRY(proto::validate(request, proto::limits::DefaultMaxAttachment));
    v1::UploadInfo response;
    Attempt attempt;
    LAPIS_TRY(invoke(
        Repeat::Always, true,
        [&](Stubs &stubs, grpc::ClientContext &ctx) {
            return stubs.attachments->CreateUpload(&ctx, request, &response);
        },
        attempt));
    if (!attempt.status.ok())
        return toError(attempt.status, *attempt.context, attempt.address);
    return fromProto(response);
}

Result<UploadInfo> RelayClient::uploadStatus(const std::string &blobId)
{
    v1::UploadStatusRequest request;
    request.set_blob_id(blobId);
    LAPIS_TRY(proto::validate(request));
    v1::UploadInfo response;
    Attempt attempt;
    LAPIS_TRY(invoke(
        Repeat::Always, true,
        [&](Stubs &stubs, grpc::ClientContext &ctx) {
            return stubs.attachments->UploadStatus(&ctx, request, &response);
        },
        attempt));
    if (!attempt.status.ok())
        return toError(attempt.status, *attempt.context, attempt.address);
    return fromProto(response);
}

Result<UploadInfo> RelayClient::upload(const std::string &blobId, const std::filesystem::path &file,
                                       const ProgressCallback &progress,
                                       const std::function<Result<void>(std::uint64_t)> &readable)
{
    LAPIS_TRY_ASSIGN(UploadInfo info, uploadStatus(blobId));
    return uploadFrom(info, file, progress, readable);
}

Result<UploadInfo> RelayClient::uploadFrom(const UploadInfo &info, const std::filesystem::path &file,
                                           const ProgressCallback &progress,
                                           const std::function<Result<void>(std::uint64_t)> &readable)
{
    if (info.complete)
        return info;
    const std::string &blobId = info.blobId;
    const std::uint64_t size = info.size;
    if (!readable) {
        std::error_code ec;
        const auto onDisk = std::filesystem::file_size(file, ec);
        if (ec)
            return fail(ErrorCode::Io, "Cannot read the file to upload: " + ec.message());
        if (onDisk != size)
            return fail(ErrorCode::InvalidArgument, "The file's size differs from the upload's");
    }
    FileDescriptor in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid())
        return fail(ErrorCode::Io, "Cannot read the file to upload");
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    LAPIS_TRY_ASSIGN(auto ctx, context(true, std::chrono::duration_cast<std::chrono::milliseconds>(TransferTimeout)));
    v1::UploadInfo response;
    // A transfer cut off by a relay that went away resumes on the next try, on the next relay
    // (attachments are in the folder or database all relays share).
    const auto route = m_routes->current();
    auto writer = m_stubs[route.index].attachments->Upload(ctx.get(), &response);
    std::uint64_t position = info.received;
    bool paused = false;
    bool readFailed = false;
    std::optional<Error> notReadable;
    v1::UploadChunk chunk;
    while (position < size) {
        const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(UploadChunkSize, size - position));
        if (readable) {
            if (auto ready = readable(position + wanted); !ready.ok()) {
                notReadable = std::move(ready).error();
                ctx->TryCancel();
                break;
            }
        }
        // Read straight into the message: no copy between a buffer and the protobuf.
        std::string &data = *chunk.mutable_data();
        data.resize(wanted);
        const ssize_t n = ::pread(in.get(), data.data(), wanted, static_cast<off_t>(position));
        if (n <= 0) {
            readFailed = true;
            break;
        }
        data.resize(static_cast<std::size_t>(n));
        if (position == info.received)
            chunk.set_blob_id(blobId);
        else
            chunk.clear_blob_id();
        chunk.set_offset(position);
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
    if (notReadable)
        return *notReadable;
    if (readFailed)
        return fail(ErrorCode::Io, "The file to upload could not be read to its end");
    if (paused)
        return fail(ErrorCode::Cancelled, "The upload was paused; it resumes from where the relay's copy ends");
    if (!status.ok()) {
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE)
            m_routes->failed(route.index);
        return toError(status, *ctx, route.address);
    }
    return fromProto(response);
}

Result<std::uint64_t> RelayClient::download(const std::string &blobId, const std::filesystem::path &file,
                                            const ProgressCallback &progress, std::uint64_t maxBytes,
                                            const std::function<void(ByteView)> &onData)
{
    v1::DownloadRequest request;
    request.set_blob_id(blobId);
    // The bytes already saved are ciphertext of an earlier try: the download continues after them.
    FileDescriptor out(::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    struct stat info {};
    if (!out.valid() || ::fstat(out.get(), &info) != 0)
        return fail(ErrorCode::Io, "Cannot write the downloaded file");
    std::uint64_t position = static_cast<std::uint64_t>(info.st_size);
    if (position > maxBytes)
        return fail(ErrorCode::LimitExceeded, "The attachment is larger than its message said");
    request.set_offset(position);
    LAPIS_TRY(proto::validate(request));

    LAPIS_TRY_ASSIGN(auto ctx, context(true, std::chrono::duration_cast<std::chrono::milliseconds>(TransferTimeout)));
    const auto route = m_routes->current();
    auto reader = m_stubs[route.index].attachments->Download(ctx.get(), request);
    v1::DownloadChunk chunk;
    bool paused = false;
    bool corrupt = false;
    bool tooLarge = false;
    bool writeFailed = false;
    while (reader->Read(&chunk)) {
        if (chunk.offset() != position) {
            corrupt = true;
        } else if (chunk.size() > maxBytes || position + chunk.data().size() > maxBytes) {
            // A relay (or a sender) that lies about the size gets no byte past what was promised.
            tooLarge = true;
        } else if (!writeFully(out.get(), asBytes(chunk.data()))) {
            writeFailed = true;
        } else if (onData) {
            onData(ByteView(reinterpret_cast<const std::uint8_t *>(chunk.data().data()), chunk.data().size()));
        }
        if (corrupt || tooLarge || writeFailed) {
            ctx->TryCancel();
            break;
        }
        position += chunk.data().size();
        if (progress && !progress(position, chunk.size())) {
            paused = true;
            ctx->TryCancel();
            break;
        }
    }
    const grpc::Status status = reader->Finish();
    if (!out.close())
        writeFailed = true;
    if (writeFailed)
        return fail(ErrorCode::Io, "Cannot write the downloaded file");
    if (corrupt)
        return fail(ErrorCode::Corrupt, "The relay sent the attachment out of order");
    if (tooLarge)
        return fail(ErrorCode::LimitExceeded, "The attachment is larger than its message said");
    if (paused)
        return fail(ErrorCode::Cancelled, "The download was paused; it resumes after the bytes already saved");
    if (!status.ok()) {
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE)
            m_routes->failed(route.index);
        return toError(status, *ctx, route.address);
    }
    return position;
}

} // namespace lapis::transport
