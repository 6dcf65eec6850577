// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/decode/DecoderPool.h>
#include <lapis/engine/Attachments.h>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QMimeDatabase>

#include <fstream>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
constexpr int ThumbnailEdge = 160;
constexpr int ThumbnailQuality = 70;

Bytes makeThumbnail(const fs::path &source, const std::string &mimeType)
{
    if (mimeType.rfind("image/", 0) != 0)
        return {};
    // The picture is decoded by lapis-decoder (a dropped or pasted file is as untrusted as a
    // received one); only its checked pixels are encoded here.
    QFile file(QString::fromStdString(source.string()));
    if (!file.open(QIODevice::ReadOnly) || static_cast<std::uint64_t>(file.size()) > decode::MaxEncodedBytes)
        return {};
    auto decoded =
        decode::DecoderPool::shared().decodeImage(file.readAll(), QSize(ThumbnailEdge, ThumbnailEdge)).result();
    if (!decoded.ok())
        return {}; // refused or no decoder here: the attachment goes without a preview
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!decoded->save(&buffer, "JPEG", ThumbnailQuality))
        return {};
    return Bytes(jpeg.begin(), jpeg.end());
}

/// An ostream buffer that hashes what passes through to a file.
class HashingFileBuf : public std::streambuf {
public:
    HashingFileBuf(std::ofstream &file, crypto::Blake2b &hash)
        : m_file(file)
        , m_hash(hash)
    {}
    std::uint64_t written = 0;

protected:
    std::streamsize xsputn(const char *s, std::streamsize n) override
    {
        m_hash.update({reinterpret_cast<const std::uint8_t *>(s), static_cast<std::size_t>(n)});
        m_file.write(s, n);
        written += static_cast<std::uint64_t>(n);
        return m_file ? n : 0;
    }
    int_type overflow(int_type c) override
    {
        if (c == traits_type::eof())
            return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }
    int sync() override { return m_file.flush() ? 0 : -1; }

private:
    std::ofstream &m_file;
    crypto::Blake2b &m_hash;
};
} // namespace

Result<SealedAttachment> sealAttachment(const fs::path &source, const fs::path &folder, crypto::RandomSource &rng,
                                        const crypto::StreamProgress &progress, std::uint64_t maxSize)
{
    std::error_code ec;
    const auto size = fs::file_size(source, ec);
    if (ec || !fs::is_regular_file(source))
        return fail(ErrorCode::Io, "Cannot read " + source.filename().string() + ": it is not a readable file");
    if (size > maxSize)
        return fail(ErrorCode::LimitExceeded, source.filename().string() + " is too large to send (the limit is "
                                                  + std::to_string(maxSize / (1024 * 1024)) + " MiB)");
    std::ifstream in(source, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot open " + source.filename().string());
    fs::create_directories(folder, ec);

    SealedAttachment sealed;
    rng.fill(sealed.key.mutableView());
    sealed.ciphertextFile = folder / ("out-" + toHex(rng.bytes(16)) + ".bin");
    sealed.fileName = source.filename().string();
    sealed.mimeType = QMimeDatabase().mimeTypeForFile(QString::fromStdString(source.string())).name().toStdString();

    LAPIS_TRY_ASSIGN(auto hash, crypto::Blake2b::create(32));
    Result<std::uint64_t> encrypted = fail(ErrorCode::Io, "not started");
    {
        std::ofstream file(sealed.ciphertextFile, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(ErrorCode::Io, "Cannot write in " + folder.string());
        HashingFileBuf buffer(file, hash);
        std::ostream out(&buffer);
        encrypted = crypto::encryptStream(in, out, sealed.key.view(), progress);
        out.flush();
        file.close();
        sealed.ciphertextSize = buffer.written;
        if (encrypted.ok() && !file)
            encrypted = fail(ErrorCode::Io, "Could not write the encrypted attachment (disk full?)");
    }
    if (!encrypted.ok()) {
        fs::remove(sealed.ciphertextFile, ec);
        return std::move(encrypted).error();
    }
    sealed.plaintextSize = *encrypted;
    sealed.digest = hash.finish();
    sealed.thumbnail = makeThumbnail(source, sealed.mimeType);
    return sealed;
}

Result<Bytes> digestOfFile(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot read " + file.filename().string());
    LAPIS_TRY_ASSIGN(auto hash, crypto::Blake2b::create(32));
    std::vector<char> chunk(1 << 16);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        hash.update({reinterpret_cast<const std::uint8_t *>(chunk.data()), static_cast<std::size_t>(in.gcount())});
    }
    if (in.bad())
        return fail(ErrorCode::Io, "Cannot read " + file.filename().string());
    return hash.finish();
}

Result<std::uint64_t> openAttachment(const fs::path &ciphertextFile, ByteView key, ByteView expectedDigest,
                                     const fs::path &destination)
{
    LAPIS_TRY_ASSIGN(const Bytes digest, digestOfFile(ciphertextFile));
    if (!crypto::constantTimeEqual(digest, expectedDigest))
        return fail(ErrorCode::AuthenticationFailed,
                    "The downloaded attachment does not match its digest: it was altered or damaged");
    std::ifstream in(ciphertextFile, std::ios::binary);
    const fs::path partial = destination.string() + ".partial";
    std::error_code ec;
    Result<std::uint64_t> size = fail(ErrorCode::Io, "not started");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(ErrorCode::Io, "Cannot write " + destination.string());
        size = crypto::decryptStream(in, out, key);
        out.close();
        if (size.ok() && !out)
            size = fail(ErrorCode::Io, "Could not write the decrypted attachment (disk full?)");
    }
    if (!size.ok()) {
        fs::remove(partial, ec);
        return size;
    }
    fs::rename(partial, destination, ec);
    if (ec) {
        fs::remove(partial, ec);
        return fail(ErrorCode::Io, "Cannot write " + destination.string());
    }
    return size;
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
