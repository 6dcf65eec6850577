// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Random.h>
#include <lapis/crypto/SecretStream.h>
#include <lapis/store/AttachmentFiles.h>

#include <fcntl.h>
#include <fstream>
#include <unistd.h>

namespace lapis::store {

namespace fs = std::filesystem;

namespace {

Result<void> syncPath(const fs::path &path, bool folder)
{
    const int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, "Opening an attachment path to sync it failed");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return fail(ErrorCode::Io, "Syncing an attachment file failed");
    return {};
}

} // namespace

Result<fs::path> AttachmentFiles::pathOf(std::string_view fileName) const
{
    // Names are ours (hex + ".lae"); anything else, e.g. "../x" from a damaged row, is refused.
    const bool plain = !fileName.empty() && fileName.size() < 100
                       && fileName.find_first_not_of("0123456789abcdef.lae") == std::string_view::npos
                       && fileName.find("..") == std::string_view::npos;
    if (!plain)
        return fail(ErrorCode::InvalidArgument, "Not an attachment file name");
    return m_folder / std::string(fileName);
}

Result<EncryptedFile> AttachmentFiles::encryptFrom(std::istream &plaintext) const
{
    std::error_code ec;
    fs::create_directories(m_folder, ec);
    if (ec)
        return fail(ErrorCode::Io, "Creating the attachments folder failed: " + ec.message());
    EncryptedFile result;
    result.fileName = toHex(crypto::randomBytes(16)) + ".lae";
    result.key = SecureBytes(crypto::SecretStreamSizes::Key);
    crypto::randomBytes(result.key.mutableView());
    const fs::path target = m_folder / result.fileName;
    fs::path temp = target;
    temp += ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(ErrorCode::Io, "Creating an attachment file failed");
        // Private to the user like every file of the profile, before a byte is written.
        fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
        auto written = crypto::encryptStream(plaintext, out, result.key.view());
        out.flush();
        if (!written.ok() || !out) {
            out.close();
            fs::remove(temp, ec);
            if (!written.ok())
                return std::move(written).error();
            return fail(ErrorCode::Io, "Writing an attachment file failed");
        }
        result.plaintextSize = *written;
    }
    LAPIS_TRY(syncPath(temp, false));
    fs::rename(temp, target, ec);
    if (ec)
        return fail(ErrorCode::Io, "Moving an attachment file into place failed: " + ec.message());
    LAPIS_TRY(syncPath(m_folder, true));
    return result;
}

Result<std::uint64_t> AttachmentFiles::decryptTo(std::string_view fileName, ByteView key, std::ostream &out) const
{
    LAPIS_TRY_ASSIGN(const fs::path path, pathOf(fileName));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, "The attachment file is missing");
    return crypto::decryptStream(in, out, key);
}

Result<void> AttachmentFiles::remove(std::string_view fileName) const
{
    LAPIS_TRY_ASSIGN(const fs::path path, pathOf(fileName));
    std::error_code ec;
    fs::remove(path, ec);
    if (ec)
        return fail(ErrorCode::Io, "Deleting an attachment file failed: " + ec.message());
    return {};
}

} // namespace lapis::store
