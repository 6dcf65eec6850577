// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QQuickAsyncImageProvider>

namespace lapis::ui {

class EngineWorker;

/// image://untrusted/...: pictures from outside, decoded by lapis-decoder (core/decode), off the
/// GUI thread. `attachment/ID`: an attachment decrypted in memory by the engine (on its worker);
/// `file/URL`: a local file being sent (percent-encoded file URL). A picture the decoder refuses,
/// or that crashes or hangs it, fails this one image only: the view shows its placeholder.
class UntrustedImageProvider : public QQuickAsyncImageProvider {
public:
    explicit UntrustedImageProvider(EngineWorker *worker);
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

    /// The largest attachment handed to the decoder to be shown.
    static constexpr std::uint64_t MaxShownAttachment = 64ULL * 1024 * 1024;

private:
    EngineWorker *m_worker;
};

} // namespace lapis::ui
