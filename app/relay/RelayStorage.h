// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lapis::relay {

struct AccountRecord {
    std::string username;
    std::string passwordHash;
    bool plaintextOnly = false;
    bool totpEnabled = false;
    Bytes totpSecret;
    Bytes totpPendingSecret;
    std::int64_t totpLastStep = -1;
    std::int64_t failedAttempts = 0;
    std::int64_t lockedUntilMs = 0;
    /// The account identity key its devices published (empty before the first).
    Bytes accountKey;
};

struct DeviceRecord {
    std::uint32_t deviceId = 0;
    std::string name;
    std::int64_t createdMs = 0;
    Bytes certificate;
    Bytes signedPreKey;
};

struct OneTimePreKeyRecord {
    std::uint32_t id = 0;
    Bytes publicKey;
};

/// An ML-KEM-768 prekey as published: id, encapsulation key, the device's signature over it.
struct KemPreKeyWireRecord {
    std::uint32_t id = 0;
    Bytes publicKey;
    Bytes signature;
};

/// The ML-KEM prekeys of one publish call: a last-resort key replaces the stored one, one-time
/// keys join the pool.
struct KemPreKeyUpload {
    std::optional<KemPreKeyWireRecord> lastResort;
    std::vector<KemPreKeyWireRecord> oneTime;
};

struct PreKeyBundleRecord {
    DeviceRecord device;
    std::optional<OneTimePreKeyRecord> oneTimePreKey;
    /// A one-time ML-KEM prekey (removed as it is handed out) or else the last-resort one;
    /// absent only for a device that never published one.
    std::optional<KemPreKeyWireRecord> kemPreKey;
};

/// What a device has waiting on the relay, so that it tops its pools up.
struct PreKeyCounts {
    std::uint32_t oneTime = 0;
    std::uint32_t kemOneTime = 0;
    bool kemLastResort = false;
};

/// What a mailbox holds: an envelope from another device, or an account event (kind > 0).
struct MailboxItem {
    enum Kind : int {
        Envelope = 0,
        DeviceAdded = 1,
        DeviceRemoved = 2,
        SignInRequested = 3,
        SignInApproved = 4,
        SignInDenied = 5
    };
    std::uint64_t id = 0;
    int kind = Envelope;
    std::string senderAccount;
    std::uint32_t senderDevice = 0;
    bool plaintext = false;
    std::int64_t serverTimeMs = 0;
    Bytes payload;
    /// For events: the device added or removed, and its name.
    std::uint32_t eventDevice = 0;
    std::string eventDeviceName;
    /// For sign-in events: the request (its sealed code, hex, only while it waits).
    std::string signInId;
    std::string signInCode;
    std::int64_t signInCreatedMs = 0;
    std::int64_t signInExpiresMs = 0;
};

/// A password log-in waiting for the six-digit code shown on the account's devices.
struct SignInRecord {
    enum class State : int { Pending = 0, Approved = 1, Denied = 2, Closed = 3 };
    std::string id;
    std::string username;
    /// The code sealed by the relay's SecretSealer, hex (sign_in_codes): what the storage keeps
    /// and copies into the request's event; only the service layer opens it.
    std::string code;
    std::string deviceName;
    std::int64_t createdMs = 0;
    std::int64_t expiresMs = 0;
    int wrongCodes = 0;
    State state = State::Pending;
    /// The code's keyed hash, hex: what checking a typed code compares against.
    std::string codeHash;
};

struct OutgoingItem {
    std::uint32_t recipientDevice = 0;
    Bytes payload;
    bool plaintext = false;
    /// A multi-recipient send's payload (then `payload` is empty): items holding the same one,
    /// in the batches of one storeBatches call, reference one stored copy.
    std::shared_ptr<const Bytes> shared;
};

struct SendRequest {
    std::string senderAccount;
    std::uint32_t senderDevice = 0;
    std::string recipient;
    std::vector<OutgoingItem> items;
    bool allowPlaintext = false;
    std::int64_t nowMs = 0;
    /// Envelopes a device's mailbox may hold (0: no limit). A batch to a full mailbox is refused
    /// whole with LimitExceeded: what waits is kept, the sender is told.
    std::size_t mailboxLimit = 0;
};

