// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target over the relay's sign-in event encoding (app/relay RelayRulesSignIns): the
// payload a SIGN_IN_* mailbox event keeps in relay.db ("ID CODE CREATED EXPIRES", "-" for an
// empty field), read back for every push. Whatever the bytes, decoding must not crash, and what
// it decodes must encode and decode again to the same fields. Built with -fsanitize=fuzzer
// under Clang, or linked with FuzzDriver.cpp otherwise. See tests/fuzz/README.md.

#include "FuzzSeeds.h"
#include "RelayRules.h"

#include <cstdio>
#include <cstdlib>

using namespace lapis;
using namespace lapis::relay;

namespace {

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "sign-in event round trip broke: %s\n", what);
    std::abort();
}

SignInRecord recordOf(const MailboxItem &item)
{
    SignInRecord r;
    r.id = item.signInId;
    r.code = item.signInCode.empty() ? std::string("-") : item.signInCode;
    r.createdMs = item.signInCreatedMs;
    r.expiresMs = item.signInExpiresMs;
    return r;
}

} // namespace

std::vector<Bytes> lapisFuzzSeeds()
{
    std::vector<Bytes> seeds;
    SignInRecord pending;
    pending.id = "0123456789abcdef";
    pending.code = "042133";
    pending.createdMs = 1'800'000'000'000;
    pending.expiresMs = 1'800'000'600'000;
    seeds.push_back(rules::encodeSignInEvent(pending, true));
    seeds.push_back(rules::encodeSignInEvent(pending, false));
    SignInRecord byTotp = pending;
    byTotp.id.clear();
    seeds.push_back(rules::encodeSignInEvent(byTotp, false));
    seeds.push_back(toBytes(std::string("- - -1 9223372036854775807")));
    return seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    MailboxItem first;
    first.payload.assign(data, data + size);
    rules::decodeSignInEvent(ByteView(data, size), first);
    if (!first.payload.empty())
        die("the payload was kept");
    MailboxItem second;
    rules::decodeSignInEvent(rules::encodeSignInEvent(recordOf(first), true), second);
    if (second.signInId != first.signInId || second.signInCode != first.signInCode
        || second.signInCreatedMs != first.signInCreatedMs || second.signInExpiresMs != first.signInExpiresMs)
        die("decode(encode(decode(x))) differs from decode(x)");
    return 0;
}
