// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Attachments.h>
#include <lapis/engine/DeviceTrust.h>
#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/LinkUri.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/RelayLogin.h>
#include <lapis/store/Store.h>
#include <lapis/transport/RelayClient.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lapis::transport {
class BatchSender;
class MessageStream;
} // namespace lapis::transport

namespace lapis::engine {

/// The longest text one message carries (UTF-8 bytes); a longer one goes as a file.
inline constexpr std::size_t MaxTextBytes = 64 * 1024;

/// The most messages sendTexts writes and encrypts in one store transaction (as many as a receiving
/// device stores in one, MaxReceiveBatch).
inline constexpr std::size_t MaxSendBatch = 128;
/// The most messages indexed for search in one transaction while the relay has nothing new:
/// tens of milliseconds of the store's time, so a message arriving meanwhile waits little.
inline constexpr std::size_t SearchIndexChunk = 2000;
/// The most messages of a sendTexts burst in flight to the relay at once. A batch the relay
/// refuses (the device list changed) was encrypted but never delivered, so the receiving device
/// sees a gap in the ratchet's chain: those in flight plus the batch being sent and the one
/// prepared ahead. That gap stays within what a receiver skips (protocol::MaxSkipPerChain).
inline constexpr std::size_t MaxSendInFlight = 512;

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

/// A device added to or removed from this profile's account, as the relay announced it to this
/// device. Kept and shown whether or not anyone was watching when it arrived: a device that
/// joined with a stolen password is the account owner's first sign of it.
struct DeviceChange {
    enum class Kind { Added, Removed };
    Kind kind = Kind::Added;
    std::uint32_t deviceId = 0;
    std::string deviceName; ///< the device's own choice: display text only
    std::int64_t atMs = 0;  ///< the relay's time of the change
    std::uint64_t eventId = 0;
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
    /// For each of event.attachments, in order: its id in the store (0 when it has none). Nothing
    /// is decrypted on arrival; decryptAttachment / saveAttachmentIn make plaintext when asked.
    std::vector<std::int64_t> attachmentIds;
};

/// What listen() reports as it happens. Callbacks run on the thread that called listen().
struct ListenCallbacks {
    /// Each event (message, synced message, receipt, reaction, …) after it is stored.
    std::function<void(const ReceivedItem &)> onItem;
    /// The relay's stream came up (true) or dropped and is reconnecting (false).
    std::function<void(bool online)> onConnection;
};

/// A conversation as the desktop app's list shows it.
struct ConversationSummary {
    store::Conversation conversation;
    std::optional<store::StoredMessage> lastMessage;
    bool endToEnd = false; ///< blue: the contact has an account key; green: plaintext only
    store::VerificationState verification = store::VerificationState::Unverified;
};

/// An attachment of a message as a view shows it.
struct AttachmentSummary {
    std::int64_t id = 0;
    std::string fileName;
    std::string mimeType;
    std::uint64_t size = 0;
    store::AttachmentState state = store::AttachmentState::Remote;
    bool incoming = false;
};

/// One page of a conversation, newest first, with the messages' attachments (by message id hex).
struct MessagePageView {
    std::int64_t conversationId = 0;
    store::MessagePage page;
    std::map<std::string, std::vector<AttachmentSummary>> attachments;
    /// Newer messages than the page's newest exist (a page around a message or after a cursor).
    bool hasNewer = false;
};

/// What a conversation's header and banners say about a contact.
struct ContactTrust {
    bool relayAnswered = false; ///< false: only the stored state is known (offline)
    std::size_t certifiedDevices = 0;
    bool everHadEndToEnd = false;
    bool endToEnd = false;   ///< messages go end to end now
    bool downgraded = false; ///< had end-to-end devices, offers none now: ask before each plaintext send
    bool keyChanged = false; ///< the account key changed: blocked until the user accepts it
    bool verified = false;
    /// Every device a message goes to (at least one) is reached with PQXDH: its session has an
    /// ML-KEM-768 secret in its keys, or, without a session yet, its bundle offers an ML-KEM prekey
    /// so that the first message can only set one up that way (PROTOCOL.md §3). Offline: every
    /// session held with the peer's devices (at least one) was set up with PQXDH.
    bool postQuantum = false;
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

