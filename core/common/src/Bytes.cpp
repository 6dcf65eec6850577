// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Bytes.h>

#include <sodium.h>

namespace lapis {

std::string toHex(ByteView bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

Result<Bytes> fromHex(std::string_view hex)
{
    if (hex.size() % 2 != 0)
        return fail(ErrorCode::InvalidArgument, "Hexadecimal text has an odd number of digits");
    if (hex.empty())
        return Bytes{};
    Bytes out(hex.size() / 2);
    size_t written = 0;
    const char *end = nullptr;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, &end) != 0
        || written != out.size() || end != hex.data() + hex.size())
        return fail(ErrorCode::InvalidArgument, "Text is not valid hexadecimal");
    return out;
}

std::string toBase64Url(ByteView bytes)
{
    const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

Result<Bytes> fromBase64Url(std::string_view text)
{
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    if (text.empty())
        return Bytes{};
    Bytes out(text.size() * 3 / 4 + 1);
    size_t written = 0;
    const char *end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING)
            != 0
        || end != text.data() + text.size())
        return fail(ErrorCode::InvalidArgument, "Text is not valid base64url");
    out.resize(written);
    return out;
}

Bytes concat(std::initializer_list<ByteView> parts)
{
    size_t total = 0;
    for (auto p : parts)
        total += p.size();
    Bytes out;
    out.reserve(total);
    for (auto p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

} // namespace lapis
