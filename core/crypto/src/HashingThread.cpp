// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/HashingThread.h>

#include <algorithm>
#include <system_error>

namespace lapis::crypto {

HashingThread::HashingThread(Blake2b hash, std::size_t maxQueued)
    : m_hash(std::move(hash))
    , m_maxQueued(std::max<std::size_t>(1, maxQueued))
{
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error &) {
        // No thread to be had: update() hashes in line, as slow as before but as right.
    }
}

HashingThread::~HashingThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void HashingThread::update(ByteView block)
{
    if (!m_thread.joinable()) {
        m_hash.update(block);
        return;
    }
    Bytes copy;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < m_maxQueued; });
        if (!m_spare.empty()) {
            copy = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    copy.assign(block.begin(), block.end());
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(copy));
    }
    m_changed.notify_all();
}

Bytes HashingThread::finish()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.empty() && !m_busy; });
    return m_hash.finish();
}

void HashingThread::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty())
            return; // closing, and nothing left
        Bytes block = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        m_hash.update(block);
        lock.lock();
        m_busy = false;
        m_spare.push_back(std::move(block));
        m_changed.notify_all();
    }
}

} // namespace lapis::crypto
