// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <vector>

/// Genuine inputs made by the fuzz target's fixed world: the seed corpus.
std::vector<lapis::Bytes> lapisFuzzSeeds();
