// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Hmac.h>
#include <lapis/crypto/Sodium.h>

namespace lapis::crypto {

HmacSha256::HmacSha256(ByteView key)
{
    initialise();
    crypto_auth_hmacsha256_init(&m_state, key.data(), key.size());
}

HmacSha256::~HmacSha256()
{
    sodium_memzero(&m_state, sizeof m_state);
}

HmacSha256 &HmacSha256::update(ByteView data)
{
    crypto_auth_hmacsha256_update(&m_state, data.data(), data.size());
    return *this;
}

HmacSha256Tag HmacSha256::finish()
{
    HmacSha256Tag tag;
    crypto_auth_hmacsha256_final(&m_state, tag.data());
    return tag;
}

HmacSha256Tag hmacSha256(ByteView key, ByteView message)
{
    return HmacSha256(key).update(message).finish();
}

bool verifyHmacSha256(ByteView key, ByteView message, ByteView tag)
{
    constexpr std::size_t MinimumTruncatedTag = 16;
    if (tag.size() < MinimumTruncatedTag || tag.size() > HmacSha256::TagSize)
        return false;
    const auto expected = hmacSha256(key, message);
    return constantTimeEqual(expected.view().first(tag.size()), tag);
}

} // namespace lapis::crypto
