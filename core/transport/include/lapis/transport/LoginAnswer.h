// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/Types.h>

#include <optional>
#include <string_view>

namespace lapis::transport {

/// The relay's answer to Register, LoginDevice and RegisterLinkedDevice (a serialised
/// `DeviceCredential`), checked before anything keeps it: a valid account name, a device id above
/// 0 and a credential of exactly 32 bytes. Anything else is InvalidArgument, so a broken or
/// hostile relay cannot make a profile store a credential that can never work.
Result<RegisteredDevice> parseDeviceCredential(std::string_view serialized);

/// The pending sign-in in the status details of a refused log-in (a serialised `SignInPending`);
/// nothing when the details hold none or a malformed one.
std::optional<SignInPending> parseSignInPending(std::string_view details);

} // namespace lapis::transport
