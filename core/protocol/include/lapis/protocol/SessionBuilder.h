// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/protocol/Stores.h>

namespace lapis::protocol {

/// Checks `key` against the account key pinned for `account`: Ok when it is the pinned one or
/// none is pinned yet (trust on first use; the caller pins it once the contact is used);
/// PermissionDenied when a different key is pinned. A changed account key blocks every
/// session with that account until the user accepts it (acceptAccountKey).
Result<void> checkAccountKey(const IdentityStore &identities, const AccountId &account,
                             const crypto::Ed25519PublicKey &key);
/// The user accepted `key` for `account` (after the safety-number warning): pins it.
Result<void> acceptAccountKey(IdentityStore &identities, const AccountId &account, const crypto::Ed25519PublicKey &key);

/// Starts sessions from prekey bundles (the X3DH initiator side).
class SessionBuilder {
public:
    SessionBuilder(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities,
                   crypto::RandomSource &rng);

    /// Verifies `bundle` for the device `expected` and makes a new current session with it:
    /// the certificate must be for `expected` and signed by the bundle's account key, that key
    /// must match the pinned one (PermissionDenied if it changed), and the signed prekey must be
    /// signed by the certified device key (AuthenticationFailed otherwise). With an ML-KEM prekey
    /// in the bundle the session is set up with PQXDH: the KEM prekey's signature and key are
    /// checked too (AuthenticationFailed, InvalidKey). A bundle without one whose signed prekey
    /// says the device publishes them is refused (AuthenticationFailed), never used for X3DH
    /// alone. Nothing is stored unless every check passes. `now` is seconds since the epoch. The new session becomes
    /// the current one (the previous one is archived): call it when there is no usable session.
    Result<void> processBundle(const Address &expected, const PreKeyBundle &bundle, std::int64_t now);

private:
    const LocalDevice &m_local;
    SessionStore &m_sessions;
    IdentityStore &m_identities;
    crypto::RandomSource &m_rng;
};

} // namespace lapis::protocol
