// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::engine {
class Engine;
}

namespace lapis::cli {

/// backup-export FILE: writes an encrypted backup of the open profile; the recovery code is the
/// last line printed (shown this once only).
Result<void> backupExport(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// backup-import FILE --recovery-code CODE: restores into the --profile folder, which must be
/// empty or missing. Runs without opening the profile first (that would create it).
Result<void> backupImport(const CliArguments &args, std::ostream &out);

} // namespace lapis::cli
