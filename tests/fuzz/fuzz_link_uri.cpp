// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: LinkUri::parse, the text a new device shows and an existing device reads from
// a pasted link, a dropped screenshot or the camera (anyone who can swap it controls it). A URI
// that parses must print and parse back to the same fields. Built like fuzz_envelope.cpp (libFuzzer
// under Clang, FuzzDriver.cpp otherwise); see tests/fuzz/README.md.

#include "FuzzSeeds.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/LinkUri.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace lapis;

std::vector<Bytes> lapisFuzzSeeds()
{
    crypto::DeterministicRandom rng(7);
    engine::LinkUri uri{"relay.example.org:7443", "a1b2c3d4e5f60718", crypto::X25519KeyPair::generate(rng).publicKey()};
    std::vector<Bytes> seeds;
    for (const auto &text : {uri.toString(), "  " + uri.toString() + "\n", std::string("lapis://link?v=1"),
                             std::string("lapis://link?v=2&relay=a:1&addr=b&pub=AAAA"), std::string("https://x/")})
        seeds.emplace_back(text.begin(), text.end());
    uri.relay = "[::1]:443";
    const auto v6 = uri.toString();
    seeds.emplace_back(v6.begin(), v6.end());
    return seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    auto parsed = engine::LinkUri::parse(text);
    if (!parsed.ok())
        return 0;
    const auto again = engine::LinkUri::parse(parsed->toString());
    if (!again.ok() || again->relay != parsed->relay || again->address != parsed->address
        || !(again->publicKey == parsed->publicKey)) {
        std::fprintf(stderr, "a parsed link URI does not survive toString and parse\n");
        std::abort();
    }
    return 0;
}
