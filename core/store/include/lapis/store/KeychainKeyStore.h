// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <QString>

#include <functional>

namespace lapis::store {

/// The database key in the OS keychain (Secret Service, macOS Keychain, Windows Credential
/// Manager) through QtKeychain: service "Lapis", one entry per profile.
///
/// QtKeychain jobs are asynchronous and finish through the Qt event loop of the thread that
/// starts them: call these from a thread with a running event loop (the GUI thread is fine, they
/// never block it); the callback runs on that same thread.
///
/// Results: NotFound when the keychain answers but holds no key for the profile; Unavailable when
/// no keychain answers (no session bus, no Secret Service, a locked keyring that cannot prompt),
/// which means: fall back to the passphrase (Store::createWithPassphrase / openWithPassphrase).
class KeychainKeyStore {
public:
    static constexpr const char *Service = "Lapis";

    using KeyCallback = std::function<void(Result<SecureBytes>)>;
    using DoneCallback = std::function<void(Result<void>)>;

    static void load(const QString &profile, KeyCallback done);
    static void save(const QString &profile, ByteView key, DoneCallback done);
    static void remove(const QString &profile, DoneCallback done);
};

} // namespace lapis::store
