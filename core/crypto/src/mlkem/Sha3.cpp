// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sha3.h"

#include <cstdlib>
#include <openssl/evp.h>

namespace lapis::crypto::mlkem {

namespace {

enum class Digest { Sha3_256, Sha3_512, Shake128, Shake256 };

const EVP_MD *algorithm(Digest digest)
{
    // Fetched once: an implicit fetch on every EVP_DigestInit costs more than hashing 34 bytes.
    static EVP_MD *const all[] = {
        EVP_MD_fetch(nullptr, "SHA3-256", nullptr),
        EVP_MD_fetch(nullptr, "SHA3-512", nullptr),
        EVP_MD_fetch(nullptr, "SHAKE128", nullptr),
        EVP_MD_fetch(nullptr, "SHAKE256", nullptr),
    };
    const EVP_MD *md = all[static_cast<int>(digest)];
    if (md == nullptr)
        std::abort();
    return md;
}

/// One context per thread, reset by every init (EVP_DigestInit_ex2 cleanses the previous state):
/// ML-KEM hashes dozens of times per operation and a fresh allocation each time shows in the
/// benchmark.
EVP_MD_CTX *threadContext()
{
    struct Holder {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ~Holder() { EVP_MD_CTX_free(ctx); }
    };
    thread_local Holder holder;
    if (holder.ctx == nullptr)
        std::abort();
    return holder.ctx;
}

void run(Digest digest, std::initializer_list<ByteView> parts, MutableByteView out, bool extendable)
{
    EVP_MD_CTX *ctx = threadContext();
    bool ok = EVP_DigestInit_ex2(ctx, algorithm(digest), nullptr) == 1;
    for (ByteView part : parts)
        ok = ok && EVP_DigestUpdate(ctx, part.data(), part.size()) == 1;
    if (extendable) {
        ok = ok && EVP_DigestFinalXOF(ctx, out.data(), out.size()) == 1;
    } else {
        unsigned int written = 0;
        ok = ok && static_cast<std::size_t>(EVP_MD_get_size(algorithm(digest))) == out.size()
             && EVP_DigestFinal_ex(ctx, out.data(), &written) == 1 && written == out.size();
    }
    // Leaves no absorbed secret in the reused context.
    ok = ok && EVP_MD_CTX_reset(ctx) == 1;
    if (!ok)
        std::abort();
}

} // namespace

void sha3_256(std::initializer_list<ByteView> parts, MutableByteView out32)
{
    run(Digest::Sha3_256, parts, out32, false);
}

void sha3_512(std::initializer_list<ByteView> parts, MutableByteView out64)
{
    run(Digest::Sha3_512, parts, out64, false);
}

void shake128(std::initializer_list<ByteView> parts, MutableByteView out)
{
    run(Digest::Shake128, parts, out, true);
}

void shake256(std::initializer_list<ByteView> parts, MutableByteView out)
{
    run(Digest::Shake256, parts, out, true);
}

} // namespace lapis::crypto::mlkem
