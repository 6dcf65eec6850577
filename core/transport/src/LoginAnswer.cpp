// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay.pb.h"

#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>
#include <lapis/transport/LoginAnswer.h>

namespace lapis::transport {

Result<RegisteredDevice> parseDeviceCredential(std::string_view serialized)
{
    relay::v1::DeviceCredential c;
    if (!c.ParseFromArray(serialized.data(), static_cast<int>(serialized.size())))
        return fail(ErrorCode::InvalidArgument, "The relay's answer to the log-in is not a device credential");
    if (!proto::validateUsername(c.username()).ok() || c.device_id() == 0
        || c.credential().size() != proto::limits::CredentialSize)
        return fail(ErrorCode::InvalidArgument, "The relay sent a malformed device credential");
    return RegisteredDevice{DeviceCredentials{c.username(), c.device_id(), toBytes(c.credential())},
                            c.plaintext_only()};
}

std::optional<SignInPending> parseSignInPending(std::string_view details)
{
    relay::v1::SignInPending made;
    if (details.empty() || !made.ParseFromArray(details.data(), static_cast<int>(details.size()))
        || !proto::validateSignInId(made.id()).ok() || made.expires_ms() <= 0)
        return std::nullopt;
    return SignInPending{made.id(), made.expires_ms()};
}

} // namespace lapis::transport
