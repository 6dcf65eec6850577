// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConstantTime.h"
#include "MlKem768.h"
#include "Poly.h"
#include "Sha3.h"

#include <algorithm>

namespace lapis::crypto::mlkem {

namespace {

constexpr std::size_t VectorBytes = K * PolyBytes; // 1152
constexpr std::size_t C1Bytes = K * 32 * Du;       // 960

void encodeVector(const PolyVec &v, std::uint8_t *out)
{
    for (std::size_t i = 0; i < K; ++i)
        byteEncode12(v[i], out + i * PolyBytes);
}

PolyVec decodeVector(const std::uint8_t *in)
{
    PolyVec v;
    for (std::size_t i = 0; i < K; ++i)
        v[i] = byteDecode12(in + i * PolyBytes);
    return v;
}

} // namespace

void expandKeySeed(In<32> d, Out<64> rhoSigma)
{
    const std::uint8_t k = K;
    sha3_512({d, ByteView(&k, 1)}, rhoSigma);
}

void pkeKeyGen(In<32> d, Out<EncapsulationKeyBytes> ek, Out<PkeDecryptionKeyBytes> dkPke)
{
    Wiped<std::array<std::uint8_t, 64>> rhoSigma;
    expandKeySeed(d, rhoSigma.value);
    pkeKeyGenFromSeeds(rhoSigma.value, ek, dkPke);
}

void pkeKeyGenFromSeeds(In<64> rhoSigma, Out<EncapsulationKeyBytes> ek, Out<PkeDecryptionKeyBytes> dkPke)
{
    const ByteView rho(rhoSigma.data(), 32);
    const ByteView sigma(rhoSigma.data() + 32, 32);
    // ρ becomes the public half of ek; only σ stays secret.
    declassify(rho.data(), rho.size());

    const Matrix a = sampleMatrix(rho, false);
    Wiped<PolyVec> s;
    Wiped<PolyVec> e;
    std::uint8_t nonce = 0;
    for (auto &p : s.value)
        p = sampleCbd2(sigma, nonce++);
    for (auto &p : e.value)
        p = sampleCbd2(sigma, nonce++);
    for (std::size_t i = 0; i < K; ++i) {
        ntt(s.value[i]);
        ntt(e.value[i]);
    }
    PolyVec t;
    for (std::size_t i = 0; i < K; ++i)
        t[i] = add(innerProductNtt(a[i], s.value), e.value[i]);

    encodeVector(t, ek.data());
    std::copy(rho.begin(), rho.end(), ek.begin() + VectorBytes);
    encodeVector(s.value, dkPke.data());
}

void pkeEncrypt(In<EncapsulationKeyBytes> ek, In<32> m, In<32> r, Out<CiphertextBytes> c)
{
    const PolyVec t = decodeVector(ek.data());
    const ByteView rho(ek.data() + VectorBytes, 32);
    const Matrix aTransposed = sampleMatrix(rho, true);

    Wiped<PolyVec> y;
    Wiped<PolyVec> e1;
    Wiped<Poly> e2;
    std::uint8_t nonce = 0;
    for (auto &p : y.value)
        p = sampleCbd2(r, nonce++);
    for (auto &p : e1.value)
        p = sampleCbd2(r, nonce++);
    e2.value = sampleCbd2(r, nonce);
    for (auto &p : y.value)
        ntt(p);

    Wiped<Poly> u;
    for (std::size_t i = 0; i < K; ++i) {
        u.value = innerProductNtt(aTransposed[i], y.value);
        inverseNtt(u.value);
        u.value = add(u.value, e1.value[i]);
        compressEncode(u.value, Du, c.data() + i * 32 * Du);
    }

    Wiped<Poly> mu;
    mu.value = decodeDecompress(m.data(), 1);
    Wiped<Poly> v;
    v.value = innerProductNtt(t, y.value);
    inverseNtt(v.value);
    v.value = add(add(v.value, e2.value), mu.value);
    compressEncode(v.value, Dv, c.data() + C1Bytes);
}

void pkeDecrypt(In<PkeDecryptionKeyBytes> dkPke, In<CiphertextBytes> c, Out<32> m)
{
    PolyVec u;
    for (std::size_t i = 0; i < K; ++i) {
        u[i] = decodeDecompress(c.data() + i * 32 * Du, Du);
        ntt(u[i]);
    }
    const Poly v = decodeDecompress(c.data() + C1Bytes, Dv);
    Wiped<PolyVec> s;
    s.value = decodeVector(dkPke.data());
    Wiped<Poly> w;
    w.value = innerProductNtt(s.value, u);
    inverseNtt(w.value);
    w.value = subtract(v, w.value);
    compressEncode(w.value, 1, m.data());
}

void keyGenInternal(In<32> d, In<32> z, Out<EncapsulationKeyBytes> ek, Out<DecapsulationKeyBytes> dk)
{
    Wiped<std::array<std::uint8_t, 64>> rhoSigma;
    expandKeySeed(d, rhoSigma.value);
    keyGenFromSeeds(rhoSigma.value, z, ek, dk);
}

void keyGenFromSeeds(In<64> rhoSigma, In<32> z, Out<EncapsulationKeyBytes> ek, Out<DecapsulationKeyBytes> dk)
{
    pkeKeyGenFromSeeds(rhoSigma, ek, dk.subspan<0, PkeDecryptionKeyBytes>());
    std::uint8_t *rest = dk.data() + PkeDecryptionKeyBytes;
    std::copy(ek.begin(), ek.end(), rest);
    sha3_256({ek}, MutableByteView(rest + EncapsulationKeyBytes, 32));
    std::copy(z.begin(), z.end(), rest + EncapsulationKeyBytes + 32);
}

void encapsInternal(In<EncapsulationKeyBytes> ek, In<32> m, Out<SharedKeyBytes> key, Out<CiphertextBytes> c)
{
    std::array<std::uint8_t, 32> ekHash;
    sha3_256({ek}, ekHash);
    Wiped<std::array<std::uint8_t, 64>> keyAndCoins;
    sha3_512({m, ekHash}, keyAndCoins.value);
    pkeEncrypt(ek, m, In<32>(keyAndCoins.value.data() + 32, 32), c);
    std::copy_n(keyAndCoins.value.begin(), 32, key.begin());
}

void decapsInternal(In<DecapsulationKeyBytes> dk, In<CiphertextBytes> c, Out<SharedKeyBytes> key)
{
    const In<PkeDecryptionKeyBytes> dkPke = dk.subspan<0, PkeDecryptionKeyBytes>();
    const In<EncapsulationKeyBytes> ekPke = dk.subspan<PkeDecryptionKeyBytes, EncapsulationKeyBytes>();
    const In<32> ekHash = dk.subspan<PkeDecryptionKeyBytes + EncapsulationKeyBytes, 32>();
    const In<32> z = dk.subspan<PkeDecryptionKeyBytes + EncapsulationKeyBytes + 32, 32>();

    Wiped<std::array<std::uint8_t, 32>> m;
    pkeDecrypt(dkPke, c, m.value);
    Wiped<std::array<std::uint8_t, 64>> keyAndCoins;
    sha3_512({m.value, ekHash}, keyAndCoins.value);
    Wiped<std::array<std::uint8_t, 32>> rejectionKey;
    shake256({z, c}, rejectionKey.value);
    // Re-encrypting a forged ciphertext yields one that depends on the secret key: wiped too.
    Wiped<std::array<std::uint8_t, CiphertextBytes>> reencrypted;
    pkeEncrypt(ekPke, m.value, In<32>(keyAndCoins.value.data() + 32, 32), reencrypted.value);

    // Every byte is compared (a compare that stops early, at a difference or at a zero byte as
    // strcmp does, leaks or accepts); the result becomes a mask.
    const std::uint8_t keep = equalMask(c.data(), reencrypted.value.data(), CiphertextBytes);
    for (std::size_t i = 0; i < SharedKeyBytes; ++i)
        key[i] = static_cast<std::uint8_t>((keyAndCoins.value[i] & keep) | (rejectionKey.value[i] & ~keep));
}

bool encapsulationKeyIsCanonical(In<EncapsulationKeyBytes> ek)
{
    for (std::size_t i = 0; i < K; ++i)
        if (!isCanonical12(ek.data() + i * PolyBytes))
            return false;
    return true;
}

} // namespace lapis::crypto::mlkem
