// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Allocator.h>

#include <algorithm>
#include <cstdlib> // defines __GLIBC__ with glibc
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lapis {

void keepTransferBuffersInHeap()
{
#if defined(__GLIBC__)
    constexpr int MiB = 1024 * 1024;
    // A fixed threshold above the largest transfer buffer (the dynamic one starts at 128 KiB).
    ::mallopt(M_MMAP_THRESHOLD, 8 * MiB);
    // Free memory a heap keeps before it is given back: a few transfers' buffers.
    ::mallopt(M_TRIM_THRESHOLD, 64 * MiB);
    // A thread's own arena (glibc makes up to 8 per core) gives its pages back when a message is
    // freed whatever the threshold, and the next message faults them in again: gRPC's threads
    // each made one. One arena per core keeps the buffers in use (measured: half the page
    // faults of a transfer, about 10 % faster).
    ::mallopt(M_ARENA_MAX, static_cast<int>(std::max(2U, std::thread::hardware_concurrency())));
#endif
}

} // namespace lapis
