// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Error.h>

#include <QString>

namespace lapis::ui {

/// What the desktop tells a person about an Error, in their language: one sentence per reason
/// that a person acts on differently, otherwise a sentence for the kind of failure. The engine's
/// English message is for logs and for the few kinds where its detail is the point (a file name,
/// a limit), where it follows the translated sentence.
QString errorSentence(const Error &error);

} // namespace lapis::ui
