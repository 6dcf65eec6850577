// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/RelayLogin.h>

#include <cstring>

namespace lapis::engine {

namespace {
constexpr std::uint8_t FormatVersion = 1;
constexpr std::uint8_t FlagPlaintextOnly = 0x01;

void putU32(std::uint8_t *out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

std::uint32_t getU32(const std::uint8_t *in)
{
    return (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) | (std::uint32_t{in[2]} << 8) | in[3];
}
} // namespace

SecureBytes RelayLogin::serialize() const
{
    SecureBytes out(2 + 4 + credential.size() + 4 + certificatePem.size());
    auto *p = out.data();
    *p++ = FormatVersion;
    *p++ = plaintextOnly ? FlagPlaintextOnly : 0;
    putU32(p, static_cast<std::uint32_t>(credential.size()));
    p += 4;
    if (!credential.empty())
        std::memcpy(p, credential.data(), credential.size());
    p += credential.size();
    putU32(p, static_cast<std::uint32_t>(certificatePem.size()));
    p += 4;
    if (!certificatePem.empty())
        std::memcpy(p, certificatePem.data(), certificatePem.size());
    return out;
}

Result<RelayLogin> RelayLogin::deserialize(ByteView bytes)
{
    const auto damaged = fail(ErrorCode::Corrupt, "This device's stored relay login is damaged");
    if (bytes.size() < 10 || bytes[0] != FormatVersion)
        return damaged;
    RelayLogin login;
    login.plaintextOnly = (bytes[1] & FlagPlaintextOnly) != 0;
    std::size_t at = 2;
    const auto credentialSize = getU32(bytes.data() + at);
    at += 4;
    if (credentialSize > bytes.size() - at - 4)
        return damaged;
    login.credential = SecureBytes::copyOf(bytes.subspan(at, credentialSize));
    at += credentialSize;
    const auto pemSize = getU32(bytes.data() + at);
    at += 4;
    if (pemSize != bytes.size() - at)
        return damaged;
    login.certificatePem.assign(reinterpret_cast<const char *>(bytes.data() + at), pemSize);
    return login;
}

} // namespace lapis::engine
