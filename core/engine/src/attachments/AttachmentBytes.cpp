// SPDX-License-Identifier: GPL-3.0-or-later
// Engine::attachmentBytes: an attachment decrypted into memory for display (issue 22, and issue 16
// item 6: nothing decrypted on disk).
#include <lapis/crypto/SecretStream.h>
#include <lapis/engine/attachments/AttachmentDownloads.h>

#include <fstream>
#include <streambuf>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
/// An output stream buffer into memory that refuses to grow past a cap: a copy altered to be
/// larger than the store says fails instead of filling the memory.
class CappedBuffer : public std::streambuf {
public:
    CappedBuffer(Bytes &out, std::uint64_t cap)
        : m_out(out)
        , m_cap(cap)
    {}
    [[nodiscard]] bool overflowed() const { return m_overflowed; }

protected:
    std::streamsize xsputn(const char *data, std::streamsize count) override
    {
        if (m_out.size() + static_cast<std::uint64_t>(count) > m_cap) {
            m_overflowed = true;
            return 0;
        }
        m_out.insert(m_out.end(), reinterpret_cast<const std::uint8_t *>(data),
                     reinterpret_cast<const std::uint8_t *>(data) + count);
        return count;
    }
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        const char byte = traits_type::to_char_type(c);
        return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
    }

private:
    Bytes &m_out;
    std::uint64_t m_cap;
    bool m_overflowed = false;
};
} // namespace

Result<Bytes> AttachmentDownloads::attachmentBytes(std::int64_t attachmentId, std::uint64_t maxSize)
{
    LAPIS_TRY_ASSIGN(
        auto found,
        m_ctx.store->transact([&](store::Transaction &tx) { return tx.attachments().find(attachmentId); }).get());
    if (!found)
        return fail(ErrorCode::NotFound, "No such attachment");
    if (found->state != store::AttachmentState::Available || found->localFile.empty())
        return fail(ErrorCode::NotFound, "The attachment has not been downloaded");
    if (found->size > maxSize)
        return fail(ErrorCode::LimitExceeded, "The attachment is too large to show");
    std::ifstream in(m_ctx.store->paths().attachments / found->localFile, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "The attachment's encrypted copy cannot be read");
    Bytes plaintext;
    plaintext.reserve(static_cast<std::size_t>(found->size));
    CappedBuffer buffer(plaintext, maxSize);
    std::ostream out(&buffer);
    auto decrypted = crypto::decryptStream(in, out, found->localKey.view());
    if (buffer.overflowed())
        return fail(ErrorCode::LimitExceeded, "The attachment is too large to show");
    if (!decrypted.ok())
        return std::move(decrypted).error();
    return plaintext;
}

} // namespace lapis::engine
