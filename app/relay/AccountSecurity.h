// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "ServiceSupport.h"

#include <grpcpp/grpcpp.h>

namespace lapis::relay {

/// Who may change an account's security (issue 16, items 9 and 10). Backend-neutral: the rules
/// here read storage only through RelayStorage.
///
/// A device proves the account key when it holds a certificate the account key signed. A device
/// that joined by a sign-in code holds no such proof until it is linked: a password thief gets
/// exactly that far, so such a device may only finish linking. Devices that joined otherwise
/// (registration, password alone on an account with no device, password + TOTP, a link token
/// made by a proven device) proved what the account demanded when they joined.
class AccountSecurity {
public:
    explicit AccountSecurity(RelayContext &relay)
        : m_relay(relay)
    {}

    /// OK, or PERMISSION_DENIED with reason `link-first` for a device that joined by a code and
    /// is not linked yet.
    grpc::Status requireAccountProof(grpc::ServerContext &context, const Caller &caller);

    /// OK while the account's wrong sign-in codes of the last 24 hours are below
    /// `--sign-in-wrong-codes`; otherwise PERMISSION_DENIED `sign-in-locked` until a device of
    /// the account allows sign-ins again (Accounts.AllowSignIns).
    grpc::Status checkSignInCodeBudget(grpc::ServerContext &context, const std::string &username);

private:
    RelayContext &m_relay;
};

} // namespace lapis::relay
