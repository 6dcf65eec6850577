// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentsService.h"
#include "ServiceSupport.h"

#include <lapis/common/PosixFile.h>
#include <lapis/crypto/Random.h>
#include <lapis/proto/Limits.h>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace lapis::relay {

namespace {

// Progress is made durable every so many bytes, so a broken upload resumes close to where it
// stopped without an fsync per chunk: a crash costs the client at most this much sent again, and
// a 2 GiB upload pays 32 fsyncs instead of 512.
constexpr std::uint64_t CheckpointBytes = 64 * 1024 * 1024;
// Received bytes are handed to the disk as they come, so a checkpoint's fdatasync (and the last
// one, which the client waits for) finds little left to write.
constexpr std::uint64_t WritebackBytes = 8 * 1024 * 1024;
constexpr std::size_t DownloadChunk = proto::limits::MaxUploadChunk;

void fill(const BlobRecord &blob, v1::UploadInfo *info)
{
    info->set_blob_id(blob.blobId);
    info->set_size(blob.size);
    info->set_received(blob.received);
    info->set_complete(blob.complete);
    info->set_expires_ms(blob.expiresMs);
}

/// Closes a file descriptor on every path out.
struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

grpc::Status AttachmentsService::CreateUpload(grpc::ServerContext *context, const v1::CreateUploadRequest *request,
                                              v1::UploadInfo *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request, m_relay.config.maxAttachmentBytes); !s.ok())
        return s;
    // A per-account quota, so one account cannot fill the relay's disk.
    auto owned = m_relay.storage.blobBytesOwnedBy(caller.account);
    if (!owned.ok())
        return toStatus(*context, owned.error());
    if (*owned + request->size() > m_relay.config.blobQuotaBytes)
        return withReason(*context, grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "This account's attachments on the relay would exceed its quota; wait until older ones "
                          "expire",
                          "blob-quota");
    BlobRecord blob;
    blob.blobId = toHex(crypto::randomBytes(16));
    blob.owner = caller.account;
    blob.size = request->size();
    blob.expiresMs = nowMs() + m_relay.config.attachmentLifetime.count();
    Fd file{::open(m_relay.blobPath(blob.blobId).c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600)};
    if (file.fd < 0)
        return toStatus(*context, fail(ErrorCode::Io, "cannot create a blob file"));
    if (auto r = m_relay.storage.createBlob(blob); !r.ok())
        return toStatus(*context, r.error());
    fill(blob, response);
    return grpc::Status::OK;
}

grpc::Status AttachmentsService::Upload(grpc::ServerContext *context, grpc::ServerReader<v1::UploadChunk> *reader,
                                        v1::UploadInfo *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    v1::UploadChunk chunk;
    if (!reader->Read(&chunk))
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "An upload starts with a chunk naming its blob");
    if (auto s = validateRequest(*context, chunk); !s.ok())
        return s;
    if (chunk.blob_id().empty())
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "The first chunk must name the blob");
    auto found = m_relay.storage.findBlob(chunk.blob_id());
    if (!found.ok())
        return toStatus(*context, found.error());
    if (!found.value() || found.value()->owner != caller.account)
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "No such upload");
    BlobRecord blob = *found.value();
    if (blob.complete) {
        fill(blob, response);
        return grpc::Status::OK;
    }
    if (chunk.offset() != blob.received)
        return withReason(*context, grpc::StatusCode::FAILED_PRECONDITION,
                          "The upload resumes at byte " + std::to_string(blob.received), "wrong-offset");

    Fd file{::open(m_relay.blobPath(blob.blobId).c_str(), O_WRONLY | O_CLOEXEC)};
    // Bytes past the last checkpoint may be torn: drop them and continue from the checkpoint.
    if (file.fd < 0 || ::ftruncate(file.fd, static_cast<off_t>(blob.received)) != 0
        || ::lseek(file.fd, static_cast<off_t>(blob.received), SEEK_SET) < 0)
        return toStatus(*context, fail(ErrorCode::Io, "cannot open a blob file"));

    std::uint64_t position = blob.received;
    std::uint64_t checkpoint = position;
    std::uint64_t writtenBack = position;
    grpc::Status result = grpc::Status::OK;
    auto persist = [&](bool complete) -> bool {
        if (::fdatasync(file.fd) != 0)
            return false;
        if (!m_relay.storage.updateBlob(blob.blobId, position, complete).ok())
            return false;
        checkpoint = position;
        return true;
    };
    for (bool first = true; first || reader->Read(&chunk); first = false) {
        if (!first) {
            if (auto s = validateRequest(*context, chunk); !s.ok()) {
                result = s;
                break;
            }
            if (chunk.offset() != position) {
                result = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "Upload chunks must follow each other");
                break;
            }
        }
        const std::string &data = chunk.data();
        if (position + data.size() > blob.size) {
            result = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "The upload is larger than announced");
            break;
        }
        std::size_t written = 0;
        while (written < data.size()) {
            const ssize_t n = ::write(file.fd, data.data() + written, data.size() - written);
            if (n <= 0) {
                result = toStatus(*context, fail(ErrorCode::Io, "cannot write a blob file"));
                break;
            }
            written += static_cast<std::size_t>(n);
        }
        if (!result.ok())
            break;
        position += data.size();
        if (position - writtenBack >= WritebackBytes) {
            startWriteback(file.fd, writtenBack, position - writtenBack);
            writtenBack = position;
        }
        if (position - checkpoint >= CheckpointBytes && !persist(false)) {
            result = toStatus(*context, fail(ErrorCode::Io, "cannot save upload progress"));
            break;
        }
    }
    // Whatever arrived intact is kept, also when the client went away: it resumes from here.
    if (!persist(position == blob.size) && result.ok())
        result = toStatus(*context, fail(ErrorCode::Io, "cannot save upload progress"));
    if (!result.ok())
        return result;
    blob.received = position;
    blob.complete = position == blob.size;
    fill(blob, response);
    return grpc::Status::OK;
}