    [[nodiscard]] bool hasAccount() const { return m_identity != nullptr || m_plaintextOnly || m_awaitingKeys; }
    /// Signed in by a code from another device of an end-to-end account, but without the account
    /// key yet: the device still needs linking (link-request here, link-approve there).
    [[nodiscard]] bool awaitingKeys() const { return m_awaitingKeys; }
    [[nodiscard]] const AccountId &account() const { return m_account; }
    [[nodiscard]] const DeviceId &deviceId() const { return m_deviceId; }
    /// Envelopes dropped since the engine opened because they can never be read (forged,
    /// malformed): each was also handed on as an IncomingEvent::Kind::Unreadable.
    [[nodiscard]] std::uint64_t unreadableEnvelopes() const { return m_unreadableEnvelopes.load(); }

    /// Creates the account on the relay, makes its identity and publishes its keys.
    Result<void> registerAccount(const AccountSetup &setup);
    /// Logs this profile in as a new device of an existing account by password and a second
    /// factor. An account that has devices needs the code they show (or a TOTP
    /// code where enabled): without one this fails with PermissionDenied and the reason
    /// SignInCodeRequired, keeps the relay's request pending and remembers it in the profile, so that the
    /// same call with `deviceCode` completes it. A denied request fails with the reason SignInDenied.
    /// The account key never passes through the relay: a new device of an account whose devices
    /// have keys is signed in but awaitingKeys() until it is linked; a plaintext-only account, or
    /// one whose devices have no keys (all lost, reset), gets a device with keys of its own.
    Result<void> login(const AccountSetup &setup);

    /// The account's pending sign-ins with their codes (for the user of a trusted device).
    Result<std::vector<SignInRequest>> signInRequests();
    /// Refuses a pending sign-in; the new device is told it was denied.
    Result<void> denySignIn(const std::string &id);
    /// The sign-ins to this account, approved or denied, that the relay told this device of while
    /// it received (newest first, at most 50): what Settings and `sign-ins` show afterwards.
    Result<std::vector<SignInRequest>> signInHistory();
    /// Called by the stream loops (receive, listen) when the relay pushes a sign-in request
    /// (`pending` true) or its outcome (`pending` false: approved or denied). Runs on the stream's
    /// network thread: keep it short and hand the request over to your own thread.
    void setSignInListener(std::function<void(const SignInRequest &, bool pending)> listener);
    /// Devices added to or removed from the account since this device joined it, newest first.
    Result<std::vector<DeviceChange>> deviceChanges();
    /// Called on the stream's thread for each device change as it arrives, after it is kept.
    void setDeviceChangeListener(std::function<void(const DeviceChange &)> listener);

    /// New device, step 1: asks the relay for a one-use link address and makes the link URI
    /// (shown as text and QR code) and the comparison code. A device signed in by a code and
    /// still awaiting its keys may pass an empty relay: the one it signed in to.
    Result<PendingLink> requestLink(const std::string &relayAddress, const std::string &relayCertificatePem);
    /// New device, step 2: waits for the sealed bundle, registers with its token, makes and
    /// certifies this device's keys, publishes them, and imports contacts and recent history.
    /// With `interrupted`, the wait is given up (Cancelled) soon after it turns true.
    Result<void> completeLink(const PendingLink &pending, const std::string &deviceName,
                              const std::function<bool()> &interrupted = {});
    /// Existing device: seals the account key, contacts and recent history to the URI's key and
    /// posts it. With `expectedCode`, refuses (sending nothing) unless it equals the code derived
    /// from the URI.
    Result<void> approveLink(const LinkUri &uri, const std::optional<std::string> &expectedCode);
    /// The code both screens show for a link URI.
    static std::string comparisonCode(const LinkUri &uri);

