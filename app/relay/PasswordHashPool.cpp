// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordHashPool.h"
#include "RelayContext.h"

#include <algorithm>
#include <thread>

namespace lapis::relay {

std::size_t RelayConfig::defaultHashWorkers()
{
    return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

PasswordHashPool::PasswordHashPool(std::size_t workers, std::size_t queue)
    : m_workers(std::max<std::size_t>(1, workers))
    , m_queue(queue)
{}

std::unique_ptr<PasswordHashPool::Turn> PasswordHashPool::acquire()
{
    std::unique_lock lock(m_mutex);
    if (m_running >= m_workers) {
        if (m_waiting >= m_queue)
            return nullptr;
        ++m_waiting;
        m_free.wait(lock, [&] { return m_running < m_workers; });
        --m_waiting;
    }
    ++m_running;
    return std::make_unique<Turn>(*this);
}

void PasswordHashPool::release()
{
    {
        std::lock_guard lock(m_mutex);
        --m_running;
    }
    m_free.notify_one();
}

} // namespace lapis::relay
