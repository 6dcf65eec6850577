// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

namespace lapis::engine {

/// Settings → Privacy. Off means neither sent nor shown, as Signal does it: without read
/// receipts nobody learns we read, and their read receipts show as delivered here.
struct PrivacySettings {
    bool typingIndicators = true;
    bool readReceipts = true;
};

/// The privacy settings of the profile, kept in its store and mirrored in the EngineContext
/// where sending and receiving read them.
class Privacy {
public:
    explicit Privacy(EngineContext &context)
        : m_ctx(context)
    {}

    /// Reads the stored settings into the context (both on for a profile that never set them).
    Result<void> load();
    [[nodiscard]] PrivacySettings settings() const;
    Result<void> change(const PrivacySettings &settings);

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
