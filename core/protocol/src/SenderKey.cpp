// SPDX-License-Identifier: GPL-3.0-or-later
// Sender keys: one symmetric ratchet per device and group, each message signed (PROTOCOL.md §15).
#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Hkdf.h>
#include <lapis/crypto/Hmac.h>
#include <lapis/protocol/SenderKey.h>

#include <algorithm>

namespace lapis::protocol {

namespace {

constexpr std::uint8_t MessageVersion = 1;
constexpr std::uint8_t StateVersion = 1;
constexpr std::size_t HeaderSize = 1 + 16 + 4;
constexpr std::size_t SignatureSize = 64;
constexpr std::size_t TagSize = 16;

void putU32(Bytes &out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t getU32(ByteView in)
{
    return (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) | (std::uint32_t{in[2]} << 8) | in[3];
}

/// The message key at `chainKey` and the chain key after it (Signal's sender-key ratchet).
SecretArray<32> messageSeed(const SecretArray<32> &chainKey)
{
    static constexpr std::uint8_t one = 0x01;
    return crypto::hmacSha256(chainKey.view(), ByteView(&one, 1));
}

SecretArray<32> nextChainKey(const SecretArray<32> &chainKey)
{
    static constexpr std::uint8_t two = 0x02;
    return crypto::hmacSha256(chainKey.view(), ByteView(&two, 1));
}

/// The XChaCha20-Poly1305 key and nonce of one message.
Result<WipedBytes> messageKeys(const SecretArray<32> &seed)
{
    static constexpr std::string_view info = "Lapis sender key message v1";
    return crypto::Hkdf::derive({}, seed.view(), asBytes(info), 32 + 24);
}

Bytes signedPart(ByteView associatedData, ByteView headerAndCiphertext)
{
    Bytes out;
    putU32(out, static_cast<std::uint32_t>(associatedData.size()));
    out.insert(out.end(), associatedData.begin(), associatedData.end());
    out.insert(out.end(), headerAndCiphertext.begin(), headerAndCiphertext.end());
    return out;
}

} // namespace

WipedBytes SenderKeyDistribution::serialize() const
{
    Bytes out{1};
    out.insert(out.end(), group.bytes().begin(), group.bytes().end());
    out.insert(out.end(), keyId.begin(), keyId.end());
    putU32(out, iteration);
    out.insert(out.end(), chainKey.view().begin(), chainKey.view().end());
    out.insert(out.end(), signingKey.bytes().begin(), signingKey.bytes().end());
    return WipedBytes(std::move(out));
}

Result<SenderKeyDistribution> SenderKeyDistribution::deserialize(ByteView bytes)
{
    if (bytes.size() != 1 + 16 + 16 + 4 + 32 + 32 || bytes[0] != 1)
        return fail(ErrorCode::Corrupt, "The sender key is damaged");
    SenderKeyDistribution d;
    LAPIS_TRY_ASSIGN(d.group, MessageId::fromBytes(bytes.subspan(1, 16)));
    std::copy_n(bytes.begin() + 17, 16, d.keyId.begin());
    d.iteration = getU32(bytes.subspan(33, 4));
    d.chainKey = SecretArray<32>::fromView(bytes.subspan(37, 32));
    auto key = crypto::Ed25519PublicKey::fromBytes(bytes.subspan(69, 32));
    if (!key.ok())
        return fail(ErrorCode::Corrupt, "The sender key is damaged");
    d.signingKey = *key;
    return d;
}

SenderKeySender::SenderKeySender(const GroupId &group, const SenderKeyId &keyId, std::uint32_t iteration,
                                 const SecretArray<32> &chainKey, crypto::Ed25519KeyPair signing)
    : m_group(group)
    , m_keyId(keyId)
    , m_iteration(iteration)
    , m_chainKey(chainKey)
    , m_signing(std::move(signing))
{}

SenderKeySender SenderKeySender::create(const GroupId &group, crypto::RandomSource &rng)
{
    SenderKeyId keyId{};
    rng.fill(keyId);
    SecretArray<32> chainKey;
    rng.fill(chainKey.mutableView());
    return SenderKeySender(group, keyId, 0, chainKey, crypto::Ed25519KeyPair::generate(rng));
}

SenderKeyDistribution SenderKeySender::distribution() const
{
    return SenderKeyDistribution{m_group, m_keyId, m_iteration, m_chainKey, m_signing.publicKey()};
}

Result<Bytes> SenderKeySender::encrypt(ByteView plaintext, ByteView associatedData)
{
    if (m_iteration == UINT32_MAX)
        return fail(ErrorCode::LimitExceeded, "This sender key is used up: a new one is needed");
    const auto seed = messageSeed(m_chainKey);
    LAPIS_TRY_ASSIGN(auto keys, messageKeys(seed));
    Bytes message{MessageVersion};
    message.insert(message.end(), m_keyId.begin(), m_keyId.end());
    putU32(message, m_iteration);
    const Bytes header(message.begin(), message.end());
    Bytes ad = signedPart(associatedData, header);
    LAPIS_TRY_ASSIGN(auto sealed, crypto::aeadSeal(crypto::AeadAlgorithm::XChaCha20Poly1305, keys.view().first(32),
                                                   keys.view().subspan(32, 24), plaintext, ad));
    message.insert(message.end(), sealed.begin(), sealed.end());
    const auto signature = m_signing.sign(signedPart(associatedData, message));
    message.insert(message.end(), signature.begin(), signature.end());
    m_chainKey = nextChainKey(m_chainKey);
    ++m_iteration;
    return message;
}

WipedBytes SenderKeySender::serialize() const
{
    Bytes out{StateVersion};
    out.insert(out.end(), m_group.bytes().begin(), m_group.bytes().end());
    out.insert(out.end(), m_keyId.begin(), m_keyId.end());
    putU32(out, m_iteration);
    out.insert(out.end(), m_chainKey.view().begin(), m_chainKey.view().end());
    out.insert(out.end(), m_signing.seed().begin(), m_signing.seed().end());
    return WipedBytes(std::move(out));
}

Result<SenderKeySender> SenderKeySender::deserialize(ByteView bytes)
{
    if (bytes.size() != 1 + 16 + 16 + 4 + 32 + 32 || bytes[0] != StateVersion)
        return fail(ErrorCode::Corrupt, "A stored sender key is damaged");
    LAPIS_TRY_ASSIGN(auto group, MessageId::fromBytes(bytes.subspan(1, 16)));
    SenderKeyId keyId{};
    std::copy_n(bytes.begin() + 17, 16, keyId.begin());
    LAPIS_TRY_ASSIGN(auto signing, crypto::Ed25519KeyPair::fromSeed(bytes.subspan(69, 32)));
    return SenderKeySender(group, keyId, getU32(bytes.subspan(33, 4)), SecretArray<32>::fromView(bytes.subspan(37, 32)),
                           std::move(signing));
}

SenderKeyReceiver SenderKeyReceiver::fromDistribution(const SenderKeyDistribution &distribution)
{
    SenderKeyReceiver r;
    r.m_group = distribution.group;
    r.m_keyId = distribution.keyId;
    r.m_iteration = distribution.iteration;
    r.m_chainKey = distribution.chainKey;
    r.m_signingKey = distribution.signingKey;
    return r;
}

Result<SenderKeyId> senderKeyIdOf(ByteView message)
{
    if (message.size() < HeaderSize + TagSize + SignatureSize || message[0] != MessageVersion)
        return fail(ErrorCode::Corrupt, "The group message is malformed");
    SenderKeyId id{};
    std::copy_n(message.begin() + 1, 16, id.begin());
    return id;
}

Result<WipedBytes> SenderKeyReceiver::decrypt(ByteView message, ByteView associatedData)
{
    LAPIS_TRY_ASSIGN(const auto keyId, senderKeyIdOf(message));
    if (keyId != m_keyId)
        return fail(ErrorCode::NotFound, "The group message is from another sender key");
    const auto signed_ = message.first(message.size() - SignatureSize);
    if (!m_signingKey.verify(signedPart(associatedData, signed_), message.last(SignatureSize)))
        return fail(ErrorCode::AuthenticationFailed, "The group message's signature is not its sender's");
    const auto iteration = getU32(message.subspan(17, 4));
    // Work on copies: the chain moves on only once the message opened.
    SecretArray<32> seed;
    SecretArray<32> chainKey = m_chainKey;
    std::map<std::uint32_t, SecretArray<32>> skipped;
    if (iteration < m_iteration) {
        const auto it = m_skipped.find(iteration);
        if (it == m_skipped.end())
            return fail(ErrorCode::AuthenticationFailed, "The group message was read already (a replay) or is too old");
        seed = it->second;
    } else {
        if (iteration - m_iteration > MaxSenderKeySkip)
            return fail(ErrorCode::LimitExceeded, "The group message is too far ahead in its sender's chain");
        for (std::uint32_t i = m_iteration; i < iteration; ++i) {
            skipped.emplace(i, messageSeed(chainKey));
            chainKey = nextChainKey(chainKey);
        }
        seed = messageSeed(chainKey);
        chainKey = nextChainKey(chainKey);
    }
    LAPIS_TRY_ASSIGN(auto keys, messageKeys(seed));
    const auto header = message.first(HeaderSize);
    const auto sealed = message.subspan(HeaderSize, message.size() - HeaderSize - SignatureSize);
    auto opened = crypto::aeadOpen(crypto::AeadAlgorithm::XChaCha20Poly1305, keys.view().first(32),
                                   keys.view().subspan(32, 24), sealed, signedPart(associatedData, header));
    if (!opened.ok())
        return fail(ErrorCode::AuthenticationFailed, "The group message was altered");
    if (iteration < m_iteration) {
        m_skipped.erase(iteration); // used once
    } else {
        m_skipped.merge(skipped);
        m_chainKey = chainKey;
        m_iteration = iteration + 1;
        while (m_skipped.size() > MaxSenderKeySkipped)
            m_skipped.erase(m_skipped.begin());
    }
    return WipedBytes(std::move(opened).value());
}

WipedBytes SenderKeyReceiver::serialize() const
{
    Bytes out{StateVersion};
    out.insert(out.end(), m_group.bytes().begin(), m_group.bytes().end());
    out.insert(out.end(), m_keyId.begin(), m_keyId.end());
    putU32(out, m_iteration);
    out.insert(out.end(), m_chainKey.view().begin(), m_chainKey.view().end());
    out.insert(out.end(), m_signingKey.bytes().begin(), m_signingKey.bytes().end());
    putU32(out, static_cast<std::uint32_t>(m_skipped.size()));
    for (const auto &[iteration, seed] : m_skipped) {
        putU32(out, iteration);
        out.insert(out.end(), seed.view().begin(), seed.view().end());
    }
    return WipedBytes(std::move(out));
}

Result<SenderKeyReceiver> SenderKeyReceiver::deserialize(ByteView bytes)
{
    const auto damaged = fail(ErrorCode::Corrupt, "A stored sender key is damaged");
    constexpr std::size_t fixed = 1 + 16 + 16 + 4 + 32 + 32 + 4;
    if (bytes.size() < fixed || bytes[0] != StateVersion)
        return damaged;
    SenderKeyReceiver r;
    LAPIS_TRY_ASSIGN(r.m_group, MessageId::fromBytes(bytes.subspan(1, 16)));
    std::copy_n(bytes.begin() + 17, 16, r.m_keyId.begin());
    r.m_iteration = getU32(bytes.subspan(33, 4));
    r.m_chainKey = SecretArray<32>::fromView(bytes.subspan(37, 32));
    auto key = crypto::Ed25519PublicKey::fromBytes(bytes.subspan(69, 32));
    if (!key.ok())
        return damaged;
    r.m_signingKey = *key;
    const auto count = getU32(bytes.subspan(101, 4));
    if (count > MaxSenderKeySkipped || bytes.size() != fixed + std::size_t{count} * 36)
        return damaged;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto entry = bytes.subspan(fixed + std::size_t{i} * 36, 36);
        r.m_skipped.emplace(getU32(entry.first(4)), SecretArray<32>::fromView(entry.subspan(4, 32)));
    }
    return r;
}

Bytes senderKeyAssociatedData(const GroupId &group, const Address &sender)
{
    Bytes out(group.bytes().begin(), group.bytes().end());
    appendAddress(out, sender);
    return out;
}

} // namespace lapis::protocol
