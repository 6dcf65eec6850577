// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/PosixFile.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/HashingThread.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/decode/DecoderPool.h>
#include <lapis/engine/Attachments.h>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QMimeDatabase>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <optional>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
constexpr int ThumbnailEdge = 160;
constexpr int ThumbnailQuality = 70;

/// The picture is decoded by lapis-decoder (a dropped or pasted image is as untrusted as a
/// received one); only its checked pixels are encoded here.
Bytes thumbnailFrom(const QByteArray &encoded)
{
    if (static_cast<std::uint64_t>(encoded.size()) > decode::MaxEncodedBytes)
        return {};
    auto decoded = decode::DecoderPool::shared().decodeImage(encoded, QSize(ThumbnailEdge, ThumbnailEdge)).result();
    if (!decoded.ok())
        return {}; // refused or no decoder here: the attachment goes without a preview
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!decoded->save(&buffer, "JPEG", ThumbnailQuality))
        return {};
    return Bytes(jpeg.begin(), jpeg.end());
}

Bytes makeThumbnail(const fs::path &source, const std::string &mimeType)
{
    if (mimeType.rfind("image/", 0) != 0)
        return {};
    QFile file(QString::fromStdString(source.string()));
    if (!file.open(QIODevice::ReadOnly) || static_cast<std::uint64_t>(file.size()) > decode::MaxEncodedBytes)
        return {};
    return thumbnailFrom(file.readAll());
}

Bytes makeThumbnailOf(const QByteArray &data, const std::string &mimeType)
{
    if (mimeType.rfind("image/", 0) != 0)
        return {};
    return thumbnailFrom(data);
}

constexpr std::size_t Chunk = crypto::SecretStreamSizes::FileChunk;
constexpr std::size_t SealedChunk = Chunk + crypto::SecretStreamSizes::Overhead;
/// Chunks read, encrypted and written per system call: few calls, and still little memory.
constexpr std::size_t ChunksPerBlock = 16;
/// Sealed bytes are handed to the disk every so often, so that the fdatasync that makes the file
/// durable (before a pending upload may name it) finds little left to write.
constexpr std::uint64_t WritebackBytes = 8 * 1024 * 1024;

/// Encrypts `size` bytes that `read` supplies (it fills its buffer exactly, or fails) into `out`,
/// hashing the ciphertext (on the hashing thread, beside the encryption). Returns the ciphertext
/// size.
Result<std::uint64_t> sealInto(int out, std::uint64_t size, const std::function<Result<void>(MutableByteView)> &read,
                               ByteView key, crypto::HashingThread &hash, const crypto::StreamProgress &progress)
{
    LAPIS_TRY_ASSIGN(auto encryptor, crypto::SecretStreamEncryptor::create(key));
    hash.update(encryptor.header());
    if (!writeFully(out, encryptor.header()))
        return fail(ErrorCode::Io, "Could not write the encrypted attachment (disk full?)");
    WipedBytes plain(Chunk * ChunksPerBlock);
    Bytes sealed(SealedChunk * ChunksPerBlock);
    std::uint64_t done = 0;
    std::uint64_t written = encryptor.header().size();
    std::uint64_t writtenBack = 0;
    do {
        const auto blockSize = static_cast<std::size_t>(std::min<std::uint64_t>(plain.size(), size - done));
        LAPIS_TRY(read(plain.mutableView().first(blockSize)));
        std::size_t sealedSize = 0;
        // An empty file is one empty final chunk.
        for (std::size_t offset = 0; offset < blockSize || (size == 0 && sealedSize == 0); offset += Chunk) {
            const std::size_t n = std::min(Chunk, blockSize - offset);
            const bool final = done + offset + n == size;
            LAPIS_TRY(encryptor.pushInto(plain.view().subspan(offset, n), final,
                                         MutableByteView(sealed).subspan(sealedSize)));
            sealedSize += n + crypto::SecretStreamSizes::Overhead;
        }
        const ByteView block = ByteView(sealed).first(sealedSize);
        hash.update(block);
        if (!writeFully(out, block))
            return fail(ErrorCode::Io, "Could not write the encrypted attachment (disk full?)");
        done += blockSize;
        written += sealedSize;
        if (written - writtenBack >= WritebackBytes) {
            startWriteback(out, writtenBack, written - writtenBack);
            writtenBack = written;
        }
        if (progress)
            progress(done);
    } while (done < size);
    return written;
}

