// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/account/Accounts.h>

#include <optional>
#include <string>
#include <vector>

namespace lapis::engine::sign_in_history {

/// The store_meta key under which the profile keeps the sign-ins it was told about.
inline constexpr std::string_view MetaKey = "sign_in_history";
/// Enough to review the last months of an account; older entries fall off.
inline constexpr std::size_t MaxEntries = 50;

/// Newest first. A damaged line is skipped: the history is shown, never trusted for anything.
std::vector<SignInRequest> decode(const std::optional<std::string> &stored);
std::string encode(const std::vector<SignInRequest> &history);
/// Adds a decided sign-in at the front unless it is there already (the relay repeats an event
/// whose acknowledgement was lost). Returns whether it was new.
bool record(std::vector<SignInRequest> &history, const SignInRequest &decided);

} // namespace lapis::engine::sign_in_history
