// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How SessionController's jobs open the profile's engine and describe it (SessionController.cpp,
// SessionRestore.cpp).

#include "worker/EngineWorker.h"

#include <lapis/engine/Engine.h>

#include <QString>

namespace lapis::ui::session_detail {

struct Opened {
    QString account;
    bool hasAccount = false;
    bool awaitingKeys = false; ///< signed in by a code, not linked yet (the app closed in between)
};

/// Opens the engine unless a job already did (a failed registration keeps the new profile open).
inline Result<void> ensureOpen(EngineWorker::Context &context, const engine::ProfileOptions &options)
{
    if (context.engine)
        return {};
    LAPIS_TRY_ASSIGN(context.engine, engine::Engine::open(options));
    return {};
}

inline Opened describe(const engine::Engine &engine)
{
    return {QString::fromStdString(engine.account().value()), engine.hasAccount(), engine.awaitingKeys()};
}

} // namespace lapis::ui::session_detail