/// Decrypts the sealed chunks of `sealed` one after another into `plain`; returns the plaintext's
/// length. A chunk after the final one is Corrupt.
Result<std::size_t> pullChunks(crypto::SecretStreamDecryptor &decryptor, ByteView sealed, MutableByteView plain)
{
    std::size_t plainSize = 0;
    for (std::size_t offset = 0; offset < sealed.size(); offset += SealedChunk) {
        if (decryptor.finished())
            return fail(ErrorCode::Corrupt, "The attachment's encrypted copy ends in the wrong place");
        const std::size_t n = std::min(SealedChunk, sealed.size() - offset);
        LAPIS_TRY_ASSIGN(const std::size_t got,
                         decryptor.pullInto(sealed.subspan(offset, n), plain.subspan(plainSize)));
        plainSize += got;
    }
    return plainSize;
}

/// A new file name for sealed bytes in `folder` (which is created).
fs::path newSealedFile(const fs::path &folder, crypto::RandomSource &rng)
{
    std::error_code ec;
    fs::create_directories(folder, ec);
    return folder / ("out-" + toHex(rng.bytes(16)) + ".bin");
}

/// Seals what `read` supplies into `file`: the common part of sealAttachmentTo and
/// sealAttachmentData.
Result<SealedAttachment> sealToFile(std::uint64_t size, const std::function<Result<void>(MutableByteView)> &read,
                                    const fs::path &file, crypto::RandomSource &rng,
                                    const crypto::StreamProgress &progress)
{
    std::error_code ec;
    SealedAttachment sealed;
    rng.fill(sealed.key.mutableView());
    sealed.ciphertextFile = file;
    FileDescriptor out(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.valid())
        return fail(ErrorCode::Io, "Cannot write in " + file.parent_path().string());
    LAPIS_TRY_ASSIGN(auto blake2b, crypto::Blake2b::create(32));
    crypto::HashingThread hash(std::move(blake2b));
    auto written = sealInto(out.get(), size, read, sealed.key.view(), hash, progress);
    // Durable before a pending upload names it: a resume after a power cut must not send a torn file.
    if (written.ok() && ::fdatasync(out.get()) != 0)
        written = fail(ErrorCode::Io, "Could not write the encrypted attachment (disk full?)");
    if (written.ok() && !out.close())
        written = fail(ErrorCode::Io, "Could not write the encrypted attachment (disk full?)");
    if (!written.ok()) {
        fs::remove(sealed.ciphertextFile, ec);
        return std::move(written).error();
    }
    sealed.plaintextSize = size;
    sealed.ciphertextSize = *written;
    sealed.digest = hash.finish();
    return sealed;
}
} // namespace

std::uint64_t cipherSizeOf(std::uint64_t plaintextSize)
{
    const std::uint64_t chunks = std::max<std::uint64_t>(1, (plaintextSize + Chunk - 1) / Chunk);
    return crypto::SecretStreamSizes::Header + plaintextSize + chunks * crypto::SecretStreamSizes::Overhead;
}

Result<SealedAttachment> sealAttachment(const fs::path &source, const fs::path &folder, crypto::RandomSource &rng,
                                        const crypto::StreamProgress &progress, std::uint64_t maxSize)
{
    std::error_code ec;
    if (!fs::is_regular_file(source, ec))
        return fail(ErrorCode::Io, "Cannot read " + source.filename().string() + ": it is not a readable file");
    return sealAttachmentTo(source, newSealedFile(folder, rng), rng, progress, maxSize);
}

