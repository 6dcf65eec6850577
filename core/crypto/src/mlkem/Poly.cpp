// SPDX-License-Identifier: GPL-3.0-or-later
#include "Poly.h"
#include "Sha3.h"

#include <vector>

namespace lapis::crypto::mlkem {

namespace {

constexpr std::uint32_t powMod(std::uint32_t base, std::uint32_t exponent)
{
    std::uint32_t result = 1;
    for (std::uint32_t i = 0; i < exponent; ++i)
        result = result * base % Q;
    return result;
}

constexpr std::uint32_t bitReverse7(std::uint32_t i)
{
    std::uint32_t r = 0;
    for (int b = 0; b < 7; ++b)
        r |= ((i >> b) & 1u) << (6 - b);
    return r;
}

/// ζ^BitRev7(i) for the NTT layers and ζ^(2·BitRev7(i)+1) for the base-case products, ζ = 17;
/// indexed by loop counters only, never by a coefficient.
constexpr auto Zetas = [] {
    std::array<std::uint16_t, 128> t{};
    for (std::uint32_t i = 0; i < 128; ++i)
        t[i] = static_cast<std::uint16_t>(powMod(17, bitReverse7(i)));
    return t;
}();
constexpr auto Gammas = [] {
    std::array<std::uint16_t, 128> t{};
    for (std::uint32_t i = 0; i < 128; ++i)
        t[i] = static_cast<std::uint16_t>(powMod(17, 2 * bitReverse7(i) + 1));
    return t;
}();
constexpr std::uint32_t InverseNttScale = 3303; // 128^-1 mod q

inline std::uint16_t addMod(std::uint16_t a, std::uint16_t b)
{
    std::int32_t r = std::int32_t{a} + b - Q;
    r += (r >> 31) & Q;
    return static_cast<std::uint16_t>(r);
}

inline std::uint16_t subtractMod(std::uint16_t a, std::uint16_t b)
{
    std::int32_t r = std::int32_t{a} - b;
    r += (r >> 31) & Q;
    return static_cast<std::uint16_t>(r);
}

inline std::uint16_t multiplyMod(std::uint16_t a, std::uint16_t b)
{
    return reduce(std::uint32_t{a} * b);
}

/// Little-endian bit packing of `count` values of `bits` bits each (ByteEncode_d).
void packBits(const std::uint16_t *values, std::size_t count, unsigned bits, std::uint8_t *out)
{
    std::uint64_t buffer = 0;
    unsigned held = 0;
    for (std::size_t i = 0; i < count; ++i) {
        buffer |= std::uint64_t{values[i]} << held;
        held += bits;
        while (held >= 8) {
            *out++ = static_cast<std::uint8_t>(buffer);
            buffer >>= 8;
            held -= 8;
        }
    }
}

/// The inverse of packBits (ByteDecode_d before any reduction).
void unpackBits(const std::uint8_t *in, std::size_t count, unsigned bits, std::uint16_t *values)
{
    std::uint64_t buffer = 0;
    unsigned held = 0;
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    for (std::size_t i = 0; i < count; ++i) {
        while (held < bits) {
            buffer |= std::uint64_t{*in++} << held;
            held += 8;
        }
        values[i] = static_cast<std::uint16_t>(buffer & mask);
        buffer >>= bits;
        held -= bits;
    }
}

} // namespace

Poly add(const Poly &a, const Poly &b)
{
    Poly r;
    for (std::size_t i = 0; i < N; ++i)
        r[i] = addMod(a[i], b[i]);
    return r;
}

Poly subtract(const Poly &a, const Poly &b)
{
    Poly r;
    for (std::size_t i = 0; i < N; ++i)
        r[i] = subtractMod(a[i], b[i]);
    return r;
}

void ntt(Poly &f)
{
    std::size_t i = 1;
    for (std::size_t len = 128; len >= 2; len /= 2) {
        for (std::size_t start = 0; start < N; start += 2 * len) {
            const std::uint16_t zeta = Zetas[i++];
            for (std::size_t j = start; j < start + len; ++j) {
                const std::uint16_t t = multiplyMod(zeta, f[j + len]);
                f[j + len] = subtractMod(f[j], t);
                f[j] = addMod(f[j], t);
            }
        }
    }
}

void inverseNtt(Poly &f)
{
    std::size_t i = 127;
    for (std::size_t len = 2; len <= 128; len *= 2) {
        for (std::size_t start = 0; start < N; start += 2 * len) {
            const std::uint16_t zeta = Zetas[i--];
            for (std::size_t j = start; j < start + len; ++j) {
                const std::uint16_t t = f[j];
                f[j] = addMod(t, f[j + len]);
                f[j + len] = multiplyMod(zeta, subtractMod(f[j + len], t));
            }
        }
    }
    for (auto &c : f)
        c = multiplyMod(c, InverseNttScale);
}

Poly multiplyNtts(const Poly &f, const Poly &g)
{
    return innerProductNtt(PolyVec{f, Poly{}, Poly{}}, PolyVec{g, Poly{}, Poly{}});
}

Poly innerProductNtt(const PolyVec &a, const PolyVec &b)
{
    // Each term of a base-case product is below 2q², so K = 3 of them sum below 2^32 and one
    // reduction per coefficient suffices.
    Poly r;
    for (std::size_t i = 0; i < N / 2; ++i) {
        std::uint32_t even = 0;
        std::uint32_t odd = 0;
        for (std::size_t k = 0; k < K; ++k) {
            const std::uint32_t a0 = a[k][2 * i], a1 = a[k][2 * i + 1];
            const std::uint32_t b0 = b[k][2 * i], b1 = b[k][2 * i + 1];
            even += a0 * b0 + std::uint32_t{reduce(a1 * b1)} * Gammas[i];
            odd += a0 * b1 + a1 * b0;
        }
        r[2 * i] = reduce(even);
        r[2 * i + 1] = reduce(odd);
    }
    return r;
}

Poly sampleNtt(ByteView rho, std::uint8_t j, std::uint8_t i)
{
    const std::uint8_t indices[2] = {j, i};
    // Three SHAKE-128 blocks suffice about 99 times in 100; OpenSSL 3.0 squeezes only once, so a
    // longer prefix of the same stream is asked for when they do not (the "unlucky" vectors).
    std::vector<std::uint8_t> stream(3 * 168);
    shake128({rho, ByteView(indices, 2)}, stream);
    Poly a{};
    std::size_t count = 0;
    std::size_t pos = 0;
    while (count < N) {
        if (pos + 3 > stream.size()) {
            stream.resize(stream.size() * 2);
            shake128({rho, ByteView(indices, 2)}, stream);
        }
        const std::uint16_t d1 = stream[pos] | static_cast<std::uint16_t>((stream[pos + 1] & 0x0f) << 8);
        const std::uint16_t d2 = (stream[pos + 1] >> 4) | static_cast<std::uint16_t>(stream[pos + 2] << 4);
        pos += 3;
        if (d1 < Q)
            a[count++] = d1;
        if (d2 < Q && count < N)
            a[count++] = d2;
    }
    return a;
}

Matrix sampleMatrix(ByteView rho, bool transposed)
{
    Matrix m;
    for (std::uint8_t i = 0; i < K; ++i)
        for (std::uint8_t j = 0; j < K; ++j)
            m[i][j] = transposed ? sampleNtt(rho, i, j) : sampleNtt(rho, j, i);
    return m;
}

Poly sampleCbd2(ByteView seed, std::uint8_t nonce)
{
    Wiped<std::array<std::uint8_t, 128>> bytes;
    shake256({seed, ByteView(&nonce, 1)}, bytes.value);
    Poly f;
    for (std::size_t w = 0; w < 32; ++w) {
        const std::uint8_t *p = bytes.value.data() + 4 * w;
        const std::uint32_t t =
            p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
        // Every 2-bit field of `pairs` holds the sum of the two bits it replaces: x and y of
        // Algorithm 8 for coefficient k are fields 2k and 2k + 1.
        const std::uint32_t pairs = (t & 0x55555555u) + ((t >> 1) & 0x55555555u);
        for (unsigned k = 0; k < 8; ++k) {
            const auto x = static_cast<std::int32_t>((pairs >> (4 * k)) & 3u);
            const auto y = static_cast<std::int32_t>((pairs >> (4 * k + 2)) & 3u);
            std::int32_t c = x - y;
            c += (c >> 31) & Q;
            f[8 * w + k] = static_cast<std::uint16_t>(c);
        }
    }
    return f;
}

void byteEncode12(const Poly &f, std::uint8_t *out)
{
    packBits(f.data(), N, 12, out);
}

Poly byteDecode12(const std::uint8_t *in)
{
    Poly f;
    unpackBits(in, N, 12, f.data());
    // Values up to 4095 lie below 2q: one masked subtraction is the reduction mod q.
    for (auto &c : f) {
        std::int32_t r = std::int32_t{c} - Q;
        r += (r >> 31) & Q;
        c = static_cast<std::uint16_t>(r);
    }
    return f;
}

bool isCanonical12(const std::uint8_t *in)
{
    Poly f;
    unpackBits(in, N, 12, f.data());
    std::uint16_t outOfRange = 0;
    for (const auto c : f)
        outOfRange |= static_cast<std::uint16_t>(c >= Q);
    return outOfRange == 0;
}

void compressEncode(const Poly &f, unsigned d, std::uint8_t *out)
{
    Poly compressed;
    for (std::size_t i = 0; i < N; ++i)
        compressed[i] = compress(f[i], d);
    packBits(compressed.data(), N, d, out);
    secureWipe(compressed.data(), sizeof compressed);
}

Poly decodeDecompress(const std::uint8_t *in, unsigned d)
{
    Poly f;
    unpackBits(in, N, d, f.data());
    for (auto &c : f)
        c = decompress(c, d);
    return f;
}

} // namespace lapis::crypto::mlkem
