// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/RelayRoutes.h>
#include <lapis/transport/Types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace grpc {
class Channel;
class ClientContext;
class Status;
} // namespace grpc

namespace lapis::transport {

/// Typed, blocking calls to a relay. Call from a worker thread, never the GUI thread: each call
/// waits for the network (gRPC does the I/O on its own threads). Every failure is an Error a
/// person can read (see StatusMapping.h); nothing throws. Safe to use from several threads.
///
/// `endpoint.address` may list several relays of one deployment ("A:7443,B:7443", see
/// RelayRoutes): calls go to the current one, and a call that fails with UNAVAILABLE moves the
/// client to the next. The call is then made again there when repeating it is harmless (reads,
/// sends: the receiver drops a second copy of an envelope by its message id and ciphertext,
/// prekey uploads replace by id) or when it never reached the relay (its connection was not up);
/// otherwise the error is returned and the next call goes to the next relay.
class RelayClient {
public:
    /// A client for `endpoint`; fails only on an unusable address (list) or certificate.
    static Result<std::unique_ptr<RelayClient>> create(RelayEndpoint endpoint);
    ~RelayClient();

    /// The device whose credential authenticates the calls that need one.
    void setCredentials(DeviceCredentials credentials);
    [[nodiscard]] std::optional<DeviceCredentials> credentials() const;
    [[nodiscard]] const RelayEndpoint &endpoint() const { return m_endpoint; }
    /// The current relay's channel.
    [[nodiscard]] std::shared_ptr<grpc::Channel> channel() const { return m_routes->current().channel; }
    /// The relays and which one is current (shared with MessageStream and BatchSender).
    [[nodiscard]] std::shared_ptr<RelayRoutes> routes() const { return m_routes; }
    /// The deadline of ordinary calls (default 30 s).
    void setCallTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // --- accounts: these return the new device's credential (shown once); keep it safe.
    Result<RegisteredDevice> registerAccount(const std::string &username, const std::string &password,
                                             const std::string &deviceName, bool plaintextOnly = false);
    /// Logs a new device in. PermissionDenied when the account needs a TOTP code or a code from
    /// another device; WrongPassphrase for a wrong password or code; LimitExceeded while locked out.
    Result<RegisteredDevice> loginDevice(const std::string &username, const std::string &password,
                                         const std::string &deviceName, const std::string &totpCode = {});
    /// The same with a sign-in code from another device. When the account needs one and none
    /// was given, the relay makes a pending sign-in: PermissionDenied, and `pending` (when given)
    /// receives its id. A denied sign-in is PermissionDenied too; a wrong code WrongPassphrase; a
    /// used code Duplicate; an expired or closed request AuthenticationFailed.
    Result<RegisteredDevice> loginDevice(const LoginRequest &login, std::optional<SignInPending> *pending = nullptr);
    /// The account's sign-ins waiting for their code (for a device of the account).
    Result<std::vector<SignInRequest>> signInRequests();
    /// Refuses a pending sign-in; the new device is told it was denied.
    Result<void> denySignIn(const std::string &id);
    /// Registers a new device with the one-use token from a link bundle.
    Result<RegisteredDevice> registerLinkedDevice(const std::string &username, ByteView linkToken,
                                                  const std::string &deviceName);
    Result<TotpEnrollment> enrollTotp();
    Result<void> confirmTotp(const std::string &code);
    Result<void> disableTotp(const std::string &code);
    /// A new password; needs a device with proof of the account key, and `totpCode` where TOTP is on.
    Result<void> changePassword(const std::string &oldPassword, const std::string &newPassword,
                                const std::string &totpCode = {});
    /// Lifts the lock on sign-ins by code that too many wrong codes caused.
    Result<void> allowSignIns();
    Result<std::vector<DeviceInfo>> listDevices();
    Result<void> removeDevice(std::uint32_t deviceId);

    // --- keys
    /// Publishes this device's certificate, signed prekey and one-time prekeys; empty parts are
    /// left as they are on the relay.
    /// `accountKey`: the account identity key (set once per account; empty leaves it).
    /// `kem`: ML-KEM prekeys (a last-resort one replaces the relay's, one-time ones join its pool).
    Result<void> publishKeys(ByteView accountKey, ByteView certificate, ByteView signedPreKey,
                             const std::vector<OneTimePreKey> &oneTime, const KemPreKeyUpload &kem = {});
    /// One bundle per device of `account`; each one-time prekey is handed out once. The devices in
    /// `devicesWithSession` (we hold a session with them) come without one, so that an ordinary
    /// send leaves their pool to the senders that need it. `lookupOnly`: no bundle comes with a
    /// one-time prekey (a look at the directory, not a session start).
    Result<PreKeyBundles> fetchPreKeyBundles(const std::string &account,
                                             const std::vector<std::uint32_t> &devicesWithSession = {},
                                             bool lookupOnly = false);
    Result<std::uint32_t> preKeyCount();
    /// The one-time X25519 and ML-KEM prekeys waiting on the relay, and whether it has a
    /// last-resort ML-KEM prekey of this device.
    Result<PreKeyCounts> preKeyCounts();

