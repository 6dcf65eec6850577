// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/DeviceTrust.h>
#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/LinkUri.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/RelayLogin.h>
#include <lapis/store/Store.h>
#include <lapis/transport/RelayClient.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

/// Which profile to open and how its database key is found.
struct ProfileOptions {
    std::filesystem::path directory;
    /// The store passphrase (headless use). Without one the OS keychain holds the key; where no
    /// keychain answers, opening fails with Unavailable and says to give a passphrase.
    std::optional<std::string> passphrase;
    crypto::Argon2Params passphraseParams = crypto::Argon2Params::moderate();
};

/// What registering or logging in needs.
struct AccountSetup {
    std::string username;
    std::string relayAddress; ///< HOST:PORT
    std::string relayCertificatePem;
    std::string password;
    std::string deviceName;
    bool plaintextOnly = false; ///< a bridge, bot or legacy account: no keys, the relay reads everything
    std::string totpCode;
};

/// The outcome of a send.
struct SendReport {
    MessageId id;
    bool endToEnd = true;
    bool acceptedByRelay = false; ///< false: kept in the outbox, retried on the next connection
    std::vector<RejectedDevice> ignoredDevices;
};

/// A message taken by receive(), for the CLI and the views.
struct ReceivedItem {
    IncomingEvent event;
    /// For each attachment: the decrypted copy made for this receive (empty when none).
    std::vector<std::filesystem::path> attachmentCopies;
    std::vector<std::string> attachmentSha256;
};

/// A new device waiting to be linked: what it shows, and the key the bundle will be sealed to.
struct PendingLink {
    LinkUri uri;
    std::string comparisonCode;
    crypto::X25519KeyPair ephemeral;
    std::chrono::seconds lifetime{0};
    std::string relayCertificatePem;
};

/// The messenger's use cases for one profile: the one engine behind the desktop app and
/// lapis-cli. Every call blocks until done (network, disk, key derivation): call it from a
/// worker thread, never from the GUI thread. Not for use from several threads at once.
class Engine {
public:
    /// Opens the profile's store (creating an empty profile when the folder has none).
    static Result<std::unique_ptr<Engine>> open(const ProfileOptions &options);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    [[nodiscard]] bool hasAccount() const { return m_identity != nullptr || m_plaintextOnly; }
    [[nodiscard]] const AccountId &account() const { return m_account; }

    /// Creates the account on the relay, makes its identity and publishes its keys.
    Result<void> registerAccount(const AccountSetup &setup);
    /// Logs this profile in as a new device of an existing account by password (and TOTP).
    /// A new device of an account that has keys gets the account key only by linking; this
    /// path makes a device for a plaintext-only account, or an account's first keyed device
    /// after a reset.
    Result<void> login(const AccountSetup &setup);

    /// New device, step 1: asks the relay for a one-use link address and makes the link URI
    /// (shown as text and QR code) and the comparison code.
    Result<PendingLink> requestLink(const std::string &relayAddress, const std::string &relayCertificatePem);
    /// New device, step 2: waits for the sealed bundle, registers with its token, makes and
    /// certifies this device's keys, publishes them, and imports contacts and recent history.
    Result<void> completeLink(const PendingLink &pending, const std::string &deviceName);
    /// Existing device: seals the account key, contacts and recent history to the URI's key and
    /// posts it. With `expectedCode`, refuses (sending nothing) unless it equals the code derived
    /// from the URI.
    Result<void> approveLink(const LinkUri &uri, const std::optional<std::string> &expectedCode);
    /// The code both screens show for a link URI.
    static std::string comparisonCode(const LinkUri &uri);

    /// Sends a text message. Refuses (PermissionDenied, with the reason) a plaintext send to a
    /// contact that had end-to-end devices unless `allowPlaintext`.
    Result<SendReport> sendText(const AccountId &to, const std::string &text, bool allowPlaintext);
    /// Sends a file as an attachment (encrypted as a stream, uploaded with resume).
    Result<SendReport> sendFile(const AccountId &to, const std::filesystem::path &file, bool allowPlaintext,
                                const transport::ProgressCallback &progress = {});
    /// Retries what the outbox holds; returns how many envelopes the relay accepted.
    Result<int> flushOutbox();

    /// Takes every pending message, then new ones until `idle` passes with nothing new.
    /// Attachments are downloaded, checked and kept encrypted; a decrypted copy is made under
    /// the profile's downloads folder for each.
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds idle);

    Result<std::vector<store::StoredMessage>> history(const AccountId &peer, int limit);
    Result<std::vector<store::StoredMessage>> search(const std::string &text, int limit = 50);
    /// Our own devices, or `account`'s certified devices.
    Result<std::vector<transport::DeviceInfo>> devices(const std::optional<AccountId> &account);
    /// The 60-digit safety number with `peer`, in 12 groups of 5.
    Result<std::string> safetyNumber(const AccountId &peer);
    /// The user accepts `peer`'s new account key (after the safety-number warning): pins the key
    /// the relay now lists, marks the contact unverified and starts fresh sessions. Messages held
    /// because of the change are read at the next receive. Returns the new safety number.
    Result<std::string> acceptNewAccountKey(const AccountId &peer);

    /// Starts TOTP enrolment: the otpauth:// URI for an authenticator app.
    Result<std::string> enableTotp();
    Result<void> confirmTotp(const std::string &code);

    [[nodiscard]] const std::filesystem::path &profileDirectory() const { return m_profile; }

private:
    Engine(std::filesystem::path profile, std::unique_ptr<store::Store> store);
    Result<void> loadAccount();
    Result<void> connect(const std::string &relayAddress, const std::string &pem);
    Result<void> saveAccount(const transport::RegisteredDevice &device, const AccountSetup &setup);
    Result<void> publishKeys();
    /// Rotates the signed prekey when it is due and tops the relay's one-time pool up when it runs
    /// low; publishes what changed.
    Result<void> maintainKeys();
    /// An account's devices as the relay lists them, judged against its pinned key.
    struct Directory {
        bool plaintextOnly = false;
        std::optional<crypto::Ed25519PublicKey> accountKey;
        DeviceSelection selection;
        std::map<DeviceId, transport::PreKeyBundle> bundles;
        std::vector<DeviceId> listedDevices;
    };
    Result<Directory> resolve(const AccountId &account, bool fetchBundles);
    Result<SendTargets> targetsFor(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored);
    Result<SendReport> sendData(const AccountId &to, protocol::DataMessage message, bool allowPlaintext);
    Result<bool> deliver(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext);
    Result<void> sendReceipt(const IncomingEvent &event);
    Result<ReceivedItem> fetchAttachments(IncomingEvent event);
    [[nodiscard]] std::int64_t nowMs() const;
    [[nodiscard]] protocol::Address selfAddress() const;

    std::filesystem::path m_profile;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<transport::RelayClient> m_relay;
    AccountId m_account;
    DeviceId m_deviceId;
    bool m_plaintextOnly = false;
    std::unique_ptr<LocalIdentity> m_identity;
    crypto::RandomSource &m_rng;
};

} // namespace lapis::engine
