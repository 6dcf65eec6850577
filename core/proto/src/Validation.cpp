// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>

#include <set>
#include <string>

namespace lapis::proto {

namespace {

namespace v1 = relay::v1;

Error invalid(std::string reason)
{
    return fail(ErrorCode::InvalidArgument, std::move(reason));
}

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= s.size() && extra > 0)
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past Unicode are not UTF-8.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)
            || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        // Control characters make names that confuse the people who read them.
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return false;
        i += extra + 1;
    }
    return true;
}

Result<void> checkSize(std::size_t size, std::size_t max, const char *what)
{
    if (size > max)
        return invalid(std::string(what) + " is larger than " + std::to_string(max) + " bytes");
    return {};
}

} // namespace

Result<void> validateUsername(std::string_view username)
{
    if (username.size() < limits::MinUsername || username.size() > limits::MaxUsername)
        return invalid("A username must be 3 to 32 characters long");
    for (std::size_t i = 0; i < username.size(); ++i) {
        const char c = username[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return invalid(
                "A username may hold only a-z, 0-9, '.', '_' and '-', and must start with a letter or digit");
    }
    return {};
}

Result<void> validatePassword(std::string_view password)
{
    if (password.size() < limits::MinPassword)
        return invalid("A password must be at least 8 characters long");
    if (password.size() > limits::MaxPassword)
        return invalid("A password must be at most 1024 bytes long");
    return {};
}

Result<void> validateDeviceName(std::string_view name)
{
    if (name.empty() || name.size() > limits::MaxDeviceName)
        return invalid("A device name must be 1 to 64 bytes long");
    if (!isValidUtf8(name))
        return invalid("A device name must be UTF-8 text without control characters");
    return {};
}

Result<void> validateSignInId(std::string_view id)
{
    if (id.size() != 16 || id.find_first_not_of("0123456789abcdef") != std::string_view::npos)
        return invalid("A sign-in request id is 16 lowercase hex digits");
    return {};
}

Result<void> validateTotpCode(std::string_view code)
{
    if (code.size() != 6)
        return invalid("A TOTP code has 6 digits");
    for (char c : code) {
        if (c < '0' || c > '9')
            return invalid("A TOTP code has only digits");
    }
    return {};
}

Result<void> validateBlobId(std::string_view blobId)
{
    if (blobId.size() != limits::BlobIdLength)
        return invalid("A blob id has 32 hexadecimal characters");
    for (char c : blobId) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return invalid("A blob id has only lower-case hexadecimal characters");
    }
    return {};
}

Result<void> validateLinkAddress(std::string_view address)
{
    if (address.size() != limits::LinkAddressLength)
        return invalid("A link address has 22 characters");
    for (char c : address) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return invalid("A link address has only base64url characters");
    }
    return {};
}

Result<void> validate(const v1::RegisterRequest &request)
{
    LAPIS_TRY(validateUsername(request.username()));
    LAPIS_TRY(validatePassword(request.password()));
    return validateDeviceName(request.device_name());
}

Result<void> validate(const v1::LoginDeviceRequest &request)
{
    LAPIS_TRY(validateUsername(request.username()));
    if (request.password().empty() || request.password().size() > limits::MaxPassword)
        return invalid("A password must be 1 to 1024 bytes long");
    if (!request.totp_code().empty())
        LAPIS_TRY(validateTotpCode(request.totp_code()));
    if (!request.device_code().empty()) {
        if (request.device_code().size() != 6
            || request.device_code().find_first_not_of("0123456789") != std::string::npos)
            return invalid("A sign-in code has 6 digits");
        LAPIS_TRY(validateSignInId(request.sign_in_id()));
    } else if (!request.sign_in_id().empty()) {
        return invalid("A sign-in request id comes with its code");
    }
    return validateDeviceName(request.device_name());
}

Result<void> validate(const v1::DenySignInRequest &request)
{
    return validateSignInId(request.id());
}

Result<void> validate(const v1::ChangePasswordRequest &request)
{
    if (request.old_password().empty() || request.old_password().size() > limits::MaxPassword)
        return invalid("A password must be 1 to 1024 bytes long");
    LAPIS_TRY(validatePassword(request.new_password()));
    if (!request.totp_code().empty())
        LAPIS_TRY(validateTotpCode(request.totp_code()));
    return {};
}

