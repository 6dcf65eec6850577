// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lapis::engine {

class Devices;
class KeyMaintenance;

/// What registering or logging in needs.
struct AccountSetup {
    std::string username;
    std::string relayAddress; ///< HOST:PORT
    std::string relayCertificatePem;
    std::string password;
    std::string deviceName;
    bool plaintextOnly = false; ///< a bridge, bot or legacy account: no keys, the relay reads everything
    std::string totpCode;
    /// The six-digit code another device of the account shows for this profile's pending sign-in.
    std::string deviceCode;
};

/// A password log-in of a new device, waiting for the code that this account's devices show.
/// `code` is empty in the outcome a listener is told of.
struct SignInRequest {
    enum class State { Pending, Approved, Denied };
    std::string id; ///< empty for a sign-in by TOTP or by password alone: no request was made
    std::string code;
    std::string deviceName;
    std::int64_t createdAtMs = 0;
    std::int64_t expiresAtMs = 0;
    State state = State::Pending;
    std::int64_t decidedAtMs = 0; ///< the relay's time of the approval or denial
};

/// The profile's account: registering, logging a new device in by password and a second factor,
/// the sign-ins of other devices, TOTP and the account password.
class Accounts {
public:
    Accounts(EngineContext &context, KeyMaintenance &keys, Devices &devices)
        : m_ctx(context)
        , m_keys(keys)
        , m_devices(devices)
    {}

    /// Loads the stored account into the context and connects to its relay (nothing without one).
    Result<void> loadAccount();
    /// Stores a device the relay registered (its credential, and the identity in the context).
    Result<void> saveAccount(const transport::RegisteredDevice &device, const AccountSetup &setup);

    /// Creates the account on the relay, makes its identity and publishes its keys.
    Result<void> registerAccount(const AccountSetup &setup);
    /// Logs this profile in as a new device of an existing account by password and a second
    /// factor. An account that has devices needs the code they show (or a TOTP code where
    /// enabled): without one this fails with PermissionDenied and the reason SignInCodeRequired,
    /// keeps the relay's request pending and remembers it in the profile, so that the same call
    /// with `deviceCode` completes it. A denied request fails with the reason SignInDenied.
    /// The account key never passes through the relay: a new device of an account whose devices
    /// have keys is signed in but awaiting its keys until it is linked; a plaintext-only account,
    /// or one whose devices have no keys (all lost, reset), gets a device with keys of its own.
    Result<void> login(const AccountSetup &setup);

    /// The account's pending sign-ins with their codes (for the user of a trusted device).
    Result<std::vector<SignInRequest>> signInRequests();
    /// Refuses a pending sign-in; the new device is told it was denied.
    Result<void> denySignIn(const std::string &id);
    /// The sign-ins to this account, approved or denied, that the relay told this device of while
    /// it received (newest first, at most 50).
    Result<std::vector<SignInRequest>> signInHistory();
    /// Called on the relay stream's thread when the relay pushes a sign-in request (`pending`
    /// true) or its outcome: keep it short and hand the request over to your own thread.
    void setSignInListener(std::function<void(const SignInRequest &, bool pending)> listener);
    /// Handles an account event from the stream (any thread): keeps sign-in outcomes and device
    /// changes, tells the listeners; true when the event may be acknowledged.
    bool onAccountEvent(const transport::AccountEvent &event);

    /// Starts TOTP enrolment: the otpauth:// URI for an authenticator app.
    Result<std::string> enableTotp();
    Result<void> confirmTotp(const std::string &code);
    Result<void> disableTotp(const std::string &code);
    /// A new account password at the relay: the old one again, and a TOTP code where TOTP is on.
    /// Refused on a device that signed in by code and is not linked yet.
    Result<void> changeAccountPassword(const std::string &oldPassword, const std::string &newPassword,
                                       const std::string &totpCode);
    /// Lifts the lock on sign-ins by code that too many wrong codes caused.
    Result<void> allowSignIns();

private:
    EngineContext &m_ctx;
    KeyMaintenance &m_keys;
    Devices &m_devices;
};

} // namespace lapis::engine
