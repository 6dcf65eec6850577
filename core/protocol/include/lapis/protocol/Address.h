// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>

#include <compare>
#include <functional>
#include <string>

namespace lapis::protocol {

/// One device of one account: what a session is kept per.
struct Address {
    AccountId account;
    DeviceId device;

    friend auto operator<=>(const Address &, const Address &) = default;
    friend bool operator==(const Address &, const Address &) = default;

    /// "account.device", for logs (account ids are not secret to this device's user).
    [[nodiscard]] std::string toString() const;
};

/// Appends the canonical encoding: u8 length ‖ account id UTF-8 ‖ u32 device id (big endian).
/// Account ids longer than MaxAccountIdSize must be rejected before (validateAddress).
void appendAddress(Bytes &out, const Address &address);
/// InvalidArgument for an empty or too long account id or device id 0.
Result<void> validateAddress(const Address &address);

} // namespace lapis::protocol

template<>
struct std::hash<lapis::protocol::Address> {
    std::size_t operator()(const lapis::protocol::Address &a) const noexcept
    {
        return std::hash<std::string>{}(a.account.value()) * 31 + a.device.value();
    }
};
