// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"

#include <lapis/common/Result.h>

#include <string>
#include <vector>

namespace lapis::relay {

/// What `lapis-relay ARGS...` asks for. The documented interface is fixed (scripts depend on it):
///   lapis-relay --data DIR [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]
///               [--database URI] [--blobs DIR]
///   lapis-relay --data DIR admin reset-account USER
///   lapis-relay --data DIR admin migrate-to URI
///   lapis-relay --version | --help
struct Command {
    enum class Kind { Serve, ResetAccount, MigrateTo, Help, Version };
    Kind kind = Kind::Serve;
    RelayConfig config;
    std::string username;
    /// For MigrateTo: the PostgreSQL connection URI to copy into.
    std::string target;
};

Result<Command> parseCommandLine(const std::vector<std::string> &args);
/// The --help text.
std::string usage();
/// Splits HOST:PORT or [V6HOST]:PORT.
Result<std::pair<std::string, int>> parseHostPort(const std::string &text);

} // namespace lapis::relay
