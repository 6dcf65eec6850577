// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/groups/GroupNotice.h>

#include <QString>

namespace lapis::ui {

/// A group's membership notice as people say it, from the reader's side: "alice added dave and
/// erin", "You removed carol", "bob made you an admin", "alice renamed the group to “Crew”".
/// `author` is who made the change; `self` is this account.
QString groupNoticeText(const engine::GroupNotice &notice, const QString &author, const QString &self);

} // namespace lapis::ui
