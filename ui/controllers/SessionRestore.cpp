// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController: restoring an encrypted backup from the first-run screen.
#include "SessionController.h"
#include "SessionOpening.h"
#include "util/ErrorText.h"

#include <lapis/common/Log.h>
#include <lapis/store/Store.h>

#include <QPointer>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace lapis::ui {

namespace {
using session_detail::describe;
using session_detail::ensureOpen;
using session_detail::Opened;

/// A first-run attempt that failed (the relay refused the name, linking was cancelled) leaves its
/// new profile open without an account. It holds nothing, but a backup is restored only into an
/// empty folder: close it and remove the store's own files (anything else stays, and the restore
/// then says the folder is not empty).
Result<void> closeAccountlessProfile(EngineWorker::Context &context)
{
    if (!context.engine)
        return {};
    if (context.engine->hasAccount())
        return fail(ErrorCode::AlreadyExists, "This profile already has an account");
    const store::StorePaths paths(context.engine->profileDirectory());
    context.engine.reset();
    std::error_code ignored;
    for (const auto &file : {paths.database, std::filesystem::path(paths.database.string() + "-wal"),
                             std::filesystem::path(paths.database.string() + "-shm"), paths.keyFile})
        std::filesystem::remove(file, ignored);
    std::filesystem::remove(paths.attachments, ignored); // only when empty
    return {};
}
} // namespace

void SessionController::setRestoreProgress(double progress)
{
    if (m_restoreProgress == progress)
        return;
    m_restoreProgress = progress;
    emit restoreProgressChanged();
}

void SessionController::restoreBackup(const QUrl &file, const QString &recoveryCode, const QString &passphrase)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) {
        setError(tr("Choose the backup file first."));
        return;
    }
    if (recoveryCode.trimmed().isEmpty()) {
        setError(tr("Type the recovery code that was shown when the backup was made."));
        return;
    }
    if (busy())
        return;
    setError({});
    setRestoreProgress(0);
    setBusy(tr("Restoring… (deriving the key from the recovery code)"));
    const bool keychain = passphrase.isEmpty();
    const auto options = profileOptions(keychain ? std::nullopt : std::optional<std::string>(passphrase.toStdString()));
    const std::filesystem::path backup = path.toStdString();
    const auto code = recoveryCode.toStdString();
    auto *worker = &m_worker;
    QPointer<SessionController> self(this);
    m_worker.run<Result<Opened>>(
        this,
        [options, backup, code, worker, self](EngineWorker::Context &context) -> Result<Opened> {
            LAPIS_TRY(closeAccountlessProfile(context));
            // The default profile folder's parent (the app's data folder) may not exist yet.
            std::error_code ec;
            std::filesystem::create_directories(std::filesystem::absolute(options.directory).parent_path(), ec);
            auto last = std::make_shared<int>(-1);
            LAPIS_TRY(engine::Engine::importBackup(options, backup, code, [worker, self, last](double fraction) {
                const int percent = static_cast<int>(fraction * 100);
                if (percent == *last)
                    return;
                *last = percent;
                worker->deliver([self, fraction] {
                    if (!self)
                        return;
                    if (self->m_restoreProgress == 0)
                        self->setBusy(tr("Restoring your messages…"));
                    self->setRestoreProgress(std::max(fraction, 0.01));
                });
            }));
            LAPIS_TRY(ensureOpen(context, options));
            return describe(*context.engine);
        },
        [this, keychain](Result<Opened> result) {
            setBusy({});
            setRestoreProgress(0);
            if (!result.ok()) {
                const auto &error = result.error();
                const auto message = QString::fromStdString(error.message);
                if (error.code == ErrorCode::WrongPassphrase) {
                    setError(tr("That recovery code does not open this backup. Check it and try again."));
                } else if (error.code == ErrorCode::Corrupt) {
                    setError(
                        tr("The backup file is damaged or incomplete, so nothing was restored (%1).").arg(message));
                } else if (keychain && error.reason == ErrorReason::KeychainUnavailable) {
                    setError(
                        tr("No system keychain answered: type a passphrase for this computer's store and try again."));
                } else if (error.code == ErrorCode::Unavailable) {
                    // The engine's message names the relay and gRPC's reason: for the log.
                    qCWarning(lcUi) << "Restore: the relay did not answer:" << message;
                    setError(tr("Cannot reach the relay of this backup, so nothing was restored. Check the "
                                "connection and try again."));
                } else {
                    setError(errorSentence(error));
                }
                return;
            }
            opened(result.value().account, result.value().hasAccount);
        });
}

} // namespace lapis::ui
