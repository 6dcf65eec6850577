// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>

#include <array>
#include <cstdint>

/// The polynomial ring of FIPS 203 (Z_q[X]/(X^256 + 1), q = 3329) for ML-KEM-768, with its NTT,
/// sampling and encodings. Coefficients always lie in [0, q).
///
/// Constant time: every function that may see a secret (all but sampleNtt and the decoders of
/// public data) runs the same instructions and touches the same addresses whatever the values
/// are: reductions and Compress are multiply-and-shift (never `/ q`, which compiles to a
/// data-dependent `div` on some targets; KyberSlash), conditional subtractions are masks, and no
/// table is indexed by a coefficient. tst_crypto_mlkem_constant_time checks this under valgrind.
namespace lapis::crypto::mlkem {

constexpr std::int32_t Q = 3329;
constexpr std::size_t N = 256;
constexpr std::size_t K = 3; // ML-KEM-768
constexpr unsigned Du = 10;
constexpr unsigned Dv = 4;
constexpr std::size_t PolyBytes = 384; // ByteEncode12 of one polynomial

using Poly = std::array<std::uint16_t, N>;
using PolyVec = std::array<Poly, K>;
/// matrix[i][j] is Â[i, j].
using Matrix = std::array<PolyVec, K>;

/// A value wiped when it goes out of scope: secret polynomials and seeds on the stack.
template<typename T>
struct Wiped {
    T value{};
    Wiped() = default;
    Wiped(const Wiped &) = delete;
    Wiped &operator=(const Wiped &) = delete;
    ~Wiped() { secureWipe(&value, sizeof value); }
};

/// a mod q for any 32-bit a (Barrett: multiply and shift, one masked subtraction).
inline std::uint16_t reduce(std::uint32_t a)
{
    const auto quotient = static_cast<std::uint32_t>((std::uint64_t{a} * 1290167u) >> 32);
    std::int32_t r = static_cast<std::int32_t>(a - quotient * static_cast<std::uint32_t>(Q)) - Q;
    r += (r >> 31) & Q;
    return static_cast<std::uint16_t>(r);
}

/// Compress_d(x) = round(2^d / q * x) mod 2^d (FIPS 203 4.7) for x in [0, q), d <= 11: the
/// division by q is a multiplication by ceil(2^40 / q) and a shift, exact for every input
/// (tst_crypto_mlkem checks all of them against the rounding formula).
inline std::uint16_t compress(std::uint16_t x, unsigned d)
{
    const std::uint64_t scaled = (std::uint64_t{x} << d) + (Q - 1) / 2;
    return static_cast<std::uint16_t>(((scaled * 330282857u) >> 40) & ((1u << d) - 1));
}

/// Decompress_d(y) = round(q / 2^d * y).
inline std::uint16_t decompress(std::uint16_t y, unsigned d)
{
    return static_cast<std::uint16_t>((std::uint32_t{y} * Q + (1u << (d - 1))) >> d);
}

Poly add(const Poly &a, const Poly &b);
Poly subtract(const Poly &a, const Poly &b);

/// Algorithms 9 and 10: the NTT and its inverse, in place.
void ntt(Poly &f);
void inverseNtt(Poly &f);
/// Algorithm 11 (MultiplyNTTs): f ∘ g in the NTT domain.
Poly multiplyNtts(const Poly &f, const Poly &g);
/// Σ_j a[j] ∘ b[j] in the NTT domain, reduced once at the end.
Poly innerProductNtt(const PolyVec &a, const PolyVec &b);

/// Algorithm 7 (SampleNTT) on XOF(ρ ‖ j ‖ i): Â[i, j]. Rejection sampling branches on the XOF
/// output, which is public (ρ is part of the encapsulation key).
Poly sampleNtt(ByteView rho, std::uint8_t j, std::uint8_t i);
/// Â from ρ; with `transposed`, Â^T (as K-PKE.Encrypt uses it).
Matrix sampleMatrix(ByteView rho, bool transposed);
/// Algorithm 8 with η = 2 on PRF_2(seed, nonce) = SHAKE-256(seed ‖ nonce), 128 bytes.
Poly sampleCbd2(ByteView seed, std::uint8_t nonce);

/// ByteEncode_12 / ByteDecode_12 (384 bytes a polynomial). Decoding reduces mod q as FIPS 203
/// says; isCanonical12 tells whether every value was already below q (the modulus check).
void byteEncode12(const Poly &f, std::uint8_t *out);
Poly byteDecode12(const std::uint8_t *in);
bool isCanonical12(const std::uint8_t *in);

/// ByteEncode_d(Compress_d(f)) into 32·d bytes, and Decompress_d(ByteDecode_d(in)).
void compressEncode(const Poly &f, unsigned d, std::uint8_t *out);
Poly decodeDecompress(const std::uint8_t *in, unsigned d);

} // namespace lapis::crypto::mlkem
