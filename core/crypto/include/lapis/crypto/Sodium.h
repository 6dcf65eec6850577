// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

namespace lapis::crypto {

/// Initialises libsodium exactly once, from any thread. Every wrapper calls it; callers need
/// not, but may to fail early. Returns false only if libsodium cannot start (no entropy source).
bool initialise();

/// Constant-time equality of two byte strings. Different lengths compare unequal (the length
/// itself is not secret).
[[nodiscard]] bool constantTimeEqual(ByteView a, ByteView b);

} // namespace lapis::crypto
