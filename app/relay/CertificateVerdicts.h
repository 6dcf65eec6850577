// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayStorage.h"

#include <lapis/crypto/Ed25519.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lapis::relay {

/// Whether a device's certificate verifies against its account key, remembered by the exact bytes
/// of both. Every batch sent to an account checks the same certificates again, and an Ed25519
/// verification costs more than storing the envelope; a changed key or certificate is a different
/// entry, so a remembered verdict is always the one a fresh verification would give.
class CertificateVerdicts {
public:
    bool certified(const crypto::Ed25519PublicKey &accountKey, const std::string &username, const DeviceRecord &device);

private:
    /// Bounds the memory a stream of new devices can take; the next batch verifies again.
    static constexpr std::size_t MaxEntries = 4096;

    std::mutex m_mutex;
    std::unordered_map<std::string, bool> m_verdicts;
};

} // namespace lapis::relay
