// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/SafetyNumber.h>

#include <algorithm>

namespace lapis::protocol {
namespace {

constexpr std::uint16_t FingerprintVersion = 1;

// Iterated hashing makes a brute-force search for a key with a colliding number expensive.
std::array<std::uint8_t, 64> fingerprint(const AccountId &account, const crypto::Ed25519PublicKey &key)
{
    Bytes input;
    input.push_back(static_cast<std::uint8_t>(FingerprintVersion >> 8));
    input.push_back(static_cast<std::uint8_t>(FingerprintVersion));
    wire::append(input, asBytes(label::SafetyNumber));
    wire::append(input, key.bytes());
    input.push_back(static_cast<std::uint8_t>(account.value().size()));
    wire::append(input, asBytes(account.value()));
    auto hash = *crypto::Blake2b::hash(input, 64);
    for (int i = 0; i < SafetyNumber::Iterations; ++i) {
        auto h = crypto::Blake2b::create(64).value();
        h.update(hash).update(key.bytes());
        hash = h.finish();
    }
    std::array<std::uint8_t, 64> out{};
    std::copy_n(hash.begin(), 64, out.begin());
    return out;
}

// 30 digits: six 5-byte big-endian chunks, each mod 100000.
std::string digitsOf(const std::array<std::uint8_t, 64> &hash)
{
    std::string out;
    for (int chunk = 0; chunk < 6; ++chunk) {
        std::uint64_t v = 0;
        for (int i = 0; i < 5; ++i)
            v = (v << 8) | hash[static_cast<std::size_t>(chunk * 5 + i)];
        auto part = std::to_string(v % 100000);
        out += std::string(5 - part.size(), '0') + part;
    }
    return out;
}

} // namespace

SafetyNumber SafetyNumber::compute(const AccountId &localAccount, const crypto::Ed25519PublicKey &localKey,
                                   const AccountId &remoteAccount, const crypto::Ed25519PublicKey &remoteKey)
{
    SafetyNumber n;
    const auto local = fingerprint(localAccount, localKey);
    const auto remote = fingerprint(remoteAccount, remoteKey);
    std::copy_n(local.begin(), FingerprintSize, n.m_local.begin());
    std::copy_n(remote.begin(), FingerprintSize, n.m_remote.begin());
    auto a = digitsOf(local);
    auto b = digitsOf(remote);
    // Sorting the halves makes both sides show the same number.
    n.m_digits = a < b ? a + b : b + a;
    return n;
}

std::string SafetyNumber::displayString() const
{
    std::string out;
    for (std::size_t i = 0; i < m_digits.size(); i += 5) {
        if (i > 0)
            out += ' ';
        out += m_digits.substr(i, 5);
    }
    return out;
}

Bytes SafetyNumber::qrPayload() const
{
    Bytes out;
    out.push_back(QrVersion);
    wire::append(out, m_local);
    wire::append(out, m_remote);
    return out;
}

Result<bool> SafetyNumber::compareScanned(ByteView scanned) const
{
    if (scanned.empty())
        return fail(ErrorCode::Corrupt, "The scanned code is empty");
    if (scanned[0] != QrVersion)
        return fail(ErrorCode::Unsupported, "The scanned code is from another version of Lapis");
    if (scanned.size() != QrPayloadSize)
        return fail(ErrorCode::Corrupt, "The scanned code has the wrong size");
    const bool theirsMatch = crypto::constantTimeEqual(scanned.subspan(1, FingerprintSize), m_remote);
    const bool oursMatch = crypto::constantTimeEqual(scanned.subspan(1 + FingerprintSize), m_local);
    return theirsMatch && oursMatch;
}

} // namespace lapis::protocol