struct SendOutcome {
    /// False when the batch's devices differ from the current list (then currentDevices is set).
    bool stored = false;
    bool plaintextOnly = false;
    std::vector<DeviceRecord> currentDevices;
    /// The (account, device) mailboxes that received something, to wake their streams.
    std::vector<std::uint32_t> deliveredTo;
};

/// A device added to an account, and the account's other devices that were told.
struct DeviceAdded {
    std::uint32_t deviceId = 0;
    bool plaintextOnly = false;
    std::vector<std::uint32_t> notified;
};

struct BlobRecord {
    std::string blobId;
    std::string owner;
    std::uint64_t size = 0;
    std::uint64_t received = 0;
    bool complete = false;
    std::int64_t expiresMs = 0;
};

/// Everything the relay keeps, behind an interface so that a PostgreSQL backend can replace the
/// embedded SQLite one. Every mutating call returns only once its change is durable. Calls are
/// safe from any thread.
class RelayStorage {
public:
    virtual ~RelayStorage() = default;

    // --- accounts and devices
    /// Creates the account and its first device; AlreadyExists when the name is taken.
    virtual Result<DeviceAdded> createAccount(const std::string &username, const std::string &passwordHash,
                                              bool plaintextOnly, const std::string &deviceName,
                                              ByteView credentialHash, std::int64_t nowMs) = 0;
    virtual Result<std::optional<AccountRecord>> findAccount(const std::string &username) = 0;
    /// Adds a device after a successful password (and TOTP) check. With `totpStep`, the step is
    /// consumed in the same transaction; a step not newer than the last one used is Duplicate.
    virtual Result<DeviceAdded> addDevice(const std::string &username, const std::string &deviceName,
                                          ByteView credentialHash, std::optional<std::int64_t> totpStep,
                                          std::int64_t nowMs) = 0;
    /// Adds a device with a one-use link token (consumed here); NotFound for an unknown or
    /// expired token.
    virtual Result<DeviceAdded> addLinkedDevice(const std::string &username, ByteView tokenHash,
                                                const std::string &deviceName, ByteView credentialHash,
                                                std::int64_t nowMs) = 0;
    /// Counts a failed log-in; returns the account's lock-out deadline (0 when none).
    virtual Result<std::int64_t> recordLoginFailure(const std::string &username, std::int64_t nowMs) = 0;
    virtual Result<void> clearLoginFailures(const std::string &username) = 0;
    virtual Result<std::optional<Bytes>> credentialHash(const std::string &username, std::uint32_t deviceId) = 0;
    virtual Result<std::vector<DeviceRecord>> listDevices(const std::string &username) = 0;
    /// Removes a device, its keys and its mailbox; returns the devices that were told.
    virtual Result<std::vector<std::uint32_t>> removeDevice(const std::string &username, std::uint32_t deviceId,
                                                            std::int64_t nowMs) = 0;
    /// Removes every device, key, mailbox, link token and sign-in of the account, turns TOTP off
    /// and clears its lock-out; the password stays.
    virtual Result<std::size_t> resetAccount(const std::string &username) = 0;

    // --- sign-ins approved by a code from a trusted device
    /// Stores a pending sign-in and pushes it (with its code) to every device of the account;
    /// returns the devices told.
    virtual Result<std::vector<std::uint32_t>> createSignIn(const SignInRecord &record) = 0;
    virtual Result<std::optional<SignInRecord>> findSignIn(const std::string &username, const std::string &id) = 0;
    /// The account's sign-ins still pending and not expired at `nowMs`, oldest first.
    virtual Result<std::vector<SignInRecord>> pendingSignIns(const std::string &username, std::int64_t nowMs) = 0;
    /// Counts a wrong code for a pending sign-in; at `limit` the request is closed and the
    /// devices are told. Returns the record as it is afterwards (`notified` gets the devices told).
    virtual Result<SignInRecord> recordWrongSignInCode(const std::string &username, const std::string &id, int limit,
                                                       std::int64_t nowMs, std::vector<std::uint32_t> &notified) = 0;
    /// Consumes the pending sign-in `id` and adds the device in one transaction; the other
    /// devices are told of both. Duplicate when it is no longer pending (a code used twice).
    virtual Result<DeviceAdded> addDeviceBySignIn(const std::string &username, const std::string &id,
                                                  ByteView credentialHash, std::int64_t nowMs) = 0;
    /// Marks a pending sign-in denied and tells every device; NotFound when none is pending.
    virtual Result<std::vector<std::uint32_t>> denySignIn(const std::string &username, const std::string &id,
                                                          std::int64_t nowMs) = 0;

