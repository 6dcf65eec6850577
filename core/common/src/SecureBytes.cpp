// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/SecureBytes.h>

#include <sodium.h>

#include <array>
#include <cstring>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace lapis {

namespace {
void ensureSodium()
{
    // sodium_malloc needs sodium_init (it sets up the page size and canary).
    static const bool initialised = sodium_init() >= 0;
    if (!initialised)
        throw std::bad_alloc();
}

/// Small secrets come from slabs carved out of a few large sodium_malloc'd chunks. sodium_malloc
/// per secret costs an mmap, two mprotects and an munmap each, and every one of those flushes
/// the TLB of all the process's threads: that was the largest single cost of a message (a
/// session's keys are loaded and dropped per message). The chunks keep what matters: locked
/// against swapping where the OS allows and fenced by guard pages as a whole; a slot is wiped
/// when it is given back and again when it is handed out. What is lost is a guard page per
/// secret, so sanitizer builds bypass the pool to keep catching overflows exactly.
class SecretPool {
public:
    static constexpr std::size_t SmallestSlot = 32;
    static constexpr std::size_t LargestSlot = 2048;

    static bool serves(std::size_t size)
    {
#if defined(__SANITIZE_ADDRESS__)
        (void)size;
        return false;
#else
        return size <= LargestSlot;
#endif
    }

    static SecretPool &instance()
    {
        // Never destroyed: secrets in static objects may be released after any other static.
        static auto *pool = new SecretPool;
        return *pool;
    }

    std::uint8_t *take(std::size_t size)
    {
        const std::size_t cls = classOf(size);
        std::lock_guard lock(m_mutex);
        auto &free = m_free[cls];
        if (free.empty() && !grow(cls))
            return nullptr;
        auto *slot = free.back();
        free.pop_back();
        return slot;
    }

    void give(std::uint8_t *slot, std::size_t size)
    {
        const std::size_t cls = classOf(size);
        sodium_memzero(slot, slotSize(cls));
        std::lock_guard lock(m_mutex);
        m_free[cls].push_back(slot);
    }

private:
    static constexpr std::size_t ChunkSize = 64 * 1024;
    static constexpr std::size_t Classes = 7; // 32, 64, …, 2048

    static std::size_t slotSize(std::size_t cls)
    {
        return SmallestSlot << cls;
    }
    static std::size_t classOf(std::size_t size)
    {
        std::size_t cls = 0;
        while (slotSize(cls) < size)
            ++cls;
        return cls;
    }

    bool grow(std::size_t cls)
    {
        auto *chunk = static_cast<std::uint8_t *>(sodium_malloc(ChunkSize));
        if (!chunk)
            return false;
        sodium_memzero(chunk, ChunkSize);
        const std::size_t slot = slotSize(cls);
        for (std::size_t offset = 0; offset + slot <= ChunkSize; offset += slot)
            m_free[cls].push_back(chunk + offset);
        return true;
    }

    std::mutex m_mutex;
    std::array<std::vector<std::uint8_t *>, Classes> m_free;
};

std::uint8_t *allocateSecret(std::size_t size)
{
    ensureSodium();
    auto *data =
        SecretPool::serves(size) ? SecretPool::instance().take(size) : static_cast<std::uint8_t *>(sodium_malloc(size));
    if (!data)
        throw std::bad_alloc();
    return data;
}

void releaseSecret(std::uint8_t *data, std::size_t size)
{
    if (!data)
        return;
    if (SecretPool::serves(size))
        SecretPool::instance().give(data, size);
    else
        sodium_free(data); // wipes before freeing
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
    m_data = allocateSecret(size);
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
    releaseSecret(m_data, m_size);
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        releaseSecret(m_data, m_size);
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