    // --- messages
    /// Sends one envelope per recipient device, atomically. A device-list mismatch is not an
    /// error: the outcome says so and carries the current list.
    Result<SendOutcome> sendBatch(const std::string &recipient, const std::vector<OutgoingEnvelope> &envelopes,
                                  bool allowPlaintext = false);

    // --- attachments
    Result<UploadInfo> createUpload(std::uint64_t size);
    Result<UploadInfo> uploadStatus(const std::string &blobId);
    /// Uploads `file` to `blobId`, resuming where the relay's copy ends. Cancelled when
    /// `progress` returns false (call again to resume).
    /// With `readable`, the file is still being written: before reading up to byte N the upload
    /// calls readable(N), which returns once the file holds N bytes (or an error that ends it).
    Result<UploadInfo> upload(const std::string &blobId, const std::filesystem::path &file,
                              const ProgressCallback &progress = {},
                              const std::function<Result<void>(std::uint64_t)> &readable = {});
    /// upload() from where `from` (the relay's answer to createUpload or uploadStatus) says the
    /// relay's copy ends, without asking again: one round trip less per file.
    Result<UploadInfo> uploadFrom(const UploadInfo &from, const std::filesystem::path &file,
                                  const ProgressCallback &progress = {},
                                  const std::function<Result<void>(std::uint64_t)> &readable = {});
    /// Downloads into `file` (created 0600), resuming after the bytes it already holds. Cancelled
    /// when `progress` returns false. At most `maxBytes` are kept: a blob longer than that is
    /// LimitExceeded as soon as the relay sends or announces more, and the call ends there.
    /// `onData` sees each piece as it is saved (a digest computed in the same pass).
    Result<std::uint64_t> download(const std::string &blobId, const std::filesystem::path &file,
                                   const ProgressCallback &progress = {},
                                   std::uint64_t maxBytes = std::numeric_limits<std::uint64_t>::max(),
                                   const std::function<void(ByteView)> &onData = {});

    // --- device linking
    Result<LinkAddress> createLinkAddress();
    /// Waits (up to `timeout`) for the sealed bundle an existing device posts to `address`. With
    /// `interrupted`, the call is cancelled (Cancelled) within a fifth of a second of it turning true.
    Result<Bytes> waitForLink(const std::string &address, std::chrono::milliseconds timeout,
                              const std::function<bool()> &interrupted = {});
    Result<LinkToken> createLinkToken();
    Result<void> postLinkBundle(const std::string &address, ByteView sealedBundle);

private:
    RelayClient(RelayEndpoint endpoint, std::shared_ptr<RelayRoutes> routes);
    /// A context with the deadline and, when `authenticated`, the device's metadata.
    Result<std::unique_ptr<grpc::ClientContext>> context(bool authenticated,
                                                         std::optional<std::chrono::milliseconds> timeout = {});
    struct Stubs;
    struct Attempt;
    /// Whether a call that failed with UNAVAILABLE is made again on the next relay.
    enum class Repeat {
        Always,      ///< repeating it is harmless
        IfNeverSent, ///< only when it cannot have reached the relay
    };
    /// Runs `call` on the current relay and, after UNAVAILABLE, on the next ones as `repeat`
    /// allows (each relay at most once); `attempt` holds the last status, context and address.
    Result<void> invoke(Repeat repeat, bool authenticated,
                        const std::function<grpc::Status(Stubs &, grpc::ClientContext &)> &call, Attempt &attempt,
                        std::optional<std::chrono::milliseconds> timeout = {});

    RelayEndpoint m_endpoint;
    std::shared_ptr<RelayRoutes> m_routes;
    std::vector<Stubs> m_stubs; ///< one set per route
    mutable std::mutex m_mutex;
    std::optional<DeviceCredentials> m_credentials;
    std::chrono::milliseconds m_timeout{30'000};
};

} // namespace lapis::transport
