// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <string>

namespace lapis::engine {

/// How this device reaches its relay: the pinned certificate and the device's credential.
/// Kept in the encrypted store only (the credential logs the device in; the certificate and the
/// address say which relay the user uses).
struct RelayLogin {
    std::string certificatePem;
    SecureBytes credential;
    bool plaintextOnly = false;

    /// version(1) ‖ flags(1) ‖ u32 credential length ‖ credential ‖ u32 PEM length ‖ PEM.
    [[nodiscard]] SecureBytes serialize() const;
    static Result<RelayLogin> deserialize(ByteView bytes);
};

} // namespace lapis::engine
