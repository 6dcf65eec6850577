// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsController.h"
#include "util/ErrorText.h"
#include "util/UntrustedImages.h"
#include "worker/EngineWorker.h"

#include <QBuffer>
#include <QClipboard>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#ifdef LAPIS_HAVE_MULTIMEDIA
#include <QCameraDevice>
#include <QMediaDevices>
#endif

namespace lapis::ui {

SettingsController::SettingsController(EngineWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{
    QSettings settings;
    m_theme = settings.value(QStringLiteral("ui/theme"), FollowSystem).toInt();
    m_language = settings.value(QStringLiteral("ui/language")).toString();
    m_previews = settings.value(QStringLiteral("ui/notificationPreviews"), true).toBool();
    m_autoDownloadMiB = settings.value(QStringLiteral("attachments/autoDownloadMiB"), 100).toInt();
    applyAutoDownloadLimit();
}

void SettingsController::applyAutoDownloadLimit()
{
    const auto bytes = static_cast<std::uint64_t>(std::max(0, m_autoDownloadMiB)) * 1024 * 1024;
    m_worker->post([bytes](EngineWorker::Context &context) {
        context.autoDownloadLimit = bytes;
        if (context.engine)
            context.engine->setAutoDownloadLimit(bytes);
    });
}

void SettingsController::setAutoDownloadMiB(int mebibytes)
{
    mebibytes = std::clamp(mebibytes, 0, 2048);
    if (mebibytes == m_autoDownloadMiB)
        return;
    m_autoDownloadMiB = mebibytes;
    QSettings().setValue(QStringLiteral("attachments/autoDownloadMiB"), mebibytes);
    applyAutoDownloadLimit();
    emit autoDownloadMiBChanged();
}

void SettingsController::setAccount(const QString &account)
{
    m_account = account;
    m_worker->run<bool>(
        this, [](EngineWorker::Context &context) { return context.engine && context.engine->usesPassphrase(); },
        [this](bool uses) {
            m_usesPassphrase = uses;
            emit usesPassphraseChanged();
        });
    loadPrivacy();
}

void SettingsController::setError(const QString &text)
{
    m_errorText = text;
    emit errorTextChanged();
}

void SettingsController::setStatus(const QString &text)
{
    m_statusText = text;
    emit statusTextChanged();
}

void SettingsController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void SettingsController::clearMessages()
{
    setError({});
    setStatus({});
}

void SettingsController::exportBackup(const QUrl &file)
{
    if (m_backupRunning)
        return;
    const std::filesystem::path path = (file.isLocalFile() ? file.toLocalFile() : file.toString()).toStdString();
    m_backupRunning = true;
    m_backupProgress = 0;
    m_backupCode.clear();
    emit backupChanged();
    setError({});
    auto *worker = m_worker;
    QPointer<SettingsController> self(this);
    m_worker->run<Result<std::string>>(
        this,
        [path, worker, self](EngineWorker::Context &context) -> Result<std::string> {
            LAPIS_TRY(context.requireProfile());
            auto last = std::make_shared<int>(-1);
            return context.engine->exportBackup(path, [worker, self, last](double fraction) {
                const int percent = static_cast<int>(fraction * 100);
                if (percent == *last)
                    return;
                *last = percent;
                worker->deliver([self, fraction] {
                    if (!self)
                        return;
                    self->m_backupProgress = fraction;
                    emit self->backupChanged();
                });
            });
        },
        [this](Result<std::string> result) {
            m_backupRunning = false;
            if (result.ok()) {
                m_backupProgress = 1;
                m_backupCode = QString::fromStdString(result.value());
                setStatus(tr("The backup is written. Write the recovery code down: it is shown only now."));
            } else {
                setError(errorSentence(result.error()));
            }
            emit backupChanged();
        });
}

void SettingsController::forgetRecoveryCode()
{
    m_backupCode.clear();
    emit backupChanged();
}

void SettingsController::setTheme(int theme)
{
    if (theme == m_theme || theme < FollowSystem || theme > Dark)
        return;
    m_theme = theme;
    QSettings().setValue(QStringLiteral("ui/theme"), theme);
    emit themeChanged();
}

void SettingsController::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    QSettings().setValue(QStringLiteral("ui/language"), language);
    emit languageChanged();
}

void SettingsController::setNotificationPreviews(bool previews)
{
    if (previews == m_previews)
        return;
    m_previews = previews;
    QSettings().setValue(QStringLiteral("ui/notificationPreviews"), previews);
    emit notificationPreviewsChanged();
}

bool SettingsController::hasCamera() const
{
#ifdef LAPIS_HAVE_MULTIMEDIA
    return !QMediaDevices::videoInputs().isEmpty();
#else
    return false;
#endif
}

void SettingsController::refreshDevices()
{
    struct Devices {
        Result<std::vector<engine::DeviceSummary>> list;
        quint32 self = 0;
    };
    m_worker->run<Devices>(
        this,
        [](EngineWorker::Context &context) {
            if (auto open = context.requireProfile(); !open.ok())
                return Devices{std::move(open).error(), 0};
            return Devices{context.engine->devices(std::nullopt), context.engine->deviceId().value()};
        },
        [this](Devices devices) {
            if (!devices.list.ok()) {
                setError(errorSentence(devices.list.error()));
                return;
            }
            m_devices.setDevices(std::move(devices.list).value(), devices.self);
        });
}

void SettingsController::removeDevice(int deviceId)
{
    m_worker->run<Result<void>>(
        this,
        [deviceId](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->removeDevice(DeviceId(static_cast<std::uint32_t>(deviceId)));
        },
        [this](Result<void> result) {
            if (!result.ok())
                setError(errorSentence(result.error()));
            else
                setStatus(tr("The device was removed."));
            refreshDevices();
        });
}

void SettingsController::readLink(const QString &text)
{
    auto uri = engine::LinkUri::parse(text.trimmed().toStdString());
    if (!uri.ok()) {
        setError(tr("That is not a Lapis link: %1").arg(errorSentence(uri.error())));
        return;
    }
    setError({});
    m_pendingLinkUri = text.trimmed();
    m_pendingLinkCode = QString::fromStdString(engine::Engine::comparisonCode(uri.value()));
    emit pendingLinkChanged();
}

void SettingsController::decodeLinkImage(std::function<Result<std::string>()> decode)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const auto text = watcher->result();
        watcher->deleteLater();
        if (text.isEmpty()) {
            setError(tr("No QR code was found in that image."));
            return;
        }
        readLink(text);
    });
    watcher->setFuture(QtConcurrent::run([decode] {
        auto decoded = decode();
        return decoded.ok() ? QString::fromStdString(decoded.value()) : QString();
    }));
}

