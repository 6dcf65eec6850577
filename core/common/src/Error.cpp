// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Error.h>

namespace lapis {

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::InvalidKey:
        return "invalid-key";
    case ErrorCode::AuthenticationFailed:
        return "authentication-failed";
    case ErrorCode::Duplicate:
        return "duplicate";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::AlreadyExists:
        return "already-exists";
    case ErrorCode::Corrupt:
        return "corrupt";
    case ErrorCode::LimitExceeded:
        return "limit-exceeded";
    case ErrorCode::WrongPassphrase:
        return "wrong-passphrase";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::PermissionDenied:
        return "permission-denied";
    case ErrorCode::Unavailable:
        return "unavailable";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::Internal:
        return "internal";
    }
    return "unknown";
}

namespace {
struct ReasonName {
    ErrorReason reason;
    std::string_view name;
};
// The first name of a reason is its own; later ones are the relay's synonyms.
constexpr ReasonName ReasonNames[] = {
    {ErrorReason::None, ""},
    {ErrorReason::WrongPassword, "wrong-password"},
    {ErrorReason::LockedOut, "locked-out"},
    {ErrorReason::RateLimited, "rate-limited"},
    {ErrorReason::RateLimited, "register-rate"},
    {ErrorReason::RateLimited, "link-rate"},
    {ErrorReason::RateLimited, "sign-in-rate"},
    {ErrorReason::RelayBusy, "password-hash-busy"},
    {ErrorReason::TotpRequired, "totp-required"},
    {ErrorReason::TotpWrong, "totp-wrong"},
    {ErrorReason::TotpReplayed, "totp-replayed"},
    {ErrorReason::SignInCodeRequired, "sign-in-code-required"},
    {ErrorReason::SignInCodeWrong, "sign-in-code-wrong"},
    {ErrorReason::SignInDenied, "sign-in-denied"},
    {ErrorReason::SignInClosed, "sign-in-closed"},
    {ErrorReason::SignInExpired, "sign-in-expired"},
    {ErrorReason::SignInUsed, "sign-in-used"},
    {ErrorReason::SignInUnknown, "sign-in-unknown"},
    {ErrorReason::SignInLocked, "sign-in-locked"},
    {ErrorReason::LinkFirst, "link-first"},
    {ErrorReason::BlobQuota, "blob-quota"},
    {ErrorReason::DeviceMismatch, "device-mismatch"},
    {ErrorReason::WrongOffset, "wrong-offset"},
    {ErrorReason::AccountKeyChanged, "account-key-changed"},
    {ErrorReason::DowngradeRefused, "downgrade-refused"},
    {ErrorReason::RelayUnreachable, "relay-unreachable"},
    {ErrorReason::RelayTimeout, "relay-timeout"},
    {ErrorReason::RelayCertificateMismatch, "relay-certificate-mismatch"},
    {ErrorReason::KeychainUnavailable, "keychain-unavailable"},
    {ErrorReason::NoProfileOpen, "no-profile-open"},
    {ErrorReason::GroupAdminsOnly, "group-admins-only"},
    {ErrorReason::NotGroupMember, "not-group-member"},
    {ErrorReason::GroupNeedsEndToEnd, "group-needs-end-to-end"},
};
} // namespace

std::string_view errorReasonName(ErrorReason reason)
{
    for (const auto &entry : ReasonNames)
        if (entry.reason == reason)
            return entry.name;
    return "unknown";
}

ErrorReason errorReasonFromName(std::string_view name)
{
    if (name.empty())
        return ErrorReason::None;
    for (const auto &entry : ReasonNames)
        if (entry.name == name)
            return entry.reason;
    return ErrorReason::None;
}

Error Error::withContext(std::string_view context) const
{
    Error e{code, std::string(context), reason};
    e.message += ": ";
    e.message += message;
    return e;
}

} // namespace lapis
