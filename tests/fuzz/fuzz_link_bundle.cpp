// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: LinkBundle::deserialize, what a new device reads once the link box opens (its
// sender is another device of the account, or whoever swapped the link). A bundle that parses
// must serialise back to a form that parses, of the size serializedSize() says. Built like
// fuzz_envelope.cpp; see tests/fuzz/README.md.

#include "FuzzSeeds.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/LinkBundle.h>

#include <cstdio>
#include <cstdlib>

using namespace lapis;

std::vector<Bytes> lapisFuzzSeeds()
{
    crypto::DeterministicRandom rng(11);
    engine::LinkBundle bundle;
    bundle.account = AccountId("alice");
    rng.fill(bundle.accountKeySeed.mutableView());
    bundle.linkToken = rng.bytes(32);
    std::vector<Bytes> seeds;
    const auto empty = bundle.serialize();
    seeds.emplace_back(empty.view().begin(), empty.view().end());
    bundle.contacts.push_back({AccountId("bob"), "Bob", rng.bytes(32), true, true});
    bundle.contacts.push_back({AccountId("bot"), "Weather bot", {}, false, false});
    for (int i = 0; i < 4; ++i) {
        std::array<std::uint8_t, MessageId::Size> id{};
        rng.fill(id);
        bundle.recentMessages.push_back({AccountId(i % 2 ? "bob" : "bot"), MessageId(id), AccountId("bob"),
                                         DeviceId(static_cast<std::uint32_t>(i + 1)), i % 2 == 0, i != 3,
                                         1'800'000'000'000 + i, "message " + std::to_string(i), i == 2, i == 3,
                                         i == 1 ? 3600U : 0U,
                                         i == 1 ? std::optional<std::int64_t>(1'800'000'003'600) : std::nullopt});
    }
    const auto full = bundle.serialize();
    seeds.emplace_back(full.view().begin(), full.view().end());
    return seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto parsed = engine::LinkBundle::deserialize(ByteView(data, size));
    if (!parsed.ok())
        return 0;
    const auto bytes = parsed->serialize();
    if (bytes.size() != parsed->serializedSize() || !engine::LinkBundle::deserialize(bytes.view()).ok()) {
        std::fprintf(stderr, "a parsed link bundle does not serialise back\n");
        std::abort();
    }
    return 0;
}
