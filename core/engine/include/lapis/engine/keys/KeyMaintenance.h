// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

namespace lapis::engine {

/// This device's keys on the relay: the certificate, the signed prekey, the one-time X25519 and
/// ML-KEM prekeys and the last-resort ML-KEM prekey.
class KeyMaintenance {
public:
    explicit KeyMaintenance(EngineContext &context)
        : m_ctx(context)
    {}

    /// Makes and publishes a full set (a new device, or one restored from a backup).
    Result<void> publishKeys();
    /// Rotates the signed prekey when it is due and tops the relay's one-time pools up when they
    /// run low; publishes what changed.
    Result<void> maintainKeys();

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