Result<SealedAttachment> sealAttachmentTo(const fs::path &source, const fs::path &ciphertextFile,
                                          crypto::RandomSource &rng, const crypto::StreamProgress &progress,
                                          std::uint64_t maxSize)
{
    std::error_code ec;
    const auto size = fs::file_size(source, ec);
    if (ec || !fs::is_regular_file(source))
        return fail(ErrorCode::Io, "Cannot read " + source.filename().string() + ": it is not a readable file");
    if (size > maxSize)
        return fail(ErrorCode::LimitExceeded, source.filename().string() + " is too large to send (the limit is "
                                                  + std::to_string(maxSize / (1024 * 1024)) + " MiB)");
    FileDescriptor in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid())
        return fail(ErrorCode::Io, "Cannot open " + source.filename().string());
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    const std::string name = source.filename().string();
    auto read = [&](MutableByteView block) -> Result<void> {
        if (readFully(in.get(), block) != static_cast<ssize_t>(block.size()))
            return fail(ErrorCode::Io, "Could not read " + name + " (it changed or shrank while being sent)");
        return {};
    };
    LAPIS_TRY_ASSIGN(auto sealed, sealToFile(size, read, ciphertextFile, rng, progress));
    sealed.fileName = name;
    sealed.mimeType = QMimeDatabase().mimeTypeForFile(QString::fromStdString(source.string())).name().toStdString();
    sealed.thumbnail = makeThumbnail(source, sealed.mimeType);
    return sealed;
}

Result<SealedAttachment> sealAttachmentData(ByteView data, const std::string &fileName, const fs::path &folder,
                                            crypto::RandomSource &rng)
{
    if (data.size() > MaxAttachmentSize)
        return fail(ErrorCode::LimitExceeded, "The data is too large to send");
    std::size_t offset = 0;
    auto read = [&](MutableByteView block) -> Result<void> {
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), block.size(), block.begin());
        offset += block.size();
        return {};
    };
    LAPIS_TRY_ASSIGN(auto sealed, sealToFile(data.size(), read, newSealedFile(folder, rng), rng, {}));
    sealed.fileName = safeFileName(fileName);
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data.data()), static_cast<qsizetype>(data.size()));
    sealed.mimeType =
        QMimeDatabase().mimeTypeForFileNameAndData(QString::fromStdString(sealed.fileName), bytes).name().toStdString();
    sealed.thumbnail = makeThumbnailOf(bytes, sealed.mimeType);
    return sealed;
}

Result<Bytes> digestOfFile(const fs::path &file)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return fail(ErrorCode::Io, "Cannot read " + file.filename().string());
    LAPIS_TRY_ASSIGN(auto hash, crypto::Blake2b::create(32));
    LAPIS_TRY(hashFileInto(file, hash));
    return hash.finish();
}

Result<void> hashFileInto(const fs::path &file, crypto::Blake2b &hash)
{
    FileDescriptor in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid())
        return errno == ENOENT ? Result<void>() : fail(ErrorCode::Io, "Cannot read " + file.filename().string());
    Bytes block(1 << 20);
    for (;;) {
        const ssize_t n = readFully(in.get(), block);
        if (n < 0)
            return fail(ErrorCode::Io, "Cannot read " + file.filename().string());
        hash.update(ByteView(block).first(static_cast<std::size_t>(n)));
        if (static_cast<std::size_t>(n) < block.size())
            break;
    }
    return {};
}

