// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

namespace lapis::relay {

/// Bounds the password hashes (Argon2id, 64 MiB each) that run at once: at most `workers` run,
/// at most `queue` more wait for a turn, and every call beyond is refused at once. So memory for
/// hashing stays below workers × 64 MiB however many log-ins arrive together.
class PasswordHashPool {
public:
    /// A turn to hash; the next waiting call gets it when this is destroyed.
    class Turn {
    public:
        explicit Turn(PasswordHashPool &pool)
            : m_pool(pool)
        {}
        ~Turn() { m_pool.release(); }
        Turn(const Turn &) = delete;
        Turn &operator=(const Turn &) = delete;

    private:
        PasswordHashPool &m_pool;
    };

    PasswordHashPool(std::size_t workers, std::size_t queue);

    /// A turn (waiting for one while fewer than `queue` calls wait), or null when the pool is full.
    std::unique_ptr<Turn> acquire();

private:
    void release();

    std::size_t m_workers;
    std::size_t m_queue;
    std::size_t m_running = 0;
    std::size_t m_waiting = 0;
    std::mutex m_mutex;
    std::condition_variable m_free;
};

} // namespace lapis::relay
