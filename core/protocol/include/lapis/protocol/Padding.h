// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

namespace lapis::protocol {

/// `data` ‖ 0x80 ‖ zeros, to the next multiple of PaddingBlock (160) bytes. Always adds at
/// least the 0x80 byte, so the padding is unambiguous.
WipedBytes pad(ByteView data);
/// Removes pad()'s padding: Corrupt when the length is not a positive multiple of 160 or the
/// last non-zero byte is not 0x80.
Result<WipedBytes> unpad(ByteView padded);
/// unpad() without a copy: shrinks `padded` to the data (wiping the cut-off tail). Unchanged on error.
Result<void> unpadInPlace(WipedBytes &padded);

} // namespace lapis::protocol
