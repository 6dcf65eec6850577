// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

namespace lapis::crypto {

bool initialise()
{
    // A function-local static is initialised once, thread-safely (C++11 [stmt.dcl]/4);
    // sodium_init itself is also safe to call repeatedly.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

bool constantTimeEqual(ByteView a, ByteView b)
{
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    initialise();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace lapis::crypto
