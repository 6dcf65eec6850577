// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace lapis {

/// What kind of failure an Error is. Callers branch on the code; people read the message.
enum class ErrorCode {
    InvalidArgument,      ///< the caller passed something malformed (wrong size, bad encoding)
    InvalidKey,           ///< a key was rejected (low-order point, bad signature key, ...)
    AuthenticationFailed, ///< a MAC, AEAD tag or signature did not verify
    Duplicate,            ///< already seen: a replayed message or a reused one-time value
    NotFound,             ///< the thing asked for does not exist
    AlreadyExists,        ///< the thing to create exists already
    Corrupt,              ///< stored or received data is damaged or truncated
    LimitExceeded,        ///< a size, count or rate limit was hit
    WrongPassphrase,      ///< a passphrase, password or recovery code did not open the data
    Unsupported,          ///< a version or feature this build does not know
    PermissionDenied,     ///< the caller is not allowed to do this
    Unavailable,          ///< a service (relay, keychain) did not answer
    Io,                   ///< the operating system refused a read or write
    Cancelled,            ///< the operation was cancelled
    Internal,             ///< a bug: an invariant did not hold
};

/// A stable, lower-case name for the code, for logs and machine-readable output.
std::string_view errorCodeName(ErrorCode code);

/// A failure crossing a module boundary: a code to branch on and a message a user can read.
/// Messages never contain key material or message content.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;

    /// "message" prefixed with context, e.g. withContext("Opening the store") -> "Opening the store: ...".
    [[nodiscard]] Error withContext(std::string_view context) const;
};

inline bool operator==(const Error &a, const Error &b)
{
    return a.code == b.code && a.message == b.message;
}

} // namespace lapis
