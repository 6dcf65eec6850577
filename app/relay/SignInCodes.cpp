// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInCodes.h"

#include <lapis/crypto/Sodium.h>

namespace lapis::relay::sign_in_codes {

namespace {
constexpr std::string_view SealPurpose = "sign-in code";
constexpr std::string_view HashPurpose = "sign-in code hash";

/// Each code is bound to its account and request: a sealed code or hash copied to another row
/// does not open or match there.
std::string boundTo(const std::string &username, const std::string &id)
{
    return username + '\n' + id;
}
} // namespace

Result<void> protect(const SecretSealer &sealer, SignInRecord &record, const std::string &code)
{
    const auto owner = boundTo(record.username, record.id);
    LAPIS_TRY_ASSIGN(auto sealed, sealer.seal(asBytes(code), SealPurpose, owner));
    record.code = toHex(sealed);
    record.codeHash = toHex(sealer.keyedHash(asBytes(code), HashPurpose, owner));
    return {};
}

std::string reveal(const SecretSealer &sealer, const std::string &username, const std::string &id,
                   const std::string &sealedHex)
{
    auto sealed = fromHex(sealedHex);
    if (!sealed.ok() || sealed->empty())
        return {};
    // legacySize 0: nothing stored before sealing is taken as a code.
    auto code = sealer.open(sealed.value(), SealPurpose, boundTo(username, id), 0);
    if (!code.ok())
        return {};
    return toString(code.value());
}

bool matches(const SecretSealer &sealer, const SignInRecord &record, const std::string &offered)
{
    auto expected = fromHex(record.codeHash);
    if (!expected.ok() || expected->empty())
        return false;
    const auto got = sealer.keyedHash(asBytes(offered), HashPurpose, boundTo(record.username, record.id));
    return crypto::constantTimeEqual(got, expected.value());
}

} // namespace lapis::relay::sign_in_codes
