// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the hand-encoded formats (PROTOCOL.md): big-endian integers and a bounds-checked
// reader. Kept private: the public API speaks in structs.

#include <lapis/common/Bytes.h>

#include <cstdint>
#include <cstring>
#include <optional>

namespace lapis::protocol::wire {

inline void putU32(std::uint8_t *out, std::uint32_t v)
{
    out[0] = static_cast<std::uint8_t>(v >> 24);
    out[1] = static_cast<std::uint8_t>(v >> 16);
    out[2] = static_cast<std::uint8_t>(v >> 8);
    out[3] = static_cast<std::uint8_t>(v);
}

inline std::uint32_t getU32(const std::uint8_t *in)
{
    return (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) | (std::uint32_t{in[2]} << 8) | in[3];
}

inline void appendU32(Bytes &out, std::uint32_t v)
{
    std::uint8_t b[4];
    putU32(b, v);
    out.insert(out.end(), b, b + 4);
}

inline void appendU64(Bytes &out, std::uint64_t v)
{
    appendU32(out, static_cast<std::uint32_t>(v >> 32));
    appendU32(out, static_cast<std::uint32_t>(v));
}

inline void append(Bytes &out, ByteView v)
{
    out.insert(out.end(), v.begin(), v.end());
}

/// Reads fields front to back; every read fails (nullopt / false) past the end instead of
/// reading out of bounds, so parsers can check once at the end.
class Reader {
public:
    explicit Reader(ByteView data)
        : m_data(data)
    {}

    std::optional<std::uint8_t> u8()
    {
        if (m_pos + 1 > m_data.size())
            return std::nullopt;
        return m_data[m_pos++];
    }
    std::optional<std::uint16_t> u16()
    {
        if (m_pos + 2 > m_data.size())
            return std::nullopt;
        const auto v = static_cast<std::uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return v;
    }
    std::optional<std::uint32_t> u32()
    {
        if (m_pos + 4 > m_data.size())
            return std::nullopt;
        const auto v = getU32(m_data.data() + m_pos);
        m_pos += 4;
        return v;
    }
    std::optional<ByteView> take(std::size_t n)
    {
        if (n > m_data.size() - m_pos)
            return std::nullopt;
        auto v = m_data.subspan(m_pos, n);
        m_pos += n;
        return v;
    }
    [[nodiscard]] ByteView rest() const { return m_data.subspan(m_pos); }
    [[nodiscard]] std::size_t position() const { return m_pos; }

private:
    ByteView m_data;
    std::size_t m_pos = 0;
};

} // namespace lapis::protocol::wire
