// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Random.h>
#include <lapis/store/PassphraseKeyFile.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace lapis::store {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view Magic = "LAPISKEY";
constexpr std::size_t HeaderSize = 8 + 1 + 8 + 8 + 16; // authenticated, not secret
// Costs beyond these are refused as damage: a tampered file must not make us allocate 1 TiB.
constexpr std::uint64_t MaxOpsLimit = 64;
constexpr std::uint64_t MaxMemLimit = 4ull << 30;

void putU64(Bytes &out, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint64_t getU64(ByteView in, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | in[at + static_cast<std::size_t>(i)];
    return v;
}

Error ioError(std::string_view what)
{
    return fail(ErrorCode::Io, std::string(what) + ": " + std::strerror(errno));
}

Result<void> writeAndSync(const fs::path &path, ByteView data)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError("Creating the key file failed");
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return ioError("Writing the key file failed");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        return ioError("Syncing the key file failed");
    }
    ::close(fd);
    return {};
}

// The rename is durable only once the folder's entry is on disk too.
Result<void> syncFolder(const fs::path &folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError("Opening the profile folder failed");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return ioError("Syncing the profile folder failed");
    return {};
}

struct ParsedFile {
    crypto::Argon2Params params;
    Bytes header;
    Bytes salt;
    Bytes sealed;
};

Result<ParsedFile> readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!fs::exists(path, ec))
            return fail(ErrorCode::NotFound, "The profile has no passphrase key file");
        return fail(ErrorCode::Io, "Reading the key file failed");
    }
    Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < HeaderSize || !std::equal(Magic.begin(), Magic.end(), data.begin()))
        return fail(ErrorCode::Corrupt, "The key file is damaged (not a Lapis key file)");
    if (data[8] != PassphraseKeyFile::Version)
        return fail(ErrorCode::Unsupported,
                    "The key file was written by a newer version of Lapis (format " + std::to_string(data[8]) + ")");
    if (data.size() != PassphraseKeyFile::FileSize)
        return fail(ErrorCode::Corrupt, "The key file is damaged (wrong size)");
    ParsedFile parsed;
    parsed.params.opsLimit = getU64(data, 9);
    parsed.params.memLimitBytes = getU64(data, 17);
    if (!parsed.params.valid() || parsed.params.opsLimit > MaxOpsLimit || parsed.params.memLimitBytes > MaxMemLimit)
        return fail(ErrorCode::Corrupt, "The key file is damaged (impossible key derivation costs)");
    parsed.header.assign(data.begin(), data.begin() + HeaderSize);
    parsed.salt.assign(data.begin() + 25, data.begin() + HeaderSize);
    parsed.sealed.assign(data.begin() + HeaderSize, data.end());
    return parsed;
}

} // namespace

Result<void> PassphraseKeyFile::write(const fs::path &path, ByteView key, std::string_view passphrase,
                                      const crypto::Argon2Params &params, const StageHook &hook)
{
    if (key.size() != 32)
        return fail(ErrorCode::InvalidArgument, "The database key must be 32 bytes long");
    if (!params.valid())
        return fail(ErrorCode::InvalidArgument, "Invalid Argon2id costs");
    Bytes file;
    file.insert(file.end(), Magic.begin(), Magic.end());
    file.push_back(Version);
    putU64(file, params.opsLimit);
    putU64(file, params.memLimitBytes);
    const Bytes salt = crypto::randomBytes(crypto::Argon2::SaltSize);
    file.insert(file.end(), salt.begin(), salt.end());
    LAPIS_TRY_ASSIGN(const SecureBytes wrappingKey, crypto::Argon2::deriveKey(passphrase, salt, params, 32));
    LAPIS_TRY_ASSIGN(const Bytes sealed, crypto::sealWithRandomNonce(wrappingKey.view(), key, file));
    file.insert(file.end(), sealed.begin(), sealed.end());
    if (file.size() != FileSize)
        return fail(ErrorCode::Internal, "The key file has an unexpected size");

    // Replace atomically: the old file stays whole until rename() swaps in the complete new one.
    fs::path temp = path;
    temp += ".tmp";
    const auto stop = [&](Stage stage) { return hook && !hook(stage); };
    const Error killed = fail(ErrorCode::Cancelled, "Stopped by a test hook");
    LAPIS_TRY(writeAndSync(temp, file));
    if (stop(Stage::TempWritten) || stop(Stage::TempSynced))
        return killed;
    if (::rename(temp.c_str(), path.c_str()) != 0)
        return ioError("Replacing the key file failed");
    if (stop(Stage::Renamed))
        return killed;
    return syncFolder(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

Result<void> PassphraseKeyFile::create(const fs::path &path, ByteView key, std::string_view passphrase,
                                       const crypto::Argon2Params &params)
{
    std::error_code ec;
    if (fs::exists(path, ec))
        return fail(ErrorCode::AlreadyExists, "The profile has a key file already");
    return write(path, key, passphrase, params, {});
}

Result<SecureBytes> PassphraseKeyFile::unwrap(const fs::path &path, std::string_view passphrase)
{
    LAPIS_TRY_ASSIGN(const ParsedFile parsed, readFile(path));
    LAPIS_TRY_ASSIGN(const SecureBytes wrappingKey,
                     crypto::Argon2::deriveKey(passphrase, parsed.salt, parsed.params, 32));
    auto opened = crypto::openWithNonce(wrappingKey.view(), parsed.sealed, parsed.header);
    if (!opened.ok())
        return fail(ErrorCode::WrongPassphrase, "The passphrase is not correct");
    WipedBytes plain(std::move(opened).value());
    if (plain.size() != 32)
        return fail(ErrorCode::Corrupt, "The key file is damaged (wrong key size)");
    return SecureBytes::copyOf(plain.view());
}

Result<void> PassphraseKeyFile::changePassphrase(const fs::path &path, std::string_view oldPassphrase,
                                                 std::string_view newPassphrase, const crypto::Argon2Params &params,
                                                 const StageHook &hook)
{
    LAPIS_TRY_ASSIGN(const SecureBytes key, unwrap(path, oldPassphrase));
    return write(path, key.view(), newPassphrase, params, hook);
}

Result<crypto::Argon2Params> PassphraseKeyFile::params(const fs::path &path)
{
    LAPIS_TRY_ASSIGN(const ParsedFile parsed, readFile(path));
    return parsed.params;
}

} // namespace lapis::store
