// SPDX-License-Identifier: GPL-3.0-or-later
// What several lapis-cli command files share: positional arguments, message ids, times, send reports.
#pragma once

#include "CliArguments.h"

#include <lapis/common/Ids.h>

#include <cstdint>
#include <iosfwd>
#include <string>

namespace lapis::engine {
struct SendReport;
} // namespace lapis::engine

namespace lapis::cli {

/// Positional argument `i`, or InvalidArgument "COMMAND needs WHAT".
Result<std::string> needPositional(const CliArguments &args, std::size_t i, const char *what);
/// A message id as send and receive --json print it: 32 hex digits.
Result<MessageId> parseMessageId(const std::string &hex);
/// A time in ISO 8601 UTC, as every command prints times.
std::string timeText(std::int64_t ms);
/// `sent|queued ID e2e|plaintext`, after a warning on stderr per ignored device.
void printSendReport(const engine::SendReport &report, std::ostream &out);

} // namespace lapis::cli
