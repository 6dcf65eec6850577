// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace lapis {

/// A value of type T that only compares with values of the same Tag, so a device id cannot be
/// passed where a prekey id is expected.
template<typename Tag, typename T>
class StrongId {
public:
    using underlying_type = T;

    constexpr StrongId() = default;
    constexpr explicit StrongId(T value)
        : m_value(std::move(value))
    {}

    [[nodiscard]] constexpr const T &value() const { return m_value; }
    friend constexpr auto operator<=>(const StrongId &, const StrongId &) = default;

private:
    T m_value{};
};

/// An account's name on its relay ("alice"). Usernames are what people type to find each other.
using AccountId = StrongId<struct AccountIdTag, std::string>;
/// A device's number within its account, assigned by the relay; 0 is never a valid device.
using DeviceId = StrongId<struct DeviceIdTag, std::uint32_t>;
/// A signed or one-time prekey's number, unique per device.
using PreKeyId = StrongId<struct PreKeyIdTag, std::uint32_t>;

/// A message's random 128-bit id, used to recognise duplicates.
class MessageId {
public:
    static constexpr std::size_t Size = 16;
    MessageId() { m_bytes.fill(0); }
    explicit MessageId(const std::array<std::uint8_t, Size> &bytes)
        : m_bytes(bytes)
    {}
    /// The id in `bytes`, which must be exactly 16 bytes long.
    static Result<MessageId> fromBytes(ByteView bytes);

    [[nodiscard]] ByteView bytes() const { return m_bytes; }
    [[nodiscard]] std::string toHex() const { return lapis::toHex(m_bytes); }
    [[nodiscard]] bool isNull() const
    {
        return std::all_of(m_bytes.begin(), m_bytes.end(), [](auto b) { return b == 0; });
    }
    friend auto operator<=>(const MessageId &, const MessageId &) = default;

private:
    std::array<std::uint8_t, Size> m_bytes;
};

inline Result<MessageId> MessageId::fromBytes(ByteView bytes)
{
    if (bytes.size() != Size)
        return fail(ErrorCode::InvalidArgument, "A message id must be 16 bytes long");
    std::array<std::uint8_t, Size> a{};
    std::copy(bytes.begin(), bytes.end(), a.begin());
    return MessageId(a);
}

} // namespace lapis

template<typename Tag, typename T>
struct std::hash<lapis::StrongId<Tag, T>> {
    std::size_t operator()(const lapis::StrongId<Tag, T> &id) const noexcept { return std::hash<T>{}(id.value()); }
};

template<>
struct std::hash<lapis::MessageId> {
    std::size_t operator()(const lapis::MessageId &id) const noexcept
    {
        std::size_t h = 0;
        for (auto b : id.bytes())
            h = h * 131 + b;
        return h;
    }
};