    /// Whether the device joined by a sign-in code (and so holds no proof of the account key
    /// until it publishes a certificate the account key signed).
    virtual Result<bool> admittedByCode(const std::string &username, std::uint32_t deviceId) = 0;
    /// Wrong sign-in codes typed for the account's requests made since `sinceMs` and since a
    /// device of the account last allowed sign-ins again.
    virtual Result<std::int64_t> wrongSignInCodes(const std::string &username, std::int64_t sinceMs) = 0;
    /// Forgives the wrong codes counted so far (a device of the account allows sign-ins again).
    virtual Result<void> allowSignIns(const std::string &username, std::int64_t nowMs) = 0;

    /// Replaces the password hash and clears the lock-out.
    virtual Result<void> setPassword(const std::string &username, const std::string &passwordHash) = 0;

    // --- TOTP
    virtual Result<void> setTotpPending(const std::string &username, ByteView secret) = 0;
    /// Consumes `step` (Duplicate when not newer than the last used) and makes the pending
    /// secret the active one.
    virtual Result<void> confirmTotp(const std::string &username, std::int64_t step) = 0;
    virtual Result<void> disableTotp(const std::string &username, std::int64_t step) = 0;

    // --- keys
    /// `accountKey` (empty: unchanged) is set once; a different one is FailedPrecondition-like
    /// PermissionDenied until the operator resets the account.
    /// The signed prekey and the ML-KEM prekeys are stored in the same transaction, so that no
    /// bundle pairs a signed prekey that says "with ML-KEM" with no ML-KEM prekey.
    virtual Result<void> publishKeys(const std::string &username, std::uint32_t deviceId, ByteView accountKey,
                                     ByteView certificate, ByteView signedPreKey,
                                     const std::vector<OneTimePreKeyRecord> &oneTime,
                                     const KemPreKeyUpload &kem = {}) = 0;
    /// One bundle per device; each one-time prekey (X25519 and ML-KEM) is removed as it is handed
    /// out. Devices in `withSession` (the caller has a session with them, or took its share of
    /// one-time keys) get no one-time key: their pools are kept for new sessions. Every bundle
    /// of a device with ML-KEM prekeys carries one (the last-resort key when no one-time key).
    virtual Result<std::vector<PreKeyBundleRecord>> takePreKeyBundles(const std::string &username,
                                                                      const std::set<std::uint32_t> &withSession) = 0;
    virtual Result<PreKeyCounts> preKeyCount(const std::string &username, std::uint32_t deviceId) = 0;

    // --- mailboxes
    virtual Result<SendOutcome> storeBatch(const SendRequest &request) = 0;
    /// Several batches in one durable transaction; each succeeds or fails on its own.
    virtual Result<std::vector<Result<SendOutcome>>> storeBatches(const std::vector<SendRequest> &requests) = 0;
    virtual Result<std::vector<MailboxItem>> fetchMailbox(const std::string &username, std::uint32_t deviceId,
                                                          std::uint64_t afterId, std::size_t limit) = 0;
    virtual Result<void> acknowledge(const std::string &username, std::uint32_t deviceId,
                                     const std::vector<std::uint64_t> &ids) = 0;

    // --- link tokens and attachments
    virtual Result<void> createLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs) = 0;
    virtual Result<void> createBlob(const BlobRecord &blob) = 0;
    virtual Result<std::optional<BlobRecord>> findBlob(const std::string &blobId) = 0;
    virtual Result<void> updateBlob(const std::string &blobId, std::uint64_t received, bool complete) = 0;
    /// The bytes of the blobs (complete or not, not yet expired) that `owner` created.
    virtual Result<std::uint64_t> blobBytesOwnedBy(const std::string &owner) = 0;

    /// Drops envelopes, blobs and tokens past their lifetime; returns the expired blob ids.
    virtual Result<std::vector<std::string>> purgeExpired(std::int64_t nowMs, std::int64_t envelopeMaxAgeMs) = 0;
};

} // namespace lapis::relay