    /// Sends a text message. Refuses (PermissionDenied, with the reason) a plaintext send to a
    /// contact that had end-to-end devices unless `allowPlaintext`.
    Result<SendReport> sendText(const AccountId &to, const std::string &text, bool allowPlaintext);
    /// Sends several texts to one contact, in order, as a burst (a bot, a bridge, a script): the
    /// directory is resolved once, MaxSendBatch messages are written and encrypted per store
    /// transaction while the previous batch streams to the relay, and what the relay accepted is
    /// marked Sent in the next transaction. The same rules as sendText (downgrade guard, outbox,
    /// copies for our other devices, a changed device list resolved and encrypted for anew). One
    /// report per text, in order; a report not accepted by the relay means the message waits in the
    /// outbox. InvalidArgument, before anything is stored, for an empty text.
    Result<std::vector<SendReport>> sendTexts(const AccountId &to, const std::vector<std::string> &texts,
                                              bool allowPlaintext);
    /// Sends `text` as a reply to `replyTo`, a message of the conversation with `to`:
    /// it carries a quote (the message's id, its author and the start of its text) that is stored
    /// with the reply here and on every receiving device. NotFound when the conversation has no
    /// such message; otherwise as sendText.
    Result<SendReport> sendReply(const AccountId &to, const MessageId &replyTo, const std::string &text,
                                 bool allowPlaintext);
    /// Reacts to `target`, a message of the conversation with `to`, with `emoji` (replacing this
    /// account's earlier reaction to it), or withdraws the reaction when `remove`. Stored at once
    /// as our own reaction; sent like a message (outbox, our other devices, downgrade guard).
    Result<SendReport> sendReaction(const AccountId &to, const MessageId &target, const std::string &emoji, bool remove,
                                    bool allowPlaintext = false);
    /// Sends a file as an attachment (encrypted as a stream, uploaded with resume). When the upload
    /// stops (the relay went away, Lapis quit, or `progress` returned false to pause it) the upload
    /// stays pending and resumes at the next flushOutbox(); cancelUpload() gives it up.
    Result<SendReport> sendFile(const AccountId &to, const std::filesystem::path &file, bool allowPlaintext,
                                const transport::ProgressCallback &progress = {});
    /// Retries what the outbox holds, after resuming pending uploads; returns how many envelopes
    /// the relay accepted.
    Result<int> flushOutbox();
    /// Attachments whose upload has not finished (sendFile failed or was paused, or Lapis stopped):
    /// they resume at the next flushOutbox, from where the relay's copy ends.
    Result<std::vector<store::PendingUpload>> pendingUploads();
    /// Resumes every pending upload and sends its message; returns how many went out.
    Result<int> resumeUploads();
    /// Gives a pending upload up: nothing is sent, its sealed file is deleted.
    Result<void> cancelUpload(const std::string &blobId);
    /// An attachment's plaintext, decrypted in memory from the engine's encrypted copy at rest
    /// (nothing decrypted reaches the disk): what the app hands to its sandboxed image decoder.
    /// NotFound while there is no local copy; LimitExceeded when it is larger than `maxSize`
    /// (checked before and while decrypting); AuthenticationFailed when the copy was altered.
    Result<Bytes> attachmentBytes(std::int64_t attachmentId, std::uint64_t maxSize);

    /// sendFile() of bytes held in memory (a pasted or dropped image), encrypted before they touch
    /// the disk; `fileName` is what the recipient sees.
    Result<SendReport> sendFileData(const AccountId &to, ByteView data, const std::string &fileName,
                                    bool allowPlaintext, const transport::ProgressCallback &progress = {});

