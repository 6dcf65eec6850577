// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/ProfileOptions.h>
#include <lapis/store/Store.h>

#include <cstddef>
#include <functional>
#include <string_view>

namespace lapis::engine {

/// The shortest passphrase a new key file takes, in characters (Unicode code points).
inline constexpr std::size_t MinPassphraseCharacters = 8;

/// InvalidArgument, with a message that says what to choose, when `passphrase` is too weak to
/// protect a new key file (shorter than MinPassphraseCharacters). Checked whenever a passphrase is
/// chosen (a new profile, a restore, a switch from the keychain, a change), never when one opens.
Result<void> checkNewPassphrase(std::string_view passphrase);

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

/// The moments of switching a profile's protection at which a kill leaves the old form and the
/// new one both in place (NewFormStored) or only the new one (OldFormSetAside). A hook returning
/// false stops right there with Cancelled, leaving the files and the keychain as a kill would.
enum class ProtectionStage { NewFormStored, OldFormSetAside };
using ProtectionHook = std::function<bool(ProtectionStage)>;

/// Keychain → passphrase: reads the store key from the keychain, writes the key file wrapped
/// under `passphrase` (atomically, then unwrapped again to check it), and only then removes the
/// keychain entry. A failure before the key file is complete changes nothing. A kill between the
/// two leaves both: the key file wins when the profile is opened. Blocks (Argon2id twice) and
/// needs a Qt event dispatcher on the calling thread, as openProfileStore does.
Result<void> protectProfileWithPassphrase(const std::filesystem::path &profile, std::string_view passphrase,
                                          const crypto::Argon2Params &params, const ProtectionHook &hook = {});
/// Passphrase → keychain: unwraps the store key with `passphrase` (WrongPassphrase otherwise),
/// stores it in the keychain and reads it back, and only then sets the key file aside (one
/// rename), overwrites it with zeros and deletes it. Where no keychain answers, or it does not
/// keep the key, nothing changes (Unavailable, with the keychain's reason).
Result<void> protectProfileWithKeychain(const std::filesystem::path &profile, std::string_view passphrase,
                                        const ProtectionHook &hook = {});

} // namespace lapis::engine
