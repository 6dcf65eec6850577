// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Allocator.h>

#include <cstdlib> // defines __GLIBC__ with glibc

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
#endif
}

} // namespace lapis
