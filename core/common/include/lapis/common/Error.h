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

/// Why, where a caller acts differently on the case than on its code alone: a login that needs
/// a code from another device is a step, not a failure; a denied one is final. Programs branch on
/// the reason, never on the message text; the desktop shows a translated sentence per reason.
/// The relay's reasons (its `lapis-reason` trailer) keep their wire names (errorReasonName).
enum class ErrorReason {
    None,
    // From the relay
    WrongPassword,      ///< wrong-password
    LockedOut,          ///< locked-out: too many failed log-ins for the account
    RateLimited,        ///< rate-limited, register-rate, link-rate, sign-in-rate
    RelayBusy,          ///< password-hash-busy
    TotpRequired,       ///< totp-required
    TotpWrong,          ///< totp-wrong
    TotpReplayed,       ///< totp-replayed
    SignInCodeRequired, ///< sign-in-code-required: the account's other devices now show a code
    SignInCodeWrong,    ///< sign-in-code-wrong
    SignInDenied,       ///< sign-in-denied: refused on another device of the account
    SignInClosed,       ///< sign-in-closed: too many wrong codes for this request
    SignInExpired,      ///< sign-in-expired
    SignInUsed,         ///< sign-in-used
    SignInUnknown,      ///< sign-in-unknown
    SignInLocked,       ///< sign-in-locked: too many wrong codes for the account today
    LinkFirst,          ///< link-first: a device signed in by a code must be linked before anything else
    BlobQuota,          ///< blob-quota
    DeviceMismatch,     ///< device-mismatch: the recipient's devices changed
    WrongOffset,        ///< wrong-offset: an upload resumes elsewhere
    // Found by the client
    AccountKeyChanged,        ///< a contact's account key is not the pinned one: nothing is sent until accepted
    DowngradeRefused,         ///< plaintext to a contact reached end to end before: needs the user's consent
    RelayUnreachable,         ///< no connection to the relay
    RelayTimeout,             ///< the relay did not answer in time
    RelayCertificateMismatch, ///< the relay did not present the pinned certificate
    KeychainUnavailable,      ///< no system keychain answered
    NoProfileOpen,            ///< an action needs an open profile and there is none
    GroupAdminsOnly,          ///< a group change only the group's admins may make
    NotGroupMember,           ///< this account is not (any more) a member of the group
    GroupNeedsEndToEnd,       ///< a group admits only accounts reached end to end
};

/// The reason's stable name (the relay's wire name where it has one).
std::string_view errorReasonName(ErrorReason reason);
/// The reason the relay named, None for a name this build does not know.
ErrorReason errorReasonFromName(std::string_view name);

/// A failure crossing a module boundary: a code to branch on and a message a user can read.
/// Messages never contain key material or message content.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    ErrorReason reason = ErrorReason::None;

    /// "message" prefixed with context, e.g. withContext("Opening the store") -> "Opening the store: ...".
    [[nodiscard]] Error withContext(std::string_view context) const;
};

inline bool operator==(const Error &a, const Error &b)
{
    return a.code == b.code && a.message == b.message && a.reason == b.reason;
}

} // namespace lapis
