// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define LAPIS_HAVE_MEMCHECK 1
#endif

namespace lapis::crypto::mlkem {

/// Tells valgrind's memcheck that a value derived from secrets is public from here on (ρ, which
/// goes into the encapsulation key), so that tst_crypto_mlkem_constant_time, which marks the
/// secret inputs undefined, reports only branches and indices on what is really secret. Outside
/// valgrind the client request is a few instructions that do nothing.
inline void declassify([[maybe_unused]] const void *data, [[maybe_unused]] std::size_t size)
{
#ifdef LAPIS_HAVE_MEMCHECK
    VALGRIND_MAKE_MEM_DEFINED(data, size);
#endif
}

/// 0xff when the `size` bytes at a and b are equal, 0 otherwise; reads every byte, no branch.
inline std::uint8_t equalMask(const std::uint8_t *a, const std::uint8_t *b, std::size_t size)
{
    std::uint32_t difference = 0;
    for (std::size_t i = 0; i < size; ++i)
        difference |= static_cast<std::uint32_t>(a[i] ^ b[i]);
    // difference - 1 borrows into bit 31 exactly when difference == 0.
    return static_cast<std::uint8_t>(0u - ((difference - 1u) >> 31));
}

} // namespace lapis::crypto::mlkem
