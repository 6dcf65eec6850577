// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorText.h"

#include <QCoreApplication>

namespace lapis::ui {

namespace {

class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString forReason(ErrorReason reason)
    {
        switch (reason) {
        case ErrorReason::None:
            return {};
        case ErrorReason::WrongPassword:
            return tr("The password is wrong.");
        case ErrorReason::LockedOut:
            return tr("Too many failed attempts for this account. Wait a while, then try again.");
        case ErrorReason::RateLimited:
            return tr("Too many requests in a short time. Wait a minute, then try again.");
        case ErrorReason::RelayBusy:
            return tr("The relay is busy. Try again in a moment.");
        case ErrorReason::TotpRequired:
            return tr("This account asks for a code from your authenticator app.");
        case ErrorReason::TotpWrong:
            return tr("The authenticator code is wrong. Check the time on this computer and try again.");
        case ErrorReason::TotpReplayed:
            return tr("That authenticator code was used already. Wait for the next one.");
        case ErrorReason::SignInCodeRequired:
            return tr("Your other devices now show a six-digit code. Type it here.");
        case ErrorReason::SignInCodeWrong:
            return tr("The code is wrong. Read it again from your other device.");
        case ErrorReason::SignInDenied:
            return tr("Your other device denied this sign-in.");
        case ErrorReason::SignInClosed:
            return tr("Too many wrong codes: this sign-in is closed. Sign in again for a new code.");
        case ErrorReason::SignInExpired:
            return tr("The sign-in code expired. Sign in again for a new code.");
        case ErrorReason::SignInUsed:
            return tr("That sign-in code was used already. Sign in again for a new code.");
        case ErrorReason::SignInUnknown:
            return tr("The relay knows no such sign-in. Sign in again for a new code.");
        case ErrorReason::SignInLocked:
            return tr("Too many wrong codes for this account in the last 24 hours. Sign-ins by code are locked until a "
                      "device of the account allows them again.");
        case ErrorReason::LinkFirst:
            return tr(
                "This device is signed in but not linked yet. Link it from another device of your account first.");
        case ErrorReason::BlobQuota:
            return tr(
                "Your account has no room left on the relay for attachments. Try again once older ones have expired.");
        case ErrorReason::DeviceMismatch:
            return tr("The contact's devices changed while sending. Try again.");
        case ErrorReason::WrongOffset:
            return tr("The upload could not resume where it stopped. Try again.");
        case ErrorReason::AccountKeyChanged:
            return tr("This contact's safety number changed. Nothing was sent: compare the new safety number before "
                      "you accept it.");
        case ErrorReason::DowngradeRefused:
            return tr(
                "This contact was reached with end-to-end encryption before. Nothing was sent without encryption.");
        case ErrorReason::RelayUnreachable:
            return tr("Cannot reach the relay. Check the connection and try again.");
        case ErrorReason::RelayTimeout:
            return tr("The relay did not answer in time. Try again.");
        case ErrorReason::RelayCertificateMismatch:
            return tr("The relay did not show the certificate this device trusts. Nothing was sent to it.");
        case ErrorReason::KeychainUnavailable:
            return tr("No system keychain answered. Protect this computer's store with a passphrase instead.");
        case ErrorReason::NoProfileOpen:
            return tr("No profile is open.");
        case ErrorReason::GroupAdminsOnly:
            return tr("Only the group's admins can do that.");
        case ErrorReason::NotGroupMember:
            return tr("You are not a member of this group any more.");
        case ErrorReason::GroupNeedsEndToEnd:
            return tr("Everyone in a group must be reachable with end-to-end encryption, and someone you chose is "
                      "not.");
        }
        return {};
    }

    static QString forCode(ErrorCode code)
    {
        switch (code) {
        case ErrorCode::InvalidArgument:
            return tr("That was not accepted.");
        case ErrorCode::InvalidKey:
        case ErrorCode::AuthenticationFailed:
            return tr("A check of authenticity failed.");
        case ErrorCode::Duplicate:
            return tr("That was done already.");
        case ErrorCode::NotFound:
            return tr("That was not found.");
        case ErrorCode::AlreadyExists:
            return tr("That exists already.");
        case ErrorCode::Corrupt:
            return tr("The data is damaged or incomplete.");
        case ErrorCode::LimitExceeded:
            return tr("A limit was reached.");
        case ErrorCode::WrongPassphrase:
            return tr("The passphrase or code is wrong.");
        case ErrorCode::Unsupported:
            return tr("This version of Lapis cannot do that.");
        case ErrorCode::PermissionDenied:
            return tr("That is not allowed.");
        case ErrorCode::Unavailable:
            return tr("A service did not answer. Try again.");
        case ErrorCode::Io:
            return tr("The disk refused a read or write.");
        case ErrorCode::Cancelled:
            return tr("Cancelled.");
        case ErrorCode::Internal:
            return tr("Something went wrong inside Lapis.");
        }
        return tr("Something went wrong.");
    }
};

} // namespace

QString errorSentence(const Error &error)
{
    if (const auto sentence = ErrorText::forReason(error.reason); !sentence.isEmpty())
        return sentence;
    const auto general = ErrorText::forCode(error.code);
    if (error.message.empty())
        return general;
    // The detail (which file, which limit, what the relay said) stays: untranslated, after it.
    return general + QStringLiteral(" (") + QString::fromStdString(error.message) + QLatin1Char(')');
}

} // namespace lapis::ui
