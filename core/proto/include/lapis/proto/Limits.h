// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

/// Sizes and counts every relay request is held to. Both sides use them: the relay refuses what
/// exceeds them, and the client refuses to send it in the first place.
namespace lapis::proto::limits {

/// The largest gRPC message the relay reads; anything larger fails in gRPC before any handler.
inline constexpr std::size_t MaxGrpcMessage = 2 * 1024 * 1024;

inline constexpr std::size_t MinUsername = 3;
inline constexpr std::size_t MaxUsername = 32;
inline constexpr std::size_t MinPassword = 8;
inline constexpr std::size_t MaxPassword = 1024;
inline constexpr std::size_t MaxDeviceName = 64;
inline constexpr std::size_t CredentialSize = 32;
inline constexpr std::size_t LinkTokenSize = 32;

inline constexpr std::size_t MaxCertificate = 1024;
inline constexpr std::size_t MaxSignedPreKey = 1024;
inline constexpr std::size_t MaxOneTimePreKey = 128;
inline constexpr std::size_t MaxOneTimePreKeysPerCall = 200;
/// The most one-time prekeys a device may have waiting on the relay.
inline constexpr std::size_t MaxOneTimePreKeyPool = 1000;
/// ML-KEM-768 prekeys (PQXDH): sizes are exact (FIPS 203 encapsulation key, Ed25519 signature).
/// A KEM key is ~1.2 KiB, so the pool and a call hold fewer than the X25519 ones.
inline constexpr std::size_t KemPreKeySize = 1184;
inline constexpr std::size_t KemPreKeySignatureSize = 64;
inline constexpr std::size_t MaxKemPreKeysPerCall = 100;
inline constexpr std::size_t MaxKemPreKeyPool = 200;

inline constexpr std::size_t MaxEnvelope = 256 * 1024;
inline constexpr std::size_t MaxEnvelopesPerBatch = 100;
inline constexpr std::size_t MaxBatchBytes = 1024 * 1024;
/// The most requests in one SendStreamPack; its bytes are bounded by MaxGrpcMessage.
inline constexpr std::size_t MaxRequestsPerPack = 512;
inline constexpr std::size_t MaxAcksPerMessage = 1000;

/// Attachment bytes per upload or download message: large enough that a 2 GiB blob is ~2,000
/// messages, within MaxGrpcMessage with room for the framing.
inline constexpr std::size_t MaxUploadChunk = 1024 * 1024;
inline constexpr std::uint64_t DefaultMaxAttachment = 2ULL * 1024 * 1024 * 1024;
inline constexpr std::size_t BlobIdLength = 32;

inline constexpr std::size_t LinkAddressLength = 22;
inline constexpr std::size_t MaxLinkBundle = 1024 * 1024;

/// Metadata keys of the per-call device authentication and of error details.
inline constexpr std::string_view MetaAccount = "lapis-account";
inline constexpr std::string_view MetaDevice = "lapis-device";
inline constexpr std::string_view MetaCredential = "lapis-credential";
inline constexpr std::string_view MetaReason = "lapis-reason";
inline constexpr std::string_view MetaRetryAfterMs = "lapis-retry-after-ms";

} // namespace lapis::proto::limits