Result<std::uint64_t> decryptAttachmentFile(const fs::path &ciphertextFile, ByteView key, std::uint64_t expectedSize,
                                            const PlaintextSink &sink)
{
    FileDescriptor in(::open(ciphertextFile.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid())
        return fail(ErrorCode::NotFound, "The attachment's encrypted copy is missing");
    struct stat info {};
    if (::fstat(in.get(), &info) != 0)
        return fail(ErrorCode::Io, "Cannot read the attachment's encrypted copy");
    // Every chunk's length follows from the size: a file of another length is truncated or extended.
    if (static_cast<std::uint64_t>(info.st_size) != cipherSizeOf(expectedSize))
        return fail(ErrorCode::Corrupt, "The attachment's encrypted copy has the wrong length");
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    Bytes header(crypto::SecretStreamSizes::Header);
    if (readFully(in.get(), header) != static_cast<ssize_t>(header.size()))
        return fail(ErrorCode::Io, "Cannot read the attachment's encrypted copy");
    LAPIS_TRY_ASSIGN(auto first, crypto::SecretStreamDecryptor::create(key, header));
    std::optional<crypto::SecretStreamDecryptor> decryptor;
    decryptor.emplace(std::move(first));
    Bytes sealed(SealedChunk * ChunksPerBlock);
    WipedBytes plain(Chunk * ChunksPerBlock);
    std::uint64_t remaining = static_cast<std::uint64_t>(info.st_size) - header.size();
    std::uint64_t total = 0;
    while (remaining > 0) {
        const auto blockSize = static_cast<std::size_t>(std::min<std::uint64_t>(sealed.size(), remaining));
        if (readFully(in.get(), MutableByteView(sealed).first(blockSize)) != static_cast<ssize_t>(blockSize))
            return fail(ErrorCode::Io, "Cannot read the attachment's encrypted copy");
        // The block's second half is decrypted on another thread beside the first (decryption is
        // the receiving side's largest cost after the digest). Its decryptor's state follows from
        // the first half's MACs; nothing of the block reaches the sink before both halves verified.
        const std::size_t chunks = (blockSize + SealedChunk - 1) / SealedChunk;
        const ByteView front = ByteView(sealed).first(std::min(blockSize, (chunks / 2) * SealedChunk));
        const ByteView back = ByteView(sealed).subspan(front.size(), blockSize - front.size());
        std::size_t plainSize = 0;
        if (!front.empty()) {
            LAPIS_TRY_ASSIGN(auto second, decryptor->after(front, SealedChunk));
            const auto backPlain = plain.mutableView().subspan((chunks / 2) * Chunk);
            std::future<Result<std::size_t>> decryptingBack;
            try {
                decryptingBack = std::async(std::launch::async,
                                            [&second, back, backPlain] { return pullChunks(second, back, backPlain); });
            } catch (const std::system_error &) {
                // No thread to be had: the halves one after the other.
            }
            auto frontSize = pullChunks(*decryptor, front, plain.mutableView());
            auto backSize = decryptingBack.valid() ? decryptingBack.get() : pullChunks(second, back, backPlain);
            LAPIS_TRY(frontSize);
            LAPIS_TRY(backSize);
            if (decryptor->finished())
                return fail(ErrorCode::Corrupt, "The attachment's encrypted copy ends in the wrong place");
            plainSize = *frontSize + *backSize;
            decryptor.emplace(std::move(second));
        } else {
            LAPIS_TRY_ASSIGN(plainSize, pullChunks(*decryptor, back, plain.mutableView()));
        }
        remaining -= blockSize;
        if (decryptor->finished() != (remaining == 0))
            return fail(ErrorCode::Corrupt, "The attachment's encrypted copy ends in the wrong place");
        if (sink)
            LAPIS_TRY(sink(plain.view().first(plainSize)));
        total += plainSize;
    }
    if (total != expectedSize)
        return fail(ErrorCode::Corrupt, "The attachment's size differs from what its message said");
    return total;
}

std::string safeFileName(std::string_view name)
{
    // Only the last component of either kind of path counts: "../../x" and "C:\\x" become "x".
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        const bool reserved = u < 0x20 || u == 0x7f || std::string_view("<>:\"|?*").find(c) != std::string_view::npos;
        out.push_back(reserved ? '_' : c);
    }
    // No hidden files (".bashrc"), and no "." or "..".
    while (!out.empty() && (out.front() == '.' || out.front() == ' '))
        out.erase(out.begin());
    while (!out.empty() && (out.back() == '.' || out.back() == ' '))
        out.pop_back();
    if (out.empty())
        out = "attachment";
    constexpr std::size_t maxBytes = 200;
    if (out.size() > maxBytes) {
        const auto dot = out.find_last_of('.');
        std::string extension = dot != std::string::npos && out.size() - dot <= 16 ? out.substr(dot) : std::string();
        out.resize(maxBytes - extension.size());
        // Not in the middle of a UTF-8 sequence.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xc0) == 0x80)
            out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xc0)
            out.pop_back();
        out += extension;
    }
    return out;
}

