// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace lapis {

/// Overwrites memory with zeros in a way the compiler cannot elide.
void secureWipe(void *data, std::size_t size);

/// Secret bytes of variable size (identity keys, database keys, session keys) in sodium_malloc'd
/// memory, locked against swapping where the OS allows, behind guard pages and wiped on release.
/// Up to 2 KiB they share pooled chunks (SecureBytes.cpp says why); larger ones get their own
/// allocation. Move-only; copy with clone().
class SecureBytes {
public:
    SecureBytes() = default;
    /// `size` zero bytes. Aborts (via the allocator's std::bad_alloc) only when memory is exhausted.
    explicit SecureBytes(std::size_t size);
    /// A copy of `bytes` in secure memory.
    static SecureBytes copyOf(ByteView bytes);
    ~SecureBytes();

    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    SecureBytes(const SecureBytes &) = delete;
    SecureBytes &operator=(const SecureBytes &) = delete;

    [[nodiscard]] SecureBytes clone() const;

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] std::uint8_t *data() { return m_data; }
    [[nodiscard]] const std::uint8_t *data() const { return m_data; }
    [[nodiscard]] ByteView view() const { return {m_data, m_size}; }
    [[nodiscard]] MutableByteView mutableView() { return {m_data, m_size}; }

    /// Constant-time equality (different sizes compare unequal).
    [[nodiscard]] bool equals(ByteView other) const;

private:
    std::uint8_t *m_data = nullptr;
    std::size_t m_size = 0;
};

/// A fixed-size secret held by value (message keys, chain keys, DH outputs): cheap enough for the
/// ratchet's hot path, wiped on destruction and on every overwrite. Copies are explicit.
template<std::size_t N>
class SecretArray {
public:
    static constexpr std::size_t Size = N;

    SecretArray() { m_bytes.fill(0); }
    ~SecretArray() { secureWipe(m_bytes.data(), N); }
    SecretArray(const SecretArray &other) = default;
    SecretArray &operator=(const SecretArray &other) = default;

    /// The first N bytes of `bytes`, which must hold at least N.
    static SecretArray fromView(ByteView bytes)
    {
        SecretArray s;
        std::copy_n(bytes.begin(), N, s.m_bytes.begin());
        return s;
    }

    [[nodiscard]] std::uint8_t *data() { return m_bytes.data(); }
    [[nodiscard]] const std::uint8_t *data() const { return m_bytes.data(); }
    [[nodiscard]] static constexpr std::size_t size() { return N; }
    [[nodiscard]] ByteView view() const { return {m_bytes.data(), N}; }
    [[nodiscard]] std::span<std::uint8_t, N> mutableView() { return std::span<std::uint8_t, N>(m_bytes); }

private:
    std::array<std::uint8_t, N> m_bytes;
};

/// A byte vector wiped when it dies; for secrets of variable size on short-lived paths.
class WipedBytes {
public:
    WipedBytes() = default;
    explicit WipedBytes(std::size_t size)
        : m_bytes(size)
    {}
    explicit WipedBytes(Bytes &&bytes)
        : m_bytes(std::move(bytes))
    {}
    ~WipedBytes() { secureWipe(m_bytes.data(), m_bytes.size()); }
    WipedBytes(WipedBytes &&) noexcept = default;
    WipedBytes &operator=(WipedBytes &&other) noexcept
    {
        secureWipe(m_bytes.data(), m_bytes.size());
        m_bytes = std::move(other.m_bytes);
        return *this;
    }
    WipedBytes(const WipedBytes &) = delete;
    WipedBytes &operator=(const WipedBytes &) = delete;

    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] std::uint8_t *data() { return m_bytes.data(); }
    [[nodiscard]] const std::uint8_t *data() const { return m_bytes.data(); }
    [[nodiscard]] ByteView view() const { return m_bytes; }
    [[nodiscard]] MutableByteView mutableView() { return m_bytes; }
    /// Shrinks without leaving the cut-off tail in memory.
    void truncate(std::size_t size)
    {
        if (size < m_bytes.size()) {
            secureWipe(m_bytes.data() + size, m_bytes.size() - size);
            m_bytes.resize(size);
        }
    }

private:
    Bytes m_bytes;
};

} // namespace lapis
