// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Sodium.h>

namespace lapis::crypto {

Result<Blake2b> Blake2b::create(std::size_t outputSize, ByteView key)
{
    if (outputSize < MinOutput || outputSize > MaxOutput)
        return fail(ErrorCode::InvalidArgument, "A BLAKE2b output must be 16 to 64 bytes long");
    if (!key.empty() && (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX))
        return fail(ErrorCode::InvalidArgument, "A BLAKE2b key must be 16 to 64 bytes long");
    initialise();
    Blake2b h;
    h.m_outputSize = outputSize;
    crypto_generichash_init(&h.m_state, key.empty() ? nullptr : key.data(), key.size(), outputSize);
    return h;
}

Blake2b::~Blake2b()
{
    sodium_memzero(&m_state, sizeof m_state);
}

Blake2b::Blake2b(Blake2b &&other) noexcept
    : m_state(other.m_state)
    , m_outputSize(other.m_outputSize)
{
    sodium_memzero(&other.m_state, sizeof other.m_state);
}

Blake2b &Blake2b::update(ByteView data)
{
    crypto_generichash_update(&m_state, data.data(), data.size());
    return *this;
}

Bytes Blake2b::finish()
{
    Bytes out(m_outputSize);
    crypto_generichash_final(&m_state, out.data(), out.size());
    return out;
}

Result<Bytes> Blake2b::hash(ByteView data, std::size_t outputSize, ByteView key)
{
    LAPIS_TRY_ASSIGN(auto h, create(outputSize, key));
    return h.update(data).finish();
}

} // namespace lapis::crypto