grpc::Status AttachmentsService::UploadStatus(grpc::ServerContext *context, const v1::UploadStatusRequest *request,
                                              v1::UploadInfo *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto found = m_relay.storage.findBlob(request->blob_id());
    if (!found.ok())
        return toStatus(*context, found.error());
    // Only the uploader may see an upload's progress; to anyone else it does not exist.
    if (!found.value() || found.value()->owner != caller.account)
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "No such blob (it may have expired)");
    fill(*found.value(), response);
    return grpc::Status::OK;
}

grpc::Status AttachmentsService::Download(grpc::ServerContext *context, const v1::DownloadRequest *request,
                                          grpc::ServerWriter<v1::DownloadChunk> *writer)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    // The blob id (128 random bits) is the capability: whoever got the pointer may download.
    auto found = m_relay.storage.findBlob(request->blob_id());
    if (!found.ok())
        return toStatus(*context, found.error());
    if (!found.value())
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "No such blob (it may have expired)");
    const BlobRecord &blob = *found.value();
    if (!blob.complete)
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "The blob is not fully uploaded yet");
    if (request->offset() > blob.size)
        return grpc::Status(grpc::StatusCode::OUT_OF_RANGE, "The offset is past the blob's end");
    Fd file{::open(m_relay.blobPath(blob.blobId).c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0)
        return toStatus(*context, fail(ErrorCode::Io, "cannot open a blob file"));
    std::uint64_t position = request->offset();
    ::posix_fadvise(file.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    v1::DownloadChunk chunk;
    chunk.set_size(blob.size);
    while (position < blob.size) {
        if (context->IsCancelled())
            return grpc::Status(grpc::StatusCode::CANCELLED, "The download was cancelled");
        // Read straight into the message: the blob streams from the file, one chunk in memory.
        std::string &data = *chunk.mutable_data();
        data.resize(static_cast<std::size_t>(std::min<std::uint64_t>(DownloadChunk, blob.size - position)));
        const ssize_t n = ::pread(file.fd, data.data(), data.size(), static_cast<off_t>(position));
        if (n <= 0)
            return toStatus(*context, fail(ErrorCode::Io, "cannot read a blob file"));
        data.resize(static_cast<std::size_t>(n));
        chunk.set_offset(position);
        if (!writer->Write(chunk))
            return grpc::Status(grpc::StatusCode::CANCELLED, "The client went away");
        position += static_cast<std::uint64_t>(n);
    }
    return grpc::Status::OK;
}

} // namespace lapis::relay
