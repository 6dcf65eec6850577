// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/crypto/Ed25519.h>

#include <array>
#include <string>

namespace lapis::protocol {

/// The number two people compare to verify each other's account keys (PROTOCOL.md, "Safety
/// numbers"): 60 digits in 12 groups of 5, the same on both sides, plus a QR payload.
class SafetyNumber {
public:
    static constexpr std::uint8_t QrVersion = 1;
    static constexpr std::size_t FingerprintSize = 32;
    static constexpr std::size_t QrPayloadSize = 1 + 2 * FingerprintSize;
    /// Rounds of iterated hashing per side (as Signal's fingerprint uses 5200 of SHA-512).
    static constexpr int Iterations = 5200;

    static SafetyNumber compute(const AccountId &localAccount, const crypto::Ed25519PublicKey &localKey,
                                const AccountId &remoteAccount, const crypto::Ed25519PublicKey &remoteKey);

    /// The 60 digits, no separators.
    [[nodiscard]] const std::string &digits() const { return m_digits; }
    /// 12 groups of 5 digits separated by single spaces.
    [[nodiscard]] std::string displayString() const;

    /// What our QR code shows: version(1) ‖ our fingerprint(32) ‖ their fingerprint(32).
    [[nodiscard]] Bytes qrPayload() const;
    /// Compares a payload scanned from the other person's screen: true when it shows the same
    /// two keys (its "ours" is our "theirs" and vice versa); false for a mismatch; Unsupported
    /// for another version; Corrupt for a payload of the wrong size.
    [[nodiscard]] Result<bool> compareScanned(ByteView scanned) const;

private:
    std::array<std::uint8_t, FingerprintSize> m_local{};
    std::array<std::uint8_t, FingerprintSize> m_remote{};
    std::string m_digits;
};

} // namespace lapis::protocol
