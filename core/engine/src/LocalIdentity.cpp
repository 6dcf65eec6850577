// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/LocalIdentity.h>

#include <cstring>

namespace lapis::engine {

namespace {
constexpr std::uint8_t FormatVersion = 1;
constexpr std::size_t SecretsSize = 1 + 32 + 32 + 32;
} // namespace

LocalIdentity::LocalIdentity(protocol::AccountIdentity account, protocol::LocalDevice device)
    : m_account(std::move(account))
    , m_device(std::move(device))
{}

LocalIdentity LocalIdentity::create(const AccountId &account, DeviceId device, std::int64_t now,
                                    crypto::RandomSource &rng)
{
    auto accountKey = protocol::AccountIdentity::generate(rng);
    return forLinkedDevice(std::move(accountKey), account, device, protocol::DeviceKeys::generate(rng), now);
}

LocalIdentity LocalIdentity::forLinkedDevice(protocol::AccountIdentity accountKey, const AccountId &account,
                                             DeviceId device, protocol::DeviceKeys keys, std::int64_t now)
{
    auto certificate =
        accountKey.certify(account, device, keys.signingKey().publicKey(), keys.identityKey().publicKey(), now);
    protocol::LocalDevice local{protocol::Address{account, device}, accountKey.publicKey(), std::move(keys),
                                std::move(certificate)};
    return LocalIdentity(std::move(accountKey), std::move(local));
}

WipedBytes LocalIdentity::serialize() const
{
    const auto certificate = m_device.certificate.serialize();
    WipedBytes out(SecretsSize + certificate.size());
    out.data()[0] = FormatVersion;
    std::memcpy(out.data() + 1, m_account.seed().data(), 32);
    std::memcpy(out.data() + 33, m_device.keys.signingKey().seed().data(), 32);
    std::memcpy(out.data() + 65, m_device.keys.identityKey().secretKey().data(), 32);
    std::memcpy(out.data() + SecretsSize, certificate.data(), certificate.size());
    return out;
}

Result<LocalIdentity> LocalIdentity::deserialize(ByteView bytes)
{
    if (bytes.size() <= SecretsSize || bytes[0] != FormatVersion)
        return fail(ErrorCode::Corrupt, "This device's stored identity is damaged");
    LAPIS_TRY_ASSIGN(auto account, protocol::AccountIdentity::fromSeed(bytes.subspan(1, 32)));
    LAPIS_TRY_ASSIGN(auto keys, protocol::DeviceKeys::fromSecrets(bytes.subspan(33, 32), bytes.subspan(65, 32)));
    LAPIS_TRY_ASSIGN(auto certificate, protocol::DeviceCertificate::deserialize(bytes.subspan(SecretsSize)));
    // The certificate must be for these very keys and signed by this account key.
    if (!(certificate.signingKey == keys.signingKey().publicKey())
        || !(certificate.identityKey == keys.identityKey().publicKey()))
        return fail(ErrorCode::Corrupt, "This device's stored certificate does not match its keys");
    LAPIS_TRY(certificate.verify(account.publicKey()));
    protocol::LocalDevice local{certificate.device, account.publicKey(), std::move(keys), std::move(certificate)};
    return LocalIdentity(std::move(account), std::move(local));
}

} // namespace lapis::engine
