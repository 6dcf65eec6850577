// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretSealer.h"

#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Random.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lapis::relay {

namespace {
constexpr std::size_t KeySize = 32;

std::string associated(std::string_view purpose, std::string_view account)
{
    // purpose NUL account: unambiguous, as purposes are fixed strings without NUL.
    std::string ad("lapis-relay sealed ");
    ad.append(purpose);
    ad.push_back('\0');
    ad.append(account);
    return ad;
}

Error ioError(const std::string &what, const std::string &path)
{
    return fail(ErrorCode::Io, what + " " + path + ": " + std::strerror(errno));
}
} // namespace

Result<std::unique_ptr<SecretSealer>> SecretSealer::open(const std::string &keyFile)
{
    SecureBytes key(KeySize);
    int fd = ::open(keyFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        // First start: a fresh key, written once and never replaced (O_EXCL), readable by the
        // relay's user only.
        fd = ::open(keyFile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return ioError("Cannot create the relay's secret key", keyFile);
        crypto::systemRandom().fill(key.mutableView());
        const auto written = ::write(fd, key.data(), key.size());
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (written != static_cast<ssize_t>(key.size()) || !synced)
            return ioError("Cannot write the relay's secret key", keyFile);
        return fromKey(std::move(key));
    }
    if (fd < 0)
        return ioError("Cannot read the relay's secret key", keyFile);
    struct stat info {};
    if (::fstat(fd, &info) == 0 && (info.st_mode & 077) != 0)
        (void)::fchmod(fd, 0600); // tighten a copy restored with loose permissions
    const auto got = ::read(fd, key.data(), key.size());
    char extra = 0;
    const auto more = ::read(fd, &extra, 1);
    ::close(fd);
    if (got != static_cast<ssize_t>(KeySize) || more != 0)
        return fail(ErrorCode::Corrupt, "The relay's secret key " + keyFile + " is not 32 bytes long");
    return fromKey(std::move(key));
}

Result<std::unique_ptr<SecretSealer>> SecretSealer::fromKey(SecureBytes key)
{
    // A key of its own for hashing: one key is never used with two primitives.
    constexpr std::string_view Label = "lapis-relay keyed hash key";
    LAPIS_TRY_ASSIGN(auto derived, crypto::Blake2b::hash(asBytes(Label), KeySize, key.view()));
    SecureBytes hashKey(KeySize);
    std::copy(derived.begin(), derived.end(), hashKey.mutableView().begin());
    sodium_memzero(derived.data(), derived.size());
    return std::unique_ptr<SecretSealer>(new SecretSealer(std::move(key), std::move(hashKey)));
}

Bytes SecretSealer::keyedHash(ByteView value, std::string_view purpose, std::string_view account) const
{
    auto hash = crypto::Blake2b::create(32, m_hashKey.view());
    // Sizes are fixed and valid: create() cannot fail here.
    const auto context = associated(purpose, account);
    hash->update(asBytes(context)).update(asBytes(std::string_view("\0", 1))).update(value);
    return hash->finish();
}

Result<Bytes> SecretSealer::seal(ByteView secret, std::string_view purpose, std::string_view account) const
{
    return crypto::sealWithRandomNonce(m_key.view(), secret, asBytes(associated(purpose, account)));
}

Result<Bytes> SecretSealer::open(ByteView stored, std::string_view purpose, std::string_view account,
                                 std::size_t legacySize) const
{
    if (stored.size() == legacySize)
        return Bytes(stored.begin(), stored.end());
    return crypto::openWithNonce(m_key.view(), stored, asBytes(associated(purpose, account)));
}

} // namespace lapis::relay
