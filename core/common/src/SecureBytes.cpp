// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/SecureBytes.h>

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace lapis {

namespace {
void ensureSodium()
{
    // sodium_malloc needs sodium_init (it sets up the page size and canary).
    static const bool initialised = sodium_init() >= 0;
    if (!initialised)
        throw std::bad_alloc();
}
} // namespace

void secureWipe(void *data, std::size_t size)
{
    if (data && size)
        sodium_memzero(data, size);
}

SecureBytes::SecureBytes(std::size_t size)
{
    if (size == 0)
        return;
    ensureSodium();
    m_data = static_cast<std::uint8_t *>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
    m_size = size;
    sodium_memzero(m_data, size);
}

SecureBytes SecureBytes::copyOf(ByteView bytes)
{
    SecureBytes s(bytes.size());
    if (!bytes.empty())
        std::memcpy(s.m_data, bytes.data(), bytes.size());
    return s;
}

SecureBytes::~SecureBytes()
{
    sodium_free(m_data); // wipes before freeing; accepts nullptr
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBytes SecureBytes::clone() const
{
    return copyOf(view());
}

bool SecureBytes::equals(ByteView other) const
{
    if (other.size() != m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.data(), m_size) == 0;
}

} // namespace lapis
