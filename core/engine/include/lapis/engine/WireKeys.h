// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/protocol/PreKeys.h>
#include <lapis/transport/Types.h>

namespace lapis::engine {

/// A signed prekey as published to the relay: u32 id (big endian) ‖ public key(32) ‖ signature(64).
Bytes encodeSignedPreKeyForRelay(const protocol::SignedPreKeyRecord &record);

/// A relay's bundle for one device of `account` as the protocol takes it. Corrupt when any part
/// is malformed; whether it is genuine (certificate, signatures) SessionBuilder checks.
Result<protocol::PreKeyBundle> bundleFromRelay(const crypto::Ed25519PublicKey &accountKey,
                                               const transport::PreKeyBundle &bundle);

} // namespace lapis::engine
