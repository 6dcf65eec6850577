// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

/// ML-KEM-768 from FIPS 203 (August 2024): K-PKE (Algorithms 13-15) and the internal ML-KEM
/// algorithms (16-18), on fixed-size buffers. Kem.cpp puts the randomness and the input checks of
/// section 7 around them. Secret intermediates are wiped before returning.
namespace lapis::crypto::mlkem {

constexpr std::size_t EncapsulationKeyBytes = 1184;
constexpr std::size_t DecapsulationKeyBytes = 2400;
constexpr std::size_t PkeDecryptionKeyBytes = 1152;
constexpr std::size_t CiphertextBytes = 1088;
constexpr std::size_t SharedKeyBytes = 32;

template<std::size_t Size>
using In = std::span<const std::uint8_t, Size>;
template<std::size_t Size>
using Out = std::span<std::uint8_t, Size>;

/// (ρ, σ) = G(d ‖ k), line 1 of Algorithm 13. FIPS 203's initial public draft hashed d alone;
/// that one line is the whole difference between the draft's KeyGen and the standard's, and the
/// CCTV vectors of ../shared still use the draft's (tst_crypto_mlkem expands their seeds that way
/// and calls the *FromSeeds functions below, which the standard path runs one line later).
void expandKeySeed(In<32> d, Out<64> rhoSigma);
void pkeKeyGen(In<32> d, Out<EncapsulationKeyBytes> ek, Out<PkeDecryptionKeyBytes> dkPke);
/// Algorithm 13 from line 2 on, given ρ ‖ σ.
void pkeKeyGenFromSeeds(In<64> rhoSigma, Out<EncapsulationKeyBytes> ek, Out<PkeDecryptionKeyBytes> dkPke);
void pkeEncrypt(In<EncapsulationKeyBytes> ek, In<32> m, In<32> r, Out<CiphertextBytes> c);
void pkeDecrypt(In<PkeDecryptionKeyBytes> dkPke, In<CiphertextBytes> c, Out<32> m);

void keyGenInternal(In<32> d, In<32> z, Out<EncapsulationKeyBytes> ek, Out<DecapsulationKeyBytes> dk);
/// Algorithm 16 with K-PKE.KeyGen started from ρ ‖ σ (see expandKeySeed).
void keyGenFromSeeds(In<64> rhoSigma, In<32> z, Out<EncapsulationKeyBytes> ek, Out<DecapsulationKeyBytes> dk);
void encapsInternal(In<EncapsulationKeyBytes> ek, In<32> m, Out<SharedKeyBytes> key, Out<CiphertextBytes> c);
/// Implicit rejection: a ciphertext that does not re-encrypt to itself yields J(z ‖ c), chosen
/// by a mask, not a branch.
void decapsInternal(In<DecapsulationKeyBytes> dk, In<CiphertextBytes> c, Out<SharedKeyBytes> key);

/// The modulus check of FIPS 203 7.2: every 12-bit value of ek's first 1152 bytes is below q.
bool encapsulationKeyIsCanonical(In<EncapsulationKeyBytes> ek);

} // namespace lapis::crypto::mlkem
