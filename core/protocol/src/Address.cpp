// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/protocol/Address.h>
#include <lapis/protocol/Limits.h>

namespace lapis::protocol {

std::string Address::toString() const
{
    return account.value() + "." + std::to_string(device.value());
}

void appendAddress(Bytes &out, const Address &address)
{
    const auto &name = address.account.value();
    out.push_back(static_cast<std::uint8_t>(name.size()));
    out.insert(out.end(), name.begin(), name.end());
    wire::appendU32(out, address.device.value());
}

Result<void> validateAddress(const Address &address)
{
    if (address.account.value().empty() || address.account.value().size() > MaxAccountIdSize)
        return fail(ErrorCode::InvalidArgument, "An account id must be 1 to 64 bytes long");
    if (address.device.value() == 0)
        return fail(ErrorCode::InvalidArgument, "Device id 0 is not valid");
    return {};
}

} // namespace lapis::protocol
