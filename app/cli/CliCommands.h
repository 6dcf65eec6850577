// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::cli {

/// Runs one parsed command, writing its output to `out`. The error, if any, is for stderr.
Result<void> runCommand(const CliArguments &args, std::ostream &out);

} // namespace lapis::cli
