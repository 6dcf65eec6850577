// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Hkdf.h>
#include <lapis/crypto/Hmac.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Ratchet.h>

#include <algorithm>

namespace lapis::protocol {

void SessionState::computeBindings()
{
    // Binding both identity keys (in initiator, responder order) and both addresses (in
    // sender, recipient order) makes a message for another device, from another account or
    // reflected back to its sender fail to authenticate.
    const auto &initiatorKey = initiator ? localIdentityKey : remoteIdentityKey;
    const auto &responderKey = initiator ? remoteIdentityKey : localIdentityKey;
    auto bind = [&](const Address &sender, const Address &recipient, std::array<std::uint8_t, 32> &out) {
        Bytes input;
        input.reserve(160);
        wire::append(input, asBytes(label::AssociatedData));
        input.push_back(ProtocolVersion);
        wire::append(input, initiatorKey.bytes());
        wire::append(input, responderKey.bytes());
        appendAddress(input, sender);
        appendAddress(input, recipient);
        auto digest = crypto::Blake2b::hash(input, 32);
        std::copy_n(digest->begin(), 32, out.begin());
    };
    bind(local, remote, sendBinding);
    bind(remote, local, recvBinding);
}

namespace ratchet {
namespace {

constexpr std::uint8_t MessageKeySeed = 0x01;
constexpr std::uint8_t ChainKeySeed = 0x02;

// KDF_RK: (rk', ck) = HKDF(salt = rk, ikm = dh, info = "Lapis Ratchet v1", 64 bytes).
void rootStep(SecretArray<32> &rootKey, const SecretArray<32> &dh, ChainKey &chain)
{
    SecretArray<64> out;
    (void)crypto::Hkdf::derive(rootKey.view(), dh.view(), asBytes(label::RootKdf), out.mutableView());
    rootKey = SecretArray<32>::fromView(out.view().first(32));
    chain.key = SecretArray<32>::fromView(out.view().subspan(32));
    chain.index = 0;
}

// KDF_CK: mk = HMAC(ck, 0x01), ck' = HMAC(ck, 0x02).
SecretArray<32> chainStep(ChainKey &chain)
{
    const crypto::HmacSha256 keyed(chain.key.view());
    auto mk = keyed.fork().update(ByteView(&MessageKeySeed, 1)).finish();
    chain.key = keyed.fork().update(ByteView(&ChainKeySeed, 1)).finish();
    ++chain.index;
    return mk;
}

// The AEAD key (32) and nonce (24) for one message key.
struct MessageSecrets {
    SecretArray<56> bytes;
    [[nodiscard]] ByteView key() const { return bytes.view().first(32); }
    [[nodiscard]] ByteView nonce() const { return bytes.view().subspan(32, 24); }
};

MessageSecrets messageSecrets(const SecretArray<32> &messageKey)
{
    MessageSecrets s;
    (void)crypto::Hkdf::derive({}, messageKey.view(), asBytes(label::MessageKeys), s.bytes.mutableView());
    return s;
}

using AdBuffer = std::array<std::uint8_t, 32 + HeaderSize>;

AdBuffer associatedData(const std::array<std::uint8_t, 32> &binding, ByteView header)
{
    AdBuffer ad;
    std::copy(binding.begin(), binding.end(), ad.begin());
    std::copy_n(header.begin(), HeaderSize, ad.begin() + 32);
    return ad;
}

Result<WipedBytes> open(const SessionState &state, const SecretArray<32> &messageKey, ByteView message)
{
    const auto secrets = messageSecrets(messageKey);
    const auto ad = associatedData(state.recvBinding, message.first(HeaderSize));
    LAPIS_TRY_ASSIGN(Bytes plaintext, crypto::aeadOpen(crypto::AeadAlgorithm::XChaCha20Poly1305, secrets.key(),
                                                       secrets.nonce(), message.subspan(HeaderSize), ad));
    return WipedBytes(std::move(plaintext));
}

void storeSkipped(SessionState &state, const crypto::X25519PublicKey &ratchetKey, ChainKey &chain, std::uint32_t until,
                  std::int64_t now)
{
    while (chain.index < until) {
        const auto index = chain.index;
        auto mk = chainStep(chain);
        state.skipped.push_back(SkippedMessageKey{ratchetKey, index, mk, now});
    }
    // The bound holds at all times: the oldest keys go first.
    if (state.skipped.size() > MaxSkippedKeysPerSession)
        state.skipped.erase(state.skipped.begin(),
                            state.skipped.end() - static_cast<std::ptrdiff_t>(MaxSkippedKeysPerSession));
}

void rememberTheirRatchet(SessionState &state, const crypto::X25519PublicKey &key)
{
    state.previousTheirRatchetKeys.push_back(key);
    if (state.previousTheirRatchetKeys.size() > MaxPreviousRatchetKeys)
        state.previousTheirRatchetKeys.erase(state.previousTheirRatchetKeys.begin());
}

bool isExpired(const SkippedMessageKey &key, std::int64_t now)
{
    return now - key.storedAt > SkippedKeyLifetime;
}

void markReceived(SessionState &state)
{
    state.receivedAny = true;
    state.pendingPreKey.reset();
}

// A message on a ratchet key we have not seen: finish the current receiving chain into
// skipped keys, step the root, then decrypt on the new chain. Works on a copy.
Result<WipedBytes> decryptWithDhStep(SessionState &state, const Header &header, ByteView message, std::int64_t now)
{
    if (state.recvChain && header.previousCounter > state.recvChain->index
        && header.previousCounter - state.recvChain->index > MaxSkipPerChain)
        return fail(ErrorCode::LimitExceeded, "Too many messages were skipped on the previous chain");
    if (header.counter > MaxSkipPerChain)
        return fail(ErrorCode::LimitExceeded, "Too many messages were skipped on the new chain");

    SessionState next = state;
    if (next.recvChain && next.theirRatchet)
        storeSkipped(next, *next.theirRatchet, *next.recvChain, header.previousCounter, now);
    if (next.theirRatchet)
        rememberTheirRatchet(next, *next.theirRatchet);
    LAPIS_TRY_ASSIGN(auto dh, next.ourRatchet.agree(header.ratchetKey));
    ChainKey recv;
    rootStep(next.rootKey, dh, recv);
    next.theirRatchet = header.ratchetKey;
    if (next.sendChain)
        next.previousCounter = next.sendChain->index;
    next.sendChain.reset();
    storeSkipped(next, header.ratchetKey, recv, header.counter, now);
    auto mk = chainStep(recv);
    next.recvChain = recv;
    LAPIS_TRY_ASSIGN(auto plaintext, open(next, mk, message));
    markReceived(next);
    expireSkippedKeys(next, now);
    state = std::move(next);
    return plaintext;
}

} // namespace

Result<Header> parseHeader(ByteView message)
{
    if (message.size() < HeaderSize + TagSize)
        return fail(ErrorCode::Corrupt, "The message is too short");
    if (message[0] != ProtocolVersion)
        return fail(ErrorCode::Unsupported, "Unknown message version");
    Header header;
    header.ratchetKey = *crypto::X25519PublicKey::fromBytes(message.subspan(1, 32));
    header.previousCounter = wire::getU32(message.data() + 33);
    header.counter = wire::getU32(message.data() + 37);
    return header;
}

Result<void> initialiseInitiator(SessionState &state, const SecretArray<32> &sharedSecret,
                                 const crypto::X25519PublicKey &theirSignedPreKey, crypto::RandomSource &rng)
{
    state.rootKey = sharedSecret;
    state.ourRatchet = crypto::X25519KeyPair::generate(rng);
    state.theirRatchet = theirSignedPreKey;
    LAPIS_TRY_ASSIGN(auto dh, state.ourRatchet.agree(theirSignedPreKey));
    ChainKey send;
    rootStep(state.rootKey, dh, send);
    state.sendChain = send;
    state.recvChain.reset();
    state.previousCounter = 0;
    return {};
}

void initialiseResponder(SessionState &state, const SecretArray<32> &sharedSecret,
                         const crypto::X25519KeyPair &ourSignedPreKey)
{
    state.rootKey = sharedSecret;
    state.ourRatchet = ourSignedPreKey;
    state.theirRatchet.reset();
    state.sendChain.reset();
    state.recvChain.reset();
    state.previousCounter = 0;
}

Result<void> encrypt(SessionState &state, ByteView plaintext, crypto::RandomSource &rng, Bytes &out)
{
    if (!state.theirRatchet)
        return fail(ErrorCode::InvalidArgument, "The session cannot send before the peer's first message");
    if (!state.sendChain) {
        // The DH step of this turn: a fresh ratchet key for every turn of the conversation.
        auto ourNext = crypto::X25519KeyPair::generate(rng);
        LAPIS_TRY_ASSIGN(auto dh, ourNext.agree(*state.theirRatchet));
        ChainKey send;
        rootStep(state.rootKey, dh, send);
        state.ourRatchet = std::move(ourNext);
        state.sendChain = send;
    }
    if (state.sendChain->index == UINT32_MAX)
        return fail(ErrorCode::LimitExceeded, "The sending chain is exhausted");
    const auto counter = state.sendChain->index;
    const auto mk = chainStep(*state.sendChain);

    const auto start = out.size();
    out.resize(start + HeaderSize);
    auto *h = out.data() + start;
    h[0] = ProtocolVersion;
    std::copy_n(state.ourRatchet.publicKey().bytes().data(), 32, h + 1);
    wire::putU32(h + 33, state.previousCounter);
    wire::putU32(h + 37, counter);

    const auto secrets = messageSecrets(mk);
    const auto ad = associatedData(state.sendBinding, ByteView(h, HeaderSize));
    LAPIS_TRY_ASSIGN(Bytes sealed, crypto::aeadSeal(crypto::AeadAlgorithm::XChaCha20Poly1305, secrets.key(),
                                                    secrets.nonce(), plaintext, ad));
    out.insert(out.end(), sealed.begin(), sealed.end());
    return {};
}

Result<WipedBytes> decrypt(SessionState &state, ByteView message, std::int64_t now)
{
    LAPIS_TRY_ASSIGN(const Header header, parseHeader(message));

    // A key kept for a message that arrived out of order.
    auto skippedIt = std::find_if(state.skipped.begin(), state.skipped.end(), [&](const SkippedMessageKey &k) {
        return k.index == header.counter && k.ratchetKey == header.ratchetKey;
    });
    if (skippedIt != state.skipped.end() && !isExpired(*skippedIt, now)) {
        LAPIS_TRY_ASSIGN(auto plaintext, open(state, skippedIt->messageKey, message));
        state.skipped.erase(skippedIt);
        markReceived(state);
        expireSkippedKeys(state, now);
        return plaintext;
    }

    if (state.theirRatchet && header.ratchetKey == *state.theirRatchet && state.recvChain) {
        ChainKey chain = *state.recvChain;
        if (header.counter < chain.index)
            return fail(ErrorCode::Duplicate, "The message was received already");
        if (header.counter - chain.index > MaxSkipPerChain)
            return fail(ErrorCode::LimitExceeded, "Too many messages were skipped");
        if (header.counter == chain.index) {
            // The common case, in order: no copy of the state.
            const auto mk = chainStep(chain);
            LAPIS_TRY_ASSIGN(auto plaintext, open(state, mk, message));
            state.recvChain = chain;
            markReceived(state);
            expireSkippedKeys(state, now);
            return plaintext;
        }
        SessionState next = state;
        storeSkipped(next, header.ratchetKey, *next.recvChain, header.counter, now);
        const auto mk = chainStep(*next.recvChain);
        LAPIS_TRY_ASSIGN(auto plaintext, open(next, mk, message));
        markReceived(next);
        expireSkippedKeys(next, now);
        state = std::move(next);
        return plaintext;
    }

    if (std::find(state.previousTheirRatchetKeys.begin(), state.previousTheirRatchetKeys.end(), header.ratchetKey)
        != state.previousTheirRatchetKeys.end())
        return fail(ErrorCode::Duplicate, "The message was received already or its key expired");

    return decryptWithDhStep(state, header, message, now);
}

void expireSkippedKeys(SessionState &state, std::int64_t now)
{
    std::erase_if(state.skipped, [now](const SkippedMessageKey &k) { return isExpired(k, now); });
}

} // namespace ratchet
} // namespace lapis::protocol
