// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lapis::cli {

/// A command line split into the global options, the command, its positional arguments and its
/// options. Options take a value unless listed as flags. No option ever asks for keyboard input.
struct CliArguments {
    std::optional<std::string> profile;
    std::optional<std::string> passphraseFile;
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; ///< "--relay" -> "host:port"
    std::set<std::string> flags;                ///< "--json", "--plaintext", ...

    [[nodiscard]] bool has(const std::string &flag) const { return flags.count(flag) != 0; }
    [[nodiscard]] std::optional<std::string> option(const std::string &name) const;
    /// The option's value, or an error that names the missing option.
    [[nodiscard]] Result<std::string> required(const std::string &name) const;

    /// Parses argv (without the program name). Unknown options, a missing value or a missing
    /// command are errors with a message for the user.
    static Result<CliArguments> parse(const std::vector<std::string> &args);
};

std::string usage();

} // namespace lapis::cli
