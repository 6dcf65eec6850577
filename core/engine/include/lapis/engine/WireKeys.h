// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/protocol/KemPreKeys.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/transport/Types.h>

namespace lapis::engine {

/// A signed prekey as published to the relay: u32 id (big endian) ‖ public key(32) ‖ signature(64).
Bytes encodeSignedPreKeyForRelay(const protocol::SignedPreKeyRecord &record);

/// An ML-KEM prekey as published to the relay (id, encapsulation key, signature).
transport::KemPreKey kemPreKeyForRelay(const protocol::KemPreKeyRecord &record);

/// A relay's bundle for one device of `account` as the protocol takes it. Corrupt when any part
/// is malformed; whether it is genuine (certificate, signatures, the ML-KEM prekey's size and
/// signature) SessionBuilder checks, and it refuses a bundle whose signed prekey says the device
/// has ML-KEM prekeys when none came with it.
Result<protocol::PreKeyBundle> bundleFromRelay(const crypto::Ed25519PublicKey &accountKey,
                                               const transport::PreKeyBundle &bundle);

} // namespace lapis::engine
