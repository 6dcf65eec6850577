// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/crypto/Blake2b.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace lapis::crypto {

/// A BLAKE2b over a stream of blocks, computed on a thread of its own so that it overlaps with
/// whatever produces the blocks (encryption, a download). BLAKE2b runs at about 600 MB/s here,
/// slower than the encryption; in line with it, it set the pace of sending and receiving.
/// Blocks are hashed in the order given; at most `maxQueued` wait at a time (bounded memory:
/// update() waits when they do). Not movable: the thread works on this object.
class HashingThread {
public:
    explicit HashingThread(Blake2b hash, std::size_t maxQueued = 4);
    ~HashingThread();
    HashingThread(const HashingThread &) = delete;
    HashingThread &operator=(const HashingThread &) = delete;

    /// Queues a copy of `block`.
    void update(ByteView block);
    /// Waits until every queued block is hashed and returns the digest. Call once.
    Bytes finish();

private:
    void run();

    Blake2b m_hash;
    const std::size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Bytes> m_queue;
    std::vector<Bytes> m_spare; // hashed buffers, reused for the next copies
    bool m_closing = false;
    bool m_busy = false;
    std::thread m_thread;
};

} // namespace lapis::crypto
