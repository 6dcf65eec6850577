// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

/// Plain values exchanged with the relay, free of generated protobuf types so that the engine
/// does not depend on the wire format.
namespace lapis::transport {

/// Where the relay is and which certificate it must present.
struct RelayEndpoint {
    /// HOST:PORT as the user gave it (e.g. "127.0.0.1:7443", "relay.example.org:7443").
    std::string address;
    /// The relay's certificate (PEM), pinned at registration: the only trusted root.
    std::string pinnedCertificatePem;
    /// The name to check the certificate against instead of the host (empty: the host).
    std::string tlsNameOverride;
};

/// One device's credential, issued once by the relay at registration or log-in.
struct DeviceCredentials {
    std::string account;
    std::uint32_t deviceId = 0;
    Bytes credential;
};

struct RegisteredDevice {
    DeviceCredentials credentials;
    bool plaintextOnly = false;
};

struct DeviceInfo {
    std::uint32_t deviceId = 0;
    Bytes certificate;
    /// Only for one's own devices.
    std::string name;
    std::int64_t createdMs = 0;
    bool hasKeys = false;
};

struct OneTimePreKey {
    std::uint32_t id = 0;
    Bytes publicKey;
};

/// An ML-KEM-768 prekey as the relay carries it (PQXDH): id, encapsulation key, signature.
struct KemPreKey {
    std::uint32_t id = 0;
    Bytes publicKey;
    Bytes signature;
};

/// The ML-KEM prekeys of one publish call.
struct KemPreKeyUpload {
    std::optional<KemPreKey> lastResort;
    std::vector<KemPreKey> oneTime;
};

struct PreKeyBundle {
    std::uint32_t deviceId = 0;
    Bytes certificate;
    Bytes signedPreKey;
    std::optional<OneTimePreKey> oneTimePreKey;
    std::optional<KemPreKey> kemPreKey;
};

/// What this device has waiting on the relay.
struct PreKeyCounts {
    std::uint32_t oneTime = 0;
    std::uint32_t kemOneTime = 0;
    bool kemLastResort = false;
};

struct PreKeyBundles {
    std::string account;
    bool plaintextOnly = false;
    std::vector<PreKeyBundle> bundles;
    /// The account identity key as the relay has it (empty before any device published one).
    /// Untrusted: the client pins it on first contact and compares it afterwards.
    Bytes accountKey;
};

struct OutgoingEnvelope {
    /// 0 only for a plaintext envelope to an account with no device.
    std::uint32_t recipientDevice = 0;
    Bytes payload;
    bool plaintext = false;
};

/// A batch's fate: accepted, or refused because the recipient's devices differ from those
/// addressed (then `currentDevices` is the relay's list: refresh and send again).
struct SendOutcome {
    bool accepted = false;
    std::int64_t serverTimeMs = 0;
    bool plaintextOnly = false;
    std::vector<DeviceInfo> currentDevices;
};

struct ReceivedEnvelope {
    std::uint64_t id = 0;
    std::string senderAccount;
    std::uint32_t senderDevice = 0;
    Bytes payload;
    bool plaintext = false;
    std::int64_t serverTimeMs = 0;
};

/// A password log-in of a new device waiting for the six-digit code shown on the account's
/// devices (`code` is empty in the events that report its outcome).
struct SignInRequest {
    std::string id;
    std::string code;
    std::string deviceName;
    std::int64_t createdMs = 0;
    std::int64_t expiresMs = 0;
};

struct AccountEvent {
    enum class Kind { DeviceAdded, DeviceRemoved, Unknown, SignInRequested, SignInApproved, SignInDenied };
    std::uint64_t id = 0;
    Kind kind = Kind::Unknown;
    std::uint32_t deviceId = 0;
    std::string deviceName;
    std::int64_t serverTimeMs = 0;
    /// For the SignIn* kinds.
    SignInRequest signIn;
};

/// What a new device sends to log in by password.
struct LoginRequest {
    std::string username;
    std::string password;
    std::string deviceName;
    std::string totpCode;
    /// The code shown on another device for the pending sign-in `signInId`.
    std::string deviceCode;
    std::string signInId;
};

/// The sign-in the relay made for a log-in that needs a code from another device.
struct SignInPending {
    std::string id;
    std::int64_t expiresMs = 0;
};

struct TotpEnrollment {
    Bytes secret;
    std::string otpauthUri;
};

struct UploadInfo {
    std::string blobId;
    std::uint64_t size = 0;
    std::uint64_t received = 0;
    bool complete = false;
    std::int64_t expiresMs = 0;
};

struct LinkAddress {
    std::string address;
    std::chrono::seconds ttl{0};
};

struct LinkToken {
    Bytes token;
    std::chrono::seconds ttl{0};
};

/// Called with bytes done and the total; return false to stop (the transfer can resume later).
using ProgressCallback = std::function<bool(std::uint64_t done, std::uint64_t total)>;

} // namespace lapis::transport
