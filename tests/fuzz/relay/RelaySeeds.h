// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lapis::fuzz {

/// How many request types the first input byte selects among.
inline constexpr int RequestTypes = 16;

/// Valid encodings of each request type, each prefixed with its selector byte.
std::vector<std::string> relaySeeds();

} // namespace lapis::fuzz
