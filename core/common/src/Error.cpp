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

Error Error::withContext(std::string_view context) const
{
    Error e{code, std::string(context)};
    e.message += ": ";
    e.message += message;
    return e;
}

} // namespace lapis
