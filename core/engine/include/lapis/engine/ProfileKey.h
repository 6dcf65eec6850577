// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

namespace lapis::engine {

/// Opens (or creates) a profile's store: with the passphrase when one is given, otherwise with
/// the key in the OS keychain. Where no keychain answers, Unavailable says to use a passphrase.
/// Blocks; runs a local Qt event loop for the keychain, so call it from a thread with a Qt
/// event dispatcher (the CLI's main thread, or the engine's worker QThread).
Result<std::unique_ptr<store::Store>> openProfileStore(const ProfileOptions &options);

/// Creates a new, empty store in `staging` for a profile that is moved to `options.directory`
/// once it is complete (a restore builds there, so that a failure leaves the target untouched).
/// With a passphrase the key file travels with the folder. Without one, `keychainKey` receives
/// the new database key for saveProfileKeyToKeychain under the final folder; Unavailable when no
/// keychain answers.
Result<std::unique_ptr<store::Store>>
createStagedProfileStore(const ProfileOptions &options, const std::filesystem::path &staging, SecureBytes &keychainKey);
/// Saves a profile's database key in the OS keychain under the profile's folder.
Result<void> saveProfileKeyToKeychain(const std::filesystem::path &profile, ByteView key);

} // namespace lapis::engine