Result<void> validate(const v1::RegisterLinkedDeviceRequest &request)
{
    LAPIS_TRY(validateUsername(request.username()));
    if (request.link_token().size() != limits::LinkTokenSize)
        return invalid("A link token is 32 bytes long");
    return validateDeviceName(request.device_name());
}

Result<void> validate(const v1::TotpCodeRequest &request)
{
    return validateTotpCode(request.code());
}

Result<void> validate(const v1::RemoveDeviceRequest &request)
{
    if (request.device_id() == 0)
        return invalid("Device 0 does not exist");
    return {};
}

Result<void> validate(const v1::PublishDeviceKeysRequest &request)
{
    if (!request.account_key().empty() && request.account_key().size() != 32)
        return invalid("The account key must be 32 bytes long");
    LAPIS_TRY(checkSize(request.certificate().size(), limits::MaxCertificate, "The certificate"));
    LAPIS_TRY(checkSize(request.signed_prekey().size(), limits::MaxSignedPreKey, "The signed prekey"));
    if (static_cast<std::size_t>(request.one_time_prekeys_size()) > limits::MaxOneTimePreKeysPerCall)
        return invalid("At most 200 one-time prekeys can be published at once");
    std::set<std::uint32_t> ids;
    for (const auto &key : request.one_time_prekeys()) {
        if (key.public_key().empty())
            return invalid("A one-time prekey is empty");
        LAPIS_TRY(checkSize(key.public_key().size(), limits::MaxOneTimePreKey, "A one-time prekey"));
        if (!ids.insert(key.id()).second)
            return invalid("Two one-time prekeys have the same id");
    }
    if (static_cast<std::size_t>(request.one_time_kem_prekeys_size()) > limits::MaxKemPreKeysPerCall)
        return invalid("At most " + std::to_string(limits::MaxKemPreKeysPerCall)
                       + " one-time ML-KEM prekeys can be published at once");
    std::set<std::uint32_t> kemIds;
    auto checkKemKey = [&](const v1::KemPreKey &key, const char *what) -> Result<void> {
        if (key.public_key().size() != limits::KemPreKeySize)
            return invalid(std::string(what) + " must be an ML-KEM-768 encapsulation key of "
                           + std::to_string(limits::KemPreKeySize) + " bytes");
        if (key.signature().size() != limits::KemPreKeySignatureSize)
            return invalid(std::string(what) + " must carry a 64-byte signature");
        if (!kemIds.insert(key.id()).second)
            return invalid("Two ML-KEM prekeys have the same id");
        return {};
    };
    if (request.has_last_resort_kem_prekey())
        LAPIS_TRY(checkKemKey(request.last_resort_kem_prekey(), "The last-resort ML-KEM prekey"));
    for (const auto &key : request.one_time_kem_prekeys())
        LAPIS_TRY(checkKemKey(key, "A one-time ML-KEM prekey"));
    if (request.account_key().empty() && request.certificate().empty() && request.signed_prekey().empty()
        && request.one_time_prekeys().empty() && !request.has_last_resort_kem_prekey()
        && request.one_time_kem_prekeys().empty())
        return invalid("Nothing to publish");
    return {};
}

Result<void> validate(const v1::PreKeyBundlesRequest &request)
{
    LAPIS_TRY(validateUsername(request.account()));
    if (static_cast<std::size_t>(request.devices_with_session_size()) > limits::MaxEnvelopesPerBatch)
        return fail(ErrorCode::InvalidArgument, "Too many devices in one prekey request");
    return {};
}

Result<void> validate(const v1::SendBatchRequest &request)
{
    return validate(request, std::vector<std::size_t>{});
}

