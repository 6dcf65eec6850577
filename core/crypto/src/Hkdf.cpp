// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Hkdf.h>
#include <lapis/crypto/Hmac.h>

#include <algorithm>
#include <array>

namespace lapis::crypto {

SecretArray<32> Hkdf::extract(ByteView salt, ByteView ikm)
{
    if (salt.empty()) {
        // RFC 5869: no salt is a salt of HashLen zeros. Its keyed state is the same every time.
        static constexpr std::array<std::uint8_t, HashSize> ZeroSalt{};
        static const HmacSha256 zeroSalt{ByteView(ZeroSalt)};
        return zeroSalt.fork().update(ikm).finish();
    }
    return hmacSha256(salt, ikm);
}

Result<void> Hkdf::expand(ByteView prk, ByteView info, MutableByteView out)
{
    if (out.size() > MaxOutput)
        return fail(ErrorCode::LimitExceeded, "HKDF cannot produce more than 8160 bytes");
    if (prk.size() < HashSize)
        return fail(ErrorCode::InvalidArgument, "The HKDF pseudorandom key must be at least 32 bytes long");
    SecretArray<32> previous;
    std::size_t previousSize = 0;
    std::size_t offset = 0;
    const HmacSha256 keyed(prk);
    for (std::uint8_t counter = 1; offset < out.size(); ++counter) {
        // T(i) = HMAC(PRK, T(i-1) ‖ info ‖ i)
        auto mac = keyed.fork();
        mac.update(previous.view().first(previousSize)).update(info).update(ByteView(&counter, 1));
        previous = mac.finish();
        previousSize = HashSize;
        const auto take = std::min(HashSize, out.size() - offset);
        std::copy_n(previous.data(), take, out.begin() + static_cast<std::ptrdiff_t>(offset));
        offset += take;
    }
    return {};
}

Result<void> Hkdf::derive(ByteView salt, ByteView ikm, ByteView info, MutableByteView out)
{
    if (out.size() > MaxOutput)
        return fail(ErrorCode::LimitExceeded, "HKDF cannot produce more than 8160 bytes");
    const auto prk = extract(salt, ikm);
    return expand(prk.view(), info, out);
}

Result<WipedBytes> Hkdf::derive(ByteView salt, ByteView ikm, ByteView info, std::size_t length)
{
    WipedBytes out(length);
    LAPIS_TRY(derive(salt, ikm, info, out.mutableView()));
    return out;
}

} // namespace lapis::crypto
