// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/LinkUri.h>

#include <cctype>
#include <map>

namespace lapis::engine {

namespace {
constexpr std::string_view Prefix = "lapis://link?";
constexpr std::size_t MaxFieldSize = 256;

bool isAddressChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool isRelayChar(char c)
{
    return isAddressChar(c) || c == '.' || c == ':' || c == '[' || c == ']' || c == ',';
}

bool allOf(std::string_view s, bool (*pred)(char))
{
    for (char c : s)
        if (!pred(c))
            return false;
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}
} // namespace

std::string LinkUri::toString() const
{
    return std::string(Prefix) + "v=" + std::to_string(Version) + "&relay=" + relay + "&addr=" + address
           + "&pub=" + toBase64Url(publicKey.bytes());
}

Result<LinkUri> LinkUri::parse(std::string_view text)
{
    text = trim(text);
    if (text.substr(0, Prefix.size()) != Prefix)
        return fail(ErrorCode::InvalidArgument, "This is not a Lapis link code (it should start with lapis://link?)");
    std::map<std::string, std::string, std::less<>> fields;
    std::string_view query = text.substr(Prefix.size());
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return fail(ErrorCode::InvalidArgument, "The link code is malformed");
        const std::string_view value = pair.substr(eq + 1);
        if (value.size() > MaxFieldSize)
            return fail(ErrorCode::InvalidArgument, "The link code has an overlong field");
        if (!fields.emplace(std::string(pair.substr(0, eq)), std::string(value)).second)
            return fail(ErrorCode::InvalidArgument, "The link code repeats a field");
    }
    const auto field = [&](std::string_view name) -> const std::string * {
        const auto it = fields.find(name);
        return it == fields.end() ? nullptr : &it->second;
    };
    const auto *version = field("v");
    if (!version)
        return fail(ErrorCode::InvalidArgument, "The link code has no version");
    if (*version != std::to_string(Version))
        return fail(ErrorCode::Unsupported, "The link code is from a newer version of Lapis");
    const auto *relay = field("relay");
    const auto *addr = field("addr");
    const auto *pub = field("pub");
    if (!relay || relay->empty() || !allOf(*relay, isRelayChar) || relay->find(':') == std::string::npos)
        return fail(ErrorCode::InvalidArgument, "The link code's relay address is missing or malformed");
    if (!addr || addr->empty() || !allOf(*addr, isAddressChar))
        return fail(ErrorCode::InvalidArgument, "The link code's link address is missing or malformed");
    if (!pub)
        return fail(ErrorCode::InvalidArgument, "The link code has no key");
    auto keyBytes = fromBase64Url(*pub);
    if (!keyBytes.ok())
        return fail(ErrorCode::InvalidArgument, "The link code's key is not valid base64url");
    auto key = crypto::X25519PublicKey::fromBytes(*keyBytes);
    if (!key.ok())
        return fail(ErrorCode::InvalidArgument, "The link code's key has the wrong length");
    // Unknown fields are ignored: a later version 1 may add optional ones.
    return LinkUri{*relay, *addr, *key};
}

} // namespace lapis::engine
