// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

/// The protocol's constants in one place. PROTOCOL.md (beside this module's CMakeLists.txt)
/// is the spec; these must match it.
namespace lapis::protocol {

/// Version byte of every hand-encoded format (RatchetMessage, PreKeyMessage, certificate
/// signing input, link box, QR payload) and the version field of every protobuf.
inline constexpr std::uint8_t ProtocolVersion = 1;
/// Version byte of a PreKeyMessage that carries an ML-KEM part (PQXDH). Version 1 prekey
/// messages (X3DH only) are still read, but a device that published ML-KEM prekeys refuses them.
inline constexpr std::uint8_t PqxdhPreKeyMessageVersion = 2;
/// The KEM type byte of signed ML-KEM prekeys (PQXDH's EncodeKEM): ML-KEM-768.
inline constexpr std::uint8_t KemTypeMlKem768 = 1;

/// Skipped message keys derived at most per chain (a larger gap is LimitExceeded).
inline constexpr std::uint32_t MaxSkipPerChain = 1000;
/// Skipped message keys kept per session state; the oldest is evicted first.
inline constexpr std::size_t MaxSkippedKeysPerSession = 2000;
/// A skipped message key older than this is dropped (seconds).
inline constexpr std::int64_t SkippedKeyLifetime = 30 * 24 * 3600;
/// How many of the peer's earlier ratchet keys a state remembers, to tell replays apart.
inline constexpr std::size_t MaxPreviousRatchetKeys = 64;
/// Archived (non-current) session states kept per peer device, so late messages on a
/// replaced session still decrypt.
inline constexpr std::size_t MaxArchivedStates = 10;

/// Content is padded to a multiple of this many bytes.
inline constexpr std::size_t PaddingBlock = 160;
/// Largest padded plaintext a message may carry (the relay's limit is larger: attachments
/// travel as blobs).
inline constexpr std::size_t MaxPlaintextSize = 256 * 1024;
/// Longest account id, in UTF-8 bytes.
inline constexpr std::size_t MaxAccountIdSize = 64;
/// Longest excerpt a reply's quote carries, in Unicode code points (so at most 4 times as many
/// bytes): a peer cannot grow a quote beyond it.
inline constexpr std::size_t MaxQuoteExcerptChars = 200;
/// Longest reaction emoji, in UTF-8 bytes (room for a flag or a family sequence, not for text).
inline constexpr std::size_t MaxReactionEmojiSize = 64;
/// Most attachment pointers one message carries: each may be a download of up to the relay's
/// blob limit, so a sender cannot make one message cost a receiver without bound.
inline constexpr std::size_t MaxAttachmentsPerMessage = 32;
/// The longest disappearing-message timer a message may carry (4 weeks, the longest offered).
inline constexpr std::uint32_t MaxExpireTimerSeconds = 4 * 7 * 24 * 3600;

/// A signed prekey older than this is replaced.
inline constexpr std::int64_t SignedPreKeyRotation = 7 * 24 * 3600;
/// A replaced signed prekey is kept this long for late prekey messages.
inline constexpr std::int64_t SignedPreKeyGrace = 30 * 24 * 3600;
/// One-time prekey pool: refilled to Target when it falls below Low.
inline constexpr std::size_t OneTimePreKeyTarget = 100;
inline constexpr std::size_t OneTimePreKeyLow = 20;
/// ML-KEM prekeys follow the same numbers: the last-resort key rotates with SignedPreKeyRotation
/// and is kept SignedPreKeyGrace after its successor; the one-time pool is refilled to
/// OneTimePreKeyTarget when it holds fewer than OneTimePreKeyLow.

/// KDF and signature labels.
namespace label {
inline constexpr std::string_view X3dh = "Lapis X3DH v1";
/// PQXDH's info string: application, curve, hash and KEM (Signal's PQXDH rev. 3, section 2.2).
inline constexpr std::string_view Pqxdh = "Lapis_CURVE25519_SHA-256_ML-KEM-768";
inline constexpr std::string_view KemPreKey = "Lapis KemPreKey v1";
/// A signed prekey signed under this label says "this device also publishes ML-KEM prekeys":
/// an initiator given a bundle without one refuses it instead of falling back to X3DH.
inline constexpr std::string_view SignedPreKeyWithKem = "Lapis SignedPreKey+KEM v1";
inline constexpr std::string_view RootKdf = "Lapis Ratchet v1";
inline constexpr std::string_view MessageKeys = "Lapis MessageKeys v1";
inline constexpr std::string_view AssociatedData = "Lapis AD v1";
inline constexpr std::string_view DeviceCertificate = "Lapis DeviceCertificate v1";
inline constexpr std::string_view SignedPreKey = "Lapis SignedPreKey v1";
inline constexpr std::string_view SafetyNumber = "Lapis SafetyNumber v1";
inline constexpr std::string_view Link = "Lapis Link v1";
inline constexpr std::string_view LinkCode = "Lapis LinkCode v2"; // v2: 15 digits (issue 16, item 5)
} // namespace label

} // namespace lapis::protocol
