// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli: changing what was said (issue 20): edit, delete, disappearing, and the events
// receive --json --events prints for them.
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::engine {
class Engine;
struct ReceivedItem;
} // namespace lapis::engine

namespace lapis::cli {

/// edit USER MESSAGE-ID TEXT: prints the send report line (`sent ID e2e`) of the edit.
Result<void> editCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// delete USER MESSAGE-ID [--for-everyone]: `deleted ID` (for me), or the send report line.
Result<void> deleteCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// disappearing USER SECONDS|off: `timer SECONDS|off`, then the send report line.
Result<void> disappearingCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// Whether `item` is one of the events receive --json --events prints (edited, deleted, timer,
/// typing, expired).
bool isPrintedEvent(const engine::ReceivedItem &item);
/// The event as one JSON object on a line: {"event":"edited","id":...,"text":...},
/// {"event":"deleted","id":...}, {"event":"timer","from":...,"seconds":...}, with "from" and
/// "peer" (the conversation) on each; also "typing" (with "started") and "expired".
void printEvent(const engine::ReceivedItem &item, std::ostream &out);

} // namespace lapis::cli
