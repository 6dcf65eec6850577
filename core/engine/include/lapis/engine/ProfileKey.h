// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

namespace lapis::engine {

/// Opens (or creates) a profile's store: with the passphrase when one is given, otherwise with
/// the key in the OS keychain. Where no keychain answers, Unavailable says to use a passphrase.
/// Blocks; runs a local Qt event loop for the keychain, so call it from a thread with a Qt
/// event dispatcher (the CLI's main thread, or the engine's worker QThread).
Result<std::unique_ptr<store::Store>> openProfileStore(const ProfileOptions &options);

} // namespace lapis::engine
