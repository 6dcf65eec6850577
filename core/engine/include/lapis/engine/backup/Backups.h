// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/ProfileOptions.h>

#include <filesystem>
#include <functional>
#include <string>

namespace lapis::engine {

/// Encrypted backups whose key only the user holds: export, and restore into an empty profile as
/// a new device of the account.
class Backups {
public:
    explicit Backups(EngineContext &context)
        : m_ctx(context)
    {}

    /// Writes an encrypted backup of this profile (account key, relay credential, contacts,
    /// conversations, messages, attachments) to `file` and returns the recovery code that opens
    /// it: shown once, held only by the user, never sent anywhere. The file appears only when
    /// complete. `progress` gets 0..1. Argon2id costs: the context's backupParams.
    Result<std::string> exportBackup(const std::filesystem::path &file,
                                     const std::function<void(double)> &progress = {});
    /// Restores a backup into `target`, which must be an empty or missing folder: checks the
    /// whole file, registers a new device of the account on the relay (certified with the
    /// backed-up account key) and brings back contacts, conversations, messages and attachments.
    /// A wrong code, a damaged or truncated file, or a relay refusal is an error and leaves
    /// `target` exactly as it was.
    static Result<void> importBackup(const ProfileOptions &target, const std::filesystem::path &file,
                                     const std::string &recoveryCode, const std::function<void(double)> &progress = {});

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
