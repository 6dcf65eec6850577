// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationController: received attachments. They stay encrypted in the profile; "Open"
// decrypts into the engine's private folder for opened attachments (emptied when Lapis closes),
// "Save as…" into the file the user chose, and a large one downloads only when clicked.
#include "ConversationController.h"
#include "util/ErrorText.h"
#include "worker/EngineWorker.h"

#include <QDesktopServices>
#include <QPointer>
#include <QUrl>

namespace lapis::ui {

void ConversationController::openAttachment(qint64 attachmentId)
{
    m_worker->run<Result<std::filesystem::path>>(
        this,
        [attachmentId](EngineWorker::Context &context) -> Result<std::filesystem::path> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->openAttachmentCopy(attachmentId);
        },
        [this](Result<std::filesystem::path> opened) {
            if (!opened.ok()) {
                setError(tr("The attachment could not be opened: %1").arg(errorSentence(opened.error())));
                return;
            }
            if (!QDesktopServices::openUrl(QUrl::fromLocalFile(QString::fromStdString(opened->string()))))
                setError(tr("No application opens this kind of file."));
        });
}

void ConversationController::saveAttachment(qint64 attachmentId, const QUrl &destination)
{
    if (!destination.isLocalFile())
        return;
    const std::filesystem::path target = destination.toLocalFile().toStdString();
    m_worker->run<Result<void>>(
        this,
        [attachmentId, target](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->decryptAttachmentTo(attachmentId, target);
        },
        [this](Result<void> saved) {
            if (!saved.ok())
                setError(tr("The attachment could not be saved: %1").arg(errorSentence(saved.error())));
        });
}

void ConversationController::downloadAttachment(qint64 attachmentId)
{
    m_worker->run<Result<void>>(
        this,
        [attachmentId](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->downloadAttachment(attachmentId);
        },
        [this](Result<void> downloaded) {
            if (!downloaded.ok())
                setError(tr("The attachment could not be downloaded: %1").arg(errorSentence(downloaded.error())));
            m_messages.refreshNewest();
        });
}

} // namespace lapis::ui
