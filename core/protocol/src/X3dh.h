// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// X3DH key agreement, and PQXDH when a KEM shared secret SS is given (PROTOCOL.md, "Session
// set-up"). Both sides compute SK = HKDF(salt 32 zero bytes, 0xFF×32 ‖ DH1 ‖ DH2 ‖ DH3 [‖ DH4],
// "Lapis X3DH v1", 32), or with SS appended last and PQXDH's info string (label::Pqxdh), in the
// order of Signal's PQXDH specification (rev. 3, section 3.3).

#include <lapis/common/Result.h>
#include <lapis/crypto/X25519.h>

#include <optional>

namespace lapis::protocol::x3dh {

Result<SecretArray<32>> initiator(const crypto::X25519KeyPair &ourIdentity, const crypto::X25519KeyPair &ourEphemeral,
                                  const crypto::X25519PublicKey &theirIdentity,
                                  const crypto::X25519PublicKey &theirSignedPreKey,
                                  const std::optional<crypto::X25519PublicKey> &theirOneTimePreKey,
                                  const SecretArray<32> *kemSharedSecret = nullptr);

Result<SecretArray<32>>
responder(const crypto::X25519KeyPair &ourIdentity, const crypto::X25519KeyPair &ourSignedPreKey,
          const crypto::X25519KeyPair *ourOneTimePreKey, const crypto::X25519PublicKey &theirIdentity,
          const crypto::X25519PublicKey &theirEphemeral, const SecretArray<32> *kemSharedSecret = nullptr);

} // namespace lapis::protocol::x3dh
