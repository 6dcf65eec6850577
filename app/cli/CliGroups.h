// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli: groups (issue 18): group-create, group-send, group-add, group-remove, group-leave,
// group-rename, group-promote, groups, group-members, group-history, and the events receive
// --json --events prints for membership changes.
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::engine {
class Engine;
struct ReceivedItem;
} // namespace lapis::engine

namespace lapis::cli {

/// group-create NAME USER...: `group GROUP-ID`.
Result<void> groupCreateCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-send GROUP-ID TEXT [--reply-to ID] [--allow-plaintext]: `sent|queued ID e2e`.
Result<void> groupSendCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-send-file GROUP-ID PATH [--allow-plaintext]: `sent|queued ID e2e`.
Result<void> groupSendFileCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-receipts GROUP-ID MESSAGE-ID: one line per member, USER<TAB>sent|delivered|read.
Result<void> groupReceiptsCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-add|group-remove|group-promote GROUP-ID USER..., group-leave GROUP-ID, group-rename
/// GROUP-ID NAME: `group GROUP-ID version N`.
Result<void> groupChangeCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// groups: GROUP-ID<TAB>NAME<TAB>MEMBERS<TAB>e2e|plaintext, MEMBERS being how many.
Result<void> groupsCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-members GROUP-ID: USER<TAB>admin|member.
Result<void> groupMembersCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);
/// group-history GROUP-ID [--limit N]: as history prints a conversation.
Result<void> groupHistoryCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// Whether `item` is a group event receive --json --events prints.
bool isGroupEvent(const engine::ReceivedItem &item);
/// {"event":"created|added|removed|left|renamed|promoted","group":...,"by":...,"members":[...]}
/// ("name" too for created and renamed), or {"event":"refused","group","by","reason"}.
void printGroupEvent(const engine::ReceivedItem &item, std::ostream &out);

} // namespace lapis::cli
