// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <initializer_list>

/// The four Keccak functions of FIPS 203 (H, G, J, PRF and XOF), taken from OpenSSL 3's EVP API:
/// the project links OpenSSL already, and a hash written by hand would be one more thing to prove.
/// Each call hashes the concatenation of `parts`. OpenSSL failing to run a built-in digest is a
/// broken installation, not an input error, so it aborts.
namespace lapis::crypto::mlkem {

void sha3_256(std::initializer_list<ByteView> parts, MutableByteView out32);
void sha3_512(std::initializer_list<ByteView> parts, MutableByteView out64);
/// SHAKE-128 squeezed to out.size() bytes. OpenSSL 3.0 squeezes once per absorb, so a caller who
/// needs more output asks again for a longer prefix.
void shake128(std::initializer_list<ByteView> parts, MutableByteView out);
void shake256(std::initializer_list<ByteView> parts, MutableByteView out);

} // namespace lapis::crypto::mlkem