    /// Takes every pending message, then new ones until `idle` passes with nothing new.
    /// Attachments up to the auto-download limit are downloaded, checked against their digest and
    /// kept encrypted; larger ones wait for downloadAttachment().
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds idle);
    /// Asked by receive(deadline, enough) with what arrived so far: true when that is all it waits for.
    using ReceivedEnough = std::function<bool(const std::vector<ReceivedItem> &)>;
    /// Takes every pending message (until the relay says its backlog for this device is pushed),
    /// then new ones until `enough` says so or `deadline` passes: a script or a test that knows
    /// what it expects stops as soon as it arrived, without an idle wait at the end.
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds deadline, const ReceivedEnough &enough);
    /// Received attachments larger than this wait for downloadAttachment() (default 100 MiB).
    void setAutoDownloadLimit(std::uint64_t bytes) { m_autoDownloadLimit = bytes; }
    /// Downloads an attachment that waited (too large, or failed before), resuming after what an
    /// earlier try saved; reads at most what its pointer's size allows and checks the digest.
    Result<void> downloadAttachment(std::int64_t attachmentId, const transport::ProgressCallback &progress = {});
    /// The plaintext of a downloaded attachment, decrypted from its copy at rest into `sink` chunk by
    /// chunk as each is authenticated; nothing is written anywhere.
    Result<std::uint64_t> decryptAttachment(std::int64_t attachmentId, const PlaintextSink &sink);
    /// Decrypts a downloaded attachment into `destination` (the user's "Save as…" choice; 0600,
    /// written through a temporary file renamed into place).
    Result<void> decryptAttachmentTo(std::int64_t attachmentId, const std::filesystem::path &destination);
    /// Decrypts a downloaded attachment into a new file in `folder`, named after the sender's name
    /// made safe and unique there (createUniqueFile); returns its path. `tee` sees the plaintext.
    Result<std::filesystem::path> saveAttachmentIn(std::int64_t attachmentId, const std::filesystem::path &folder,
                                                   const PlaintextSink &tee = {});
    /// "Open": saveAttachmentIn() the private folder for opened attachments (openedFolder()).
    Result<std::filesystem::path> openAttachmentCopy(std::int64_t attachmentId);
    /// Where "Open" puts decrypted copies: a folder only this user may enter (0700), emptied by
    /// clearOpenedAttachments() when the app closes and when a profile is opened.
    [[nodiscard]] std::filesystem::path openedFolder() const;
    Result<void> clearOpenedAttachments();
    /// Keeps the relay's stream open and processes what arrives until `interrupted()` returns true
    /// (checked at least every 100 ms) or the stream fails for good. Flushes the outbox first, on
    /// every reconnection and every 10 s while connected. Returns so the caller can make other calls
    /// (the engine is single-threaded), then calls it again.
    Result<void> listen(const ListenCallbacks &callbacks, const std::function<bool()> &interrupted);
    /// Marks the conversation's incoming messages read and sends end-to-end read receipts to the
    /// sender. Returns how many messages changed.
    Result<int> markRead(const AccountId &peer);

    Result<std::vector<store::StoredMessage>> history(const AccountId &peer, int limit);
    Result<std::vector<store::StoredMessage>> search(const std::string &text, int limit = 50);
    /// Indexes up to `limit` messages stored since for search, in one transaction; returns how
    /// many. listen() calls it while the relay has nothing new, and search() indexes
    /// all that is left first: messages are stored without it, so a burst pays no index cost.
    Result<std::size_t> indexSearchBacklog(std::size_t limit = SearchIndexChunk);
    /// Our own devices, or `account`'s certified devices. `postQuantum` per device: the session
    /// we hold with it was set up with PQXDH or, with none yet, its bundle offers an ML-KEM
    /// prekey (so the next one will be); for this device, that it publishes ML-KEM prekeys.
    Result<std::vector<transport::DeviceInfo>> devices(const std::optional<AccountId> &account);
    /// For each device of `account` we hold a current session with: whether PQXDH set it up.
    Result<std::map<DeviceId, bool>> postQuantumSessions(const AccountId &account);
    /// The 60-digit safety number with `peer`, in 12 groups of 5.
    Result<std::string> safetyNumber(const AccountId &peer);
    /// The user accepts `peer`'s new account key (after the safety-number warning): pins the key
    /// the relay now lists, marks the contact unverified and starts fresh sessions. Messages held
    /// because of the change are read at the next receive. Returns the new safety number.
    Result<std::string> acceptNewAccountKey(const AccountId &peer);

    /// Starts TOTP enrolment: the otpauth:// URI for an authenticator app.
    Result<std::string> enableTotp();
    Result<void> confirmTotp(const std::string &code);
    /// A new account password at the relay: the old one again, and a TOTP code where TOTP is on.
    /// Refused on a device that signed in by code and is not linked yet.
    Result<void> changeAccountPassword(const std::string &oldPassword, const std::string &newPassword,
                                       const std::string &totpCode);
    /// Lifts the lock on sign-ins by code that too many wrong codes caused.
    Result<void> allowSignIns();

    // Views and settings.
    /// Conversations, most recent first, with their last message and blue/green state.
    Result<std::vector<ConversationSummary>> conversations();
    /// Up to `limit` messages with `peer`, newest first, older than `before`.
    Result<MessagePageView> messagePage(const AccountId &peer, int limit,
                                        const std::optional<store::MessageCursor> &before);
    /// Up to `limit` messages with `peer` newer than `after`, newest first; `hasNewer` says
    /// whether still newer ones exist (paging back towards the present).
    Result<MessagePageView> messagePageAfter(const AccountId &peer, int limit, const store::MessageCursor &after);
    /// About `limit` messages with `peer` around `message` (as many newer as older, the message
    /// included), newest first: where a search hit opens. `page.next` pages on to older messages,
    /// `hasNewer` says whether newer ones exist. NotFound when the conversation has no such message.
    Result<MessagePageView> messagePageAround(const AccountId &peer, const MessageId &message, int limit);
    /// The contact's trust state; with `askRelay`, the relay's current device list is judged too.
    Result<ContactTrust> contactTrust(const AccountId &peer, bool askRelay);
    /// Unlinks one of our other devices.
    Result<void> removeDevice(const DeviceId &device);
    Result<void> disableTotp(const std::string &code);
    /// Rewraps the store key under a new passphrase (passphrase-protected profiles).
    Result<void> changePassphrase(const std::string &oldPassphrase, const std::string &newPassphrase);
    /// Marks `peer` verified after the safety numbers were compared (or scanned).
    Result<void> markVerified(const AccountId &peer);
    /// Whether the store key is wrapped by a passphrase (else the OS keychain holds it).
    [[nodiscard]] bool usesPassphrase() const;
    /// Keychain → passphrase: wraps the store key under `newPassphrase` in the key file, then
    /// removes it from the keychain (ProfileKey.h: protectProfileWithPassphrase).
    Result<void> protectWithPassphrase(const std::string &newPassphrase);
    /// Passphrase → keychain: unwraps the store key with `currentPassphrase` (WrongPassphrase
    /// when it does not open it), stores it in the keychain, then wipes and removes the key file
    /// (ProfileKey.h: protectProfileWithKeychain). Where no keychain answers nothing changes.
    Result<void> protectWithKeychain(const std::string &currentPassphrase);

    /// Writes an encrypted backup of this profile (account key, relay credential, contacts,
    /// conversations, messages, attachments) to `file` and returns the recovery code that opens
    /// it: shown once, held only by the user, never sent anywhere. The file appears only when
    /// complete. `progress` gets 0..1. Argon2id costs: the profile's passphraseParams.
    Result<std::string> exportBackup(const std::filesystem::path &file,
                                     const std::function<void(double)> &progress = {});
    /// Restores a backup into `target`, which must be an empty or missing folder: checks the
    /// whole file, registers a new device of the account on the relay (certified with the
    /// backed-up account key) and brings back contacts, conversations, messages and attachments.
    /// A wrong code, a damaged or truncated file, or a relay refusal is an error and leaves
    /// `target` exactly as it was.
    static Result<void> importBackup(const ProfileOptions &target, const std::filesystem::path &file,
                                     const std::string &recoveryCode, const std::function<void(double)> &progress = {});

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
    /// Forgets the ids of envelopes the relay stored longer ago than it keeps any
    /// (ProcessedEnvelopeRetention): no redelivery can carry them any more.
    Result<void> pruneProcessedEnvelopes();
    /// An account's devices as the relay lists them, judged against its pinned key.
    struct Directory {
        bool plaintextOnly = false;
        std::optional<crypto::Ed25519PublicKey> accountKey;
        DeviceSelection selection;
        std::map<DeviceId, transport::PreKeyBundle> bundles;
        std::vector<DeviceId> listedDevices;
    };
    /// A send may start sessions and takes one-time prekeys for devices without one; a lookup
    /// (trust, device lists, pinning) takes none.
    enum class DirectoryUse { Lookup, Send };
    Result<Directory> resolve(const AccountId &account, DirectoryUse use);
    /// Whether `device` is (or, without a session, will be) reached with PQXDH.
    static bool reachedWithPqxdh(const std::map<DeviceId, bool> &sessions, DeviceId device,
                                 const std::optional<transport::KemPreKey> &offered);
    /// Without `withOwnDevices` (receipts), our other devices are not looked up.
    Result<SendTargets> targetsFor(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored,
                                   bool withOwnDevices = true);
    /// Why `text` cannot be sent as a message (empty, over MaxTextBytes), if it cannot.
    static std::optional<std::string> textProblem(const std::string &text);
    /// NotFound without an account, PermissionDenied on a device still awaiting its keys.
    Result<void> checkCanSend() const;
    /// Where a message to `to` goes now: targetsFor(), or the listed devices for a plaintext-only
    /// account; PermissionDenied (with the reason) when the downgrade guard refuses.
    Result<SendTargets> sendTargets(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored);
    /// How often one send resolves the directory again after the relay refused its device list.
    static constexpr int MaxDirectoryAttempts = 3;
    /// `withMessage` runs in the transaction that stores the message and its outbox entries.
    Result<SendReport> sendData(const AccountId &to, protocol::DataMessage message, bool allowPlaintext,
                                const std::function<Result<void>(store::Transaction &)> &withMessage = {});
    /// Sends the message of an upload after its first try (`uploaded`), trying once more on a
    /// blob the relay forgot.
    Result<SendReport> finishUpload(store::PendingUpload pending, const transport::ProgressCallback &progress,
                                    Result<transport::UploadInfo> uploaded);
    store::PendingUpload pendingUploadOf(const SealedAttachment &sealed, const std::string &blobId, const AccountId &to,
                                         bool allowPlaintext) const;
    Result<bool> deliver(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext);
    /// How runStream() is driven: receive() ends after an idle wait, listen() when interrupted.
    struct StreamLoop {
        std::chrono::milliseconds wait{100};
        std::function<void(ReceivedItem)> onItem;
        std::function<void(bool online)> onConnection;
        /// The relay has pushed the backlog that waited for this device (once per connection).
        std::function<void()> onDrained;
        /// Asked after each item and after each wait that brought nothing (`waitedInVain`).
        std::function<bool(bool waitedInVain)> done;
    };
    Result<void> runStream(const StreamLoop &loop);
    /// Decrypts and stores what the stream delivered (one transaction for a batch, each on its own
    /// should one fail), acknowledging what is stored or unreadable; held envelopes stay unacked.
    std::vector<IncomingEvent> storeDeliveries(IncomingMessages &incoming,
                                               const std::vector<transport::ReceivedEnvelope> &batch,
                                               transport::MessageStream &stream);
    /// How runStream() sends delivery receipts: pipelined, to directories it
    /// looked up once.
    struct ReceiptChannel;
    /// With `channel`, the receipt goes out over its stream without waiting for the relay's answer;
    /// one the relay refuses for a changed device list is sent once more (`retry`) after a new
    /// lookup. A receipt is not kept in the outbox: one lost otherwise is only logged.
    Result<void> sendReceipt(const AccountId &to, protocol::Receipt::Type type, std::vector<MessageId> messages,
                             ReceiptChannel *channel = nullptr, bool retry = false);
    Result<ReceivedItem> fetchAttachments(IncomingEvent event);
    /// Downloads `row` (resuming a partial copy) and checks its digest; the rows of the same blob in
    /// `sameBlob` share the copy instead of fetching it again.
    Result<void> fetchAttachment(const store::StoredAttachment &row,
                                 const std::vector<const store::StoredAttachment *> &sameBlob,
                                 const transport::ProgressCallback &progress);
    Result<store::StoredAttachment> downloadedAttachment(std::int64_t attachmentId);
    Result<SendReport> sendSealed(const AccountId &to, SealedAttachment sealed, bool allowPlaintext,
                                  const transport::ProgressCallback &progress);
    [[nodiscard]] std::int64_t nowMs() const;
    [[nodiscard]] protocol::Address selfAddress() const;
    /// Handles an account event from the stream (any thread): keeps sign-in outcomes and device
    /// changes, tells the listeners; true when the event may be acknowledged.
    bool onAccountEvent(const transport::AccountEvent &event);
    bool onDeviceChange(const transport::AccountEvent &event);

    std::filesystem::path m_profile;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<transport::RelayClient> m_relay;
    AccountId m_account;
    DeviceId m_deviceId;
    bool m_plaintextOnly = false;
    std::unique_ptr<LocalIdentity> m_identity;
    crypto::RandomSource &m_rng;
    bool m_awaitingKeys = false;
    std::mutex m_signInMutex;
    std::function<void(const SignInRequest &, bool pending)> m_signInListener;
    std::function<void(const DeviceChange &)> m_deviceChangeListener;
    crypto::Argon2Params m_backupParams = crypto::Argon2Params::moderate();
    std::atomic<std::uint64_t> m_unreadableEnvelopes{0};
    std::uint64_t m_autoDownloadLimit = DefaultAutoDownloadLimit;
};

} // namespace lapis::engine