void SettingsController::readLinkImage(const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    decodeLinkImage([path] { return readQrCodeFromFile(path); });
}

void SettingsController::readLinkImageData(const QVariant &image)
{
    const auto picture = image.value<QImage>();
    if (picture.isNull()) {
        setError(tr("No image was pasted."));
        return;
    }
    // Pixels from Qt (a test, a screenshot tool): encoded here, read by the sandboxed decoder
    // like any other picture, so that ZXing never runs in this process.
    decodeLinkImage([picture]() -> Result<std::string> {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (!picture.save(&buffer, "PNG"))
            return fail(ErrorCode::InvalidArgument, "The image could not be read");
        return readQrCode(png);
    });
}

void SettingsController::readLinkFromClipboard()
{
    const auto *mime = QGuiApplication::clipboard()->mimeData();
    // The clipboard's encoded bytes go to the sandboxed decoder; QMimeData::imageData() would
    // decode them in this process.
    const QByteArray encoded = encodedImageFrom(mime);
    if (!encoded.isEmpty())
        decodeLinkImage([encoded] { return readQrCode(encoded); });
    else if (mime && mime->hasText())
        readLink(mime->text());
    else
        setError(tr("The clipboard holds neither a link nor an image."));
}

void SettingsController::approveLink()
{
    auto uri = engine::LinkUri::parse(m_pendingLinkUri.toStdString());
    if (!uri.ok())
        return;
    const auto code = m_pendingLinkCode.toStdString();
    setBusy(true);
    m_worker->run<Result<void>>(
        this,
        [link = uri.value(), code](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->approveLink(link, code);
        },
        [this](Result<void> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            cancelLink();
            setStatus(tr("The new device is linked."));
            emit linkApproved();
            refreshDevices();
        });
}

void SettingsController::cancelLink()
{
    m_pendingLinkUri.clear();
    m_pendingLinkCode.clear();
    emit pendingLinkChanged();
}

void SettingsController::enableTotp()
{
    setBusy(true);
    m_worker->run<Result<std::string>>(
        this,
        [](EngineWorker::Context &context) -> Result<std::string> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->enableTotp();
        },
        [this](Result<std::string> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            setError({});
            m_totpUri = QString::fromStdString(result.value());
            emit totpChanged();
        });
}

