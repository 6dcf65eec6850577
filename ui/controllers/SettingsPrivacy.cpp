// SPDX-License-Identifier: GPL-3.0-or-later
// SettingsController: Settings → Privacy (typing indicators, read receipts), kept in the profile.
#include "SettingsController.h"
#include "util/ErrorText.h"
#include "worker/EngineWorker.h"

namespace lapis::ui {

void SettingsController::loadPrivacy()
{
    m_worker->run<engine::PrivacySettings>(
        this,
        [](EngineWorker::Context &context) {
            return context.engine ? context.engine->privacy() : engine::PrivacySettings{};
        },
        [this](engine::PrivacySettings settings) {
            m_privacy = settings;
            emit privacyChanged();
        });
}

void SettingsController::setTypingIndicators(bool on)
{
    if (on == m_privacy.typingIndicators)
        return;
    auto settings = m_privacy;
    settings.typingIndicators = on;
    storePrivacy(settings);
}

void SettingsController::setReadReceipts(bool on)
{
    if (on == m_privacy.readReceipts)
        return;
    auto settings = m_privacy;
    settings.readReceipts = on;
    storePrivacy(settings);
}

void SettingsController::storePrivacy(engine::PrivacySettings settings)
{
    const auto before = m_privacy;
    m_privacy = settings; // the switch moves at once; a failure puts it back
    emit privacyChanged();
    m_worker->run<Result<void>>(
        this,
        [settings](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->setPrivacy(settings);
        },
        [this, before](Result<void> result) {
            if (result.ok())
                return;
            m_privacy = before;
            emit privacyChanged();
            setError(errorSentence(result.error()));
        });
}

} // namespace lapis::ui