Result<fs::path> createUniqueFile(const fs::path &folder, std::string_view name)
{
    const std::string safe = safeFileName(name);
    const auto dot = safe.find_last_of('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? safe : safe.substr(0, dot);
    const std::string extension = dot == std::string::npos || dot == 0 ? std::string() : safe.substr(dot);
    for (int n = 1; n < 10000; ++n) {
        const fs::path candidate = folder / (n == 1 ? safe : stem + " (" + std::to_string(n) + ")" + extension);
        // O_EXCL: an existing file (or a link planted there) is never opened, let alone replaced.
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0) {
            ::close(fd);
            return candidate;
        }
        if (errno != EEXIST)
            return fail(ErrorCode::Io, "Cannot create a file in " + folder.string() + ": " + std::strerror(errno));
    }
    return fail(ErrorCode::Io, "Too many files named " + safe + " in " + folder.string());
}

Result<std::uint64_t> writeDecrypted(const fs::path &ciphertextFile, ByteView key, std::uint64_t expectedSize,
                                     const fs::path &destination, bool destinationReserved, const PlaintextSink &tee)
{
    fs::path target = destination;
    if (!destinationReserved)
        target += ".partial-" + toHex(crypto::randomBytes(4));
    const int flags = destinationReserved ? O_WRONLY | O_TRUNC | O_NOFOLLOW : O_WRONLY | O_CREAT | O_EXCL;
    FileDescriptor out(::open(target.c_str(), flags | O_CLOEXEC, 0600));
    if (!out.valid())
        return fail(ErrorCode::Io, "Cannot write " + destination.string() + ": " + std::strerror(errno));
    auto written = decryptAttachmentFile(ciphertextFile, key, expectedSize, [&](ByteView plain) -> Result<void> {
        if (tee)
            LAPIS_TRY(tee(plain));
        if (!writeFully(out.get(), plain))
            return fail(ErrorCode::Io, "Could not write " + destination.string() + " (disk full?)");
        return {};
    });
    if (written.ok() && !out.close())
        written = fail(ErrorCode::Io, "Could not write " + destination.string() + " (disk full?)");
    std::error_code ec;
    if (written.ok() && !destinationReserved) {
        fs::rename(target, destination, ec);
        if (ec)
            written = fail(ErrorCode::Io, "Cannot write " + destination.string() + ": " + ec.message());
    }
    if (!written.ok())
        fs::remove(target, ec);
    return written;
}

Result<std::uint64_t> openAttachment(const fs::path &ciphertextFile, ByteView key, ByteView expectedDigest,
                                     const fs::path &destination)
{
    LAPIS_TRY_ASSIGN(const Bytes digest, digestOfFile(ciphertextFile));
    if (!crypto::constantTimeEqual(digest, expectedDigest))
        return fail(ErrorCode::AuthenticationFailed,
                    "The downloaded attachment does not match its digest: it was altered or damaged");
    std::error_code ec;
    const auto cipherSize = fs::file_size(ciphertextFile, ec);
    if (ec || cipherSize < cipherSizeOf(0))
        return fail(ErrorCode::Corrupt, "The encrypted file is truncated");
    // The size the stream implies; decryptAttachmentFile then checks every chunk against it.
    const std::uint64_t body = cipherSize - crypto::SecretStreamSizes::Header;
    const std::uint64_t chunks = (body + SealedChunk - 1) / SealedChunk;
    const std::uint64_t plainSize = body - chunks * crypto::SecretStreamSizes::Overhead;
    return writeDecrypted(ciphertextFile, key, plainSize, destination, false);
}

store::StoredAttachment storedAttachmentFor(const MessageId &messageId, const protocol::AttachmentPointer &pointer)
{
    store::StoredAttachment attachment;
    attachment.messageId = messageId;
    attachment.blobId = toString(pointer.blobId);
    attachment.fileName = pointer.fileName;
    attachment.mimeType = pointer.mimeType;
    attachment.size = pointer.size;
    attachment.digest = pointer.digest;
    attachment.remoteKey = SecureBytes::copyOf(pointer.key.view());
    attachment.thumbnail = pointer.thumbnail;
    attachment.state = store::AttachmentState::Remote;
    return attachment;
}

} // namespace lapis::engine