void SettingsController::confirmTotp(const QString &code)
{
    setBusy(true);
    m_worker->run<Result<void>>(
        this,
        [code = code.trimmed().toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->confirmTotp(code);
        },
        [this](Result<void> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            setError({});
            m_totpUri.clear();
            m_totpEnabled = true;
            emit totpChanged();
            setStatus(tr("Two-factor sign-in is on."));
        });
}

void SettingsController::disableTotp(const QString &code)
{
    setBusy(true);
    m_worker->run<Result<void>>(
        this,
        [code = code.trimmed().toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->disableTotp(code);
        },
        [this](Result<void> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            m_totpEnabled = false;
            emit totpChanged();
            setStatus(tr("Two-factor sign-in is off."));
        });
}

void SettingsController::changePassphrase(const QString &oldPassphrase, const QString &newPassphrase)
{
    if (newPassphrase.size() < 8) {
        setError(tr("Choose a passphrase of at least 8 characters."));
        return;
    }
    setBusy(true);
    m_worker->run<Result<void>>(
        this,
        [o = oldPassphrase.toStdString(),
         n = newPassphrase.toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->changePassphrase(o, n);
        },
        [this](Result<void> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(result.error().code == ErrorCode::WrongPassphrase ? tr("The current passphrase is not right.")
                                                                           : errorSentence(result.error()));
                return;
            }
            setError({});
            setStatus(tr("The passphrase was changed."));
        });
}

void SettingsController::changeAccountPassword(const QString &oldPassword, const QString &newPassword,
                                               const QString &totpCode)
{
    if (newPassword.toUtf8().size() < 8) {
        setError(tr("Choose an account password of at least 8 characters."));
        return;
    }
    setBusy(true);
    m_worker->run<Result<void>>(
        this,
        [o = oldPassword.toStdString(), n = newPassword.toStdString(),
         t = totpCode.trimmed().toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->changeAccountPassword(o, n, t);
        },
        [this](Result<void> result) {
            setBusy(false);
            if (!result.ok()) {
                switch (result.error().code) {
                case ErrorCode::AuthenticationFailed:
                    setError(tr("The current password or the authenticator code is not right."));
                    break;
                case ErrorCode::PermissionDenied:
                    setError(tr("Link this device from another device of your account first."));
                    break;
                default:
                    setError(errorSentence(result.error()));
                }
                return;
            }
            setError({});
            setStatus(tr("The account password was changed."));
        });
}

void SettingsController::protectWithPassphrase(const QString &passphrase, const QString &repeated)
{
    if (passphrase.size() < 8) {
        setError(tr("Choose a passphrase of at least 8 characters."));
        return;
    }
    if (passphrase != repeated) {
        setError(tr("The two passphrases differ: type the same one twice."));
        return;
    }
    switchProtection([p = passphrase.toStdString()](engine::Engine &engine) { return engine.protectWithPassphrase(p); },
                     tr("Your passphrase protects the message store now. Lapis asks for it when it starts."));
}

void SettingsController::protectWithKeychain(const QString &currentPassphrase)
{
    if (currentPassphrase.isEmpty()) {
        setError(tr("Type your current passphrase."));
        return;
    }
    switchProtection(
        [p = currentPassphrase.toStdString()](engine::Engine &engine) { return engine.protectWithKeychain(p); },
        tr("The system keychain holds the key to the message store now."));
}

void SettingsController::switchProtection(std::function<Result<void>(engine::Engine &)> change, const QString &done)
{
    if (m_busy)
        return;
    setBusy(true);
    setError({});
    setStatus({});
    struct Outcome {
        Result<void> result;
        bool usesPassphrase = false;
    };
    m_worker->run<Outcome>(
        this,
        [change = std::move(change)](EngineWorker::Context &context) -> Outcome {
            if (auto open = context.requireProfile(); !open.ok())
                return {std::move(open).error(), false};
            auto result = change(*context.engine);
            return {std::move(result), context.engine->usesPassphrase()};
        },
        [this, done](Outcome outcome) {
            setBusy(false);
            // Even a failure may have got half way (the key is safe either way): show what is true.
            if (outcome.usesPassphrase != m_usesPassphrase) {
                m_usesPassphrase = outcome.usesPassphrase;
                emit usesPassphraseChanged();
            }
            if (!outcome.result.ok()) {
                setError(outcome.result.error().code == ErrorCode::WrongPassphrase
                             ? tr("The current passphrase is not right.")
                             : errorSentence(outcome.result.error()));
                return;
            }
            setStatus(done);
        });
}

} // namespace lapis::ui
