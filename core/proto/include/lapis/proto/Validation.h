// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay.pb.h"

#include <lapis/common/Result.h>

#include <cstddef>
#include <string_view>
#include <vector>

/// Field-by-field checks of every relay request. Each returns InvalidArgument with a reason a
/// person can read; none throws, whatever the bytes. The relay answers a failure with
/// INVALID_ARGUMENT; the client runs the same checks before sending.
namespace lapis::proto {

/// 3..32 of [a-z0-9._-], starting with a letter or digit.
Result<void> validateUsername(std::string_view username);
Result<void> validatePassword(std::string_view password);
/// 1..64 bytes of valid UTF-8 without control characters.
Result<void> validateDeviceName(std::string_view name);
/// Six decimal digits.
Result<void> validateTotpCode(std::string_view code);
/// 16 lowercase hex digits.
Result<void> validateSignInId(std::string_view id);
Result<void> validateBlobId(std::string_view blobId);
Result<void> validateLinkAddress(std::string_view address);

Result<void> validate(const relay::v1::RegisterRequest &request);
Result<void> validate(const relay::v1::LoginDeviceRequest &request);
Result<void> validate(const relay::v1::RegisterLinkedDeviceRequest &request);
Result<void> validate(const relay::v1::TotpCodeRequest &request);
Result<void> validate(const relay::v1::RemoveDeviceRequest &request);
Result<void> validate(const relay::v1::DenySignInRequest &request);
Result<void> validate(const relay::v1::ChangePasswordRequest &request);
Result<void> validate(const relay::v1::PublishDeviceKeysRequest &request);
Result<void> validate(const relay::v1::PreKeyBundlesRequest &request);
Result<void> validate(const relay::v1::SendBatchRequest &request);
/// A batch whose envelopes may reference its pack's shared payloads (their sizes, in order).
Result<void> validate(const relay::v1::SendBatchRequest &request, const std::vector<std::size_t> &sharedPayloadSizes);
Result<void> validate(const relay::v1::SendStreamRequest &request,
                      const std::vector<std::size_t> &sharedPayloadSizes = {});
Result<void> validate(const relay::v1::SendStreamPack &pack);
Result<void> validate(const relay::v1::StreamRequest &request);
Result<void> validate(const relay::v1::CreateUploadRequest &request, std::uint64_t maxAttachment);
Result<void> validate(const relay::v1::UploadChunk &request);
Result<void> validate(const relay::v1::UploadStatusRequest &request);
Result<void> validate(const relay::v1::DownloadRequest &request);
Result<void> validate(const relay::v1::WaitLinkRequest &request);
Result<void> validate(const relay::v1::PostLinkBundleRequest &request);

} // namespace lapis::proto