Result<void> validate(const v1::SendBatchRequest &request, const std::vector<std::size_t> &sharedPayloadSizes)
{
    LAPIS_TRY(validateUsername(request.recipient()));
    if (request.envelopes().empty())
        return invalid("A batch holds at least one envelope");
    if (static_cast<std::size_t>(request.envelopes_size()) > limits::MaxEnvelopesPerBatch)
        return invalid("A batch holds at most 100 envelopes");
    std::set<std::uint32_t> devices;
    std::set<std::uint32_t> sharedUsed;
    std::size_t total = 0;
    for (const auto &envelope : request.envelopes()) {
        if (envelope.shared_payload() != 0) {
            // Stored once however many envelopes name it, so it counts once toward the batch.
            if (envelope.shared_payload() > sharedPayloadSizes.size())
                return invalid("An envelope names a shared payload its pack does not hold");
            if (!envelope.payload().empty())
                return invalid("An envelope has either a payload or a shared one");
            if (sharedUsed.insert(envelope.shared_payload()).second)
                total += sharedPayloadSizes[envelope.shared_payload() - 1];
        } else {
            if (envelope.payload().empty())
                return invalid("An envelope is empty");
            LAPIS_TRY(checkSize(envelope.payload().size(), limits::MaxEnvelope, "An envelope"));
            total += envelope.payload().size();
        }
        if (!devices.insert(envelope.recipient_device()).second)
            return invalid("Two envelopes are for the same device");
        if (envelope.recipient_device() == 0 && !envelope.plaintext())
            return invalid("Only a plaintext envelope can be addressed to an account without devices");
    }
    if (devices.count(0) != 0 && devices.size() != 1)
        return invalid("An envelope for an account without devices must be the batch's only one");
    return checkSize(total, limits::MaxBatchBytes, "The batch");
}

Result<void> validate(const v1::SendStreamRequest &request, const std::vector<std::size_t> &sharedPayloadSizes)
{
    if (!request.has_batch())
        return invalid("A send stream request carries a batch");
    return validate(request.batch(), sharedPayloadSizes);
}

Result<void> validate(const v1::SendStreamPack &pack)
{
    // The requests are checked one by one as they are answered: one broken batch fails alone.
    if (pack.requests().empty())
        return invalid("A send stream pack holds at least one request");
    if (static_cast<std::size_t>(pack.requests_size()) > limits::MaxRequestsPerPack)
        return invalid("A send stream pack holds at most 512 requests");
    if (static_cast<std::size_t>(pack.shared_payloads_size()) > limits::MaxRequestsPerPack)
        return invalid("A send stream pack holds at most 512 shared payloads");
    for (const auto &payload : pack.shared_payloads()) {
        if (payload.empty())
            return invalid("A shared payload is empty");
        LAPIS_TRY(checkSize(payload.size(), limits::MaxEnvelope, "A shared payload"));
    }
    return {};
}

Result<void> validate(const v1::StreamRequest &request)
{
    if (request.item_case() != v1::StreamRequest::kAck)
        return invalid("A stream request must be an ack");
    if (request.ack().ids().empty())
        return invalid("An ack names at least one envelope");
    if (static_cast<std::size_t>(request.ack().ids_size()) > limits::MaxAcksPerMessage)
        return invalid("An ack names at most 1000 envelopes");
    return {};
}

Result<void> validate(const v1::CreateUploadRequest &request, std::uint64_t maxAttachment)
{
    if (request.size() == 0)
        return invalid("An attachment is not empty");
    if (request.size() > maxAttachment)
        return fail(ErrorCode::LimitExceeded,
                    "The attachment is larger than this relay's limit of " + std::to_string(maxAttachment) + " bytes");
    return {};
}

Result<void> validate(const v1::UploadChunk &request)
{
    if (!request.blob_id().empty())
        LAPIS_TRY(validateBlobId(request.blob_id()));
    return checkSize(request.data().size(), limits::MaxUploadChunk, "An upload chunk");
}

Result<void> validate(const v1::UploadStatusRequest &request)
{
    return validateBlobId(request.blob_id());
}
Result<void> validate(const v1::DownloadRequest &request)
{
    return validateBlobId(request.blob_id());
}
Result<void> validate(const v1::WaitLinkRequest &request)
{
    return validateLinkAddress(request.address());
}

Result<void> validate(const v1::PostLinkBundleRequest &request)
{
    LAPIS_TRY(validateLinkAddress(request.address()));
    if (request.sealed_bundle().empty())
        return invalid("A link bundle is empty");
    return checkSize(request.sealed_bundle().size(), limits::MaxLinkBundle, "The link bundle");
}

} // namespace lapis::proto
