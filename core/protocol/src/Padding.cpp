// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Padding.h>

#include <algorithm>

namespace lapis::protocol {

WipedBytes pad(ByteView data)
{
    const auto size = (data.size() / PaddingBlock + 1) * PaddingBlock;
    WipedBytes out(size);
    std::copy(data.begin(), data.end(), out.data());
    out.data()[data.size()] = 0x80;
    return out;
}

namespace {

// The data length of a padded buffer, or an error.
Result<std::size_t> dataLength(ByteView padded)
{
    if (padded.empty() || padded.size() % PaddingBlock != 0)
        return fail(ErrorCode::Corrupt, "The padded content has the wrong length");
    std::size_t end = padded.size();
    while (end > 0 && padded[end - 1] == 0)
        --end;
    if (end == 0 || padded[end - 1] != 0x80 || padded.size() - end >= PaddingBlock)
        return fail(ErrorCode::Corrupt, "The content's padding is malformed");
    return end - 1;
}

} // namespace

Result<WipedBytes> unpad(ByteView padded)
{
    LAPIS_TRY_ASSIGN(const auto length, dataLength(padded));
    WipedBytes out(length);
    std::copy_n(padded.begin(), length, out.data());
    return out;
}

Result<void> unpadInPlace(WipedBytes &padded)
{
    LAPIS_TRY_ASSIGN(const auto length, dataLength(padded.view()));
    padded.truncate(length);
    return {};
}

} // namespace lapis::protocol
