// SPDX-License-Identifier: GPL-3.0-or-later
// How the profile's store key is protected: a passphrase or the OS keychain, and switching.
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/profile/ProfileProtection.h>

#include <filesystem>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<void> ProfileProtection::changePassphrase(const std::string &oldPassphrase, const std::string &newPassphrase)
{
    LAPIS_TRY(checkNewPassphrase(newPassphrase));
    return m_ctx.store->changePassphrase(oldPassphrase, newPassphrase).get();
}

bool ProfileProtection::usesPassphrase() const
{
    std::error_code ec;
    return fs::exists(m_ctx.store->paths().keyFile, ec);
}

Result<void> ProfileProtection::protectWithPassphrase(const std::string &newPassphrase)
{
    return protectProfileWithPassphrase(m_ctx.profile, newPassphrase, m_ctx.backupParams);
}

Result<void> ProfileProtection::protectWithKeychain(const std::string &currentPassphrase)
{
    return protectProfileWithKeychain(m_ctx.profile, currentPassphrase);
}

} // namespace lapis::engine
