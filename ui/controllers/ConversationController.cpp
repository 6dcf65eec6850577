// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationController.h"
#include "util/ErrorText.h"
#include "util/UntrustedImages.h"
#include "worker/EngineWorker.h"

#include <lapis/decode/DecoderPool.h>

#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace lapis::ui {

namespace {
QString digitsOnly(const QString &text)
{
    QString out;
    for (const QChar c : text)
        if (c.isDigit())
            out += c;
    return out;
}
} // namespace

ConversationController::ConversationController(EngineWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_messages(worker)
{
    m_peerTypingTimeout.setSingleShot(true);
    m_peerTypingTimeout.setInterval(8000);
    connect(&m_peerTypingTimeout, &QTimer::timeout, this, [this] { setPeerTyping(false); });
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(3000);
    connect(&m_typingPause, &QTimer::timeout, this, [this] { sendTyping(false); });
}

QStringList ConversationController::safetyNumberGroups() const
{
    QStringList groups;
    const auto digits = digitsOnly(m_safetyNumber);
    for (int i = 0; i + 5 <= digits.size(); i += 5)
        groups << digits.mid(i, 5);
    return groups;
}

void ConversationController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    emit errorTextChanged();
}

void ConversationController::open(const QString &peer)
{
    if (peer == m_peer)
        return;
    if (m_typingSentAtMs != 0)
        sendTyping(false);
    m_peer = peer;
    cancelEdit();
    setPeerTyping(false);
    setDisappearingSeconds(0);
    m_endToEnd = m_postQuantum = m_downgraded = m_keyChanged = m_verified = m_trustKnown = m_trustSettled = false;
    m_groupName.clear();
    m_groupMemberCount = 0;
    m_groupMember = false;
    emit titleChanged();
    m_filesAwaitingTrust.clear();
    m_safetyNumber.clear();
    setError({});
    cancelReply();
    emit peerChanged();
    emit trustChanged();
    emit safetyNumberChanged();
    m_messages.setPeer(peer);
    if (peer.isEmpty())
        return;
    refreshTrust();
    loadDisappearing();
    markRead();
}

void ConversationController::openAt(const QString &peer, const QString &messageId)
{
    open(peer);
    m_messages.showMessage(messageId);
}

void ConversationController::refreshTrust()
{
    if (m_peer.isEmpty())
        return;
    if (isGroup()) {
        refreshGroup();
        return;
    }
    const QString peer = m_peer;
    const AccountId account(peer.toStdString());
    // First the stored state (fast), then the relay's current device list.
    for (const bool askRelay : {false, true}) {
        m_worker->run<Result<engine::ContactTrust>>(
            this,
            [account, askRelay](EngineWorker::Context &context) -> Result<engine::ContactTrust> {
                LAPIS_TRY(context.requireProfile());
                return context.engine->contactTrust(account, askRelay);
            },
            [this, peer, askRelay](Result<engine::ContactTrust> result) {
                if (peer != m_peer)
                    return;
                if (result.ok()) {
                    const auto &t = result.value();
                    m_endToEnd = t.endToEnd;
                    m_postQuantum = t.endToEnd && t.postQuantum;
                    m_downgraded = t.downgraded;
                    m_keyChanged = t.keyChanged;
                    m_verified = t.verified;
                    m_trustKnown = askRelay && t.relayAnswered;
                    emit trustChanged();
                }
                if (askRelay) {
                    m_trustSettled = true;
                    if (!m_filesAwaitingTrust.isEmpty())
                        sendFiles(std::exchange(m_filesAwaitingTrust, {}));
                }
            });
    }
}

void ConversationController::markRead()
{
    if (m_peer.isEmpty())
        return;
    const AccountId account(m_peer.toStdString());
    m_worker->run<Result<int>>(
        this,
        [account](EngineWorker::Context &context) -> Result<int> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->markRead(account);
        },
        [this](Result<int> result) {
            if (result.ok() && result.value() > 0)
                emit conversationChanged();
        });
}

void ConversationController::send(const QString &rawText, bool allowPlaintext)
{
    const QString text = rawText.trimmed();
    if (text.isEmpty() || m_peer.isEmpty())
        return;
    if (m_keyChanged) {
        setError(tr("The safety number changed. Compare it and accept the new key before sending."));
        return;
    }
    if (m_downgraded && !allowPlaintext) {
        emit plaintextConfirmationNeeded(text);
        return;
    }
    if (m_typingSentAtMs != 0)
        sendTyping(false);
    ++m_sendsInFlight;
    emit sendingChanged();
    const QString peer = m_peer;
    const AccountId to(peer.toStdString());
    const QString replyTo = m_replyToId;
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to, text = text.toStdString(), allowPlaintext,
         replyTo = replyTo.toStdString()](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            if (!replyTo.empty()) {
                LAPIS_TRY_ASSIGN(auto bytes, fromHex(replyTo));
                LAPIS_TRY_ASSIGN(auto quoted, MessageId::fromBytes(bytes));
                return context.engine->sendReply(to, quoted, text, allowPlaintext);
            }
            return context.engine->sendText(to, text, allowPlaintext);
        },
        [this, peer, text, replyTo](Result<engine::SendReport> result) {
            --m_sendsInFlight;
            emit sendingChanged();
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                const auto &error = result.error();
                if (error.code == ErrorCode::PermissionDenied && isGroup()) {
                    refreshGroup(); // removed meanwhile: the composer closes
                } else if (error.code == ErrorCode::PermissionDenied) {
                    // Either the downgrade guard (ask, then resend) or a changed key (blocked).
                    refreshTrust();
                    if (error.reason == ErrorReason::AccountKeyChanged) {
                        m_keyChanged = true;
                        emit trustChanged();
                    } else {
                        m_downgraded = true;
                        emit trustChanged();
                        emit plaintextConfirmationNeeded(text);
                        return;
                    }
                }
                setError(errorSentence(error));
                return;
            }
            setError({});
            if (!replyTo.isEmpty() && replyTo == m_replyToId)
                cancelReply(); // the quote bar closes once its reply went out
            m_messages.refreshNewest();
            emit sent(QString::fromStdString(result.value().id.toHex()), result.value().endToEnd);
            emit conversationChanged();
        });
}

void ConversationController::sendFiles(const QList<QUrl> &urls, bool allowPlaintext)
{
    if (m_peer.isEmpty() || urls.isEmpty())
        return;
    if (!m_trustSettled) {
        // Dropped on a conversation in the list, which opened it just now: until the relay has
        // answered, a changed key or a downgrade would pass unseen (the engine would refuse the
        // file without asking). The files wait for the answer, then take the checks below.
        m_filesAwaitingTrust += urls;
        return;
    }
    if (m_keyChanged) {
        setError(tr("The safety number changed. Compare it and accept the new key before sending."));
        return;
    }
    if (m_downgraded && !allowPlaintext) {
        emit plaintextFilesConfirmationNeeded(urls);
        return;
    }
    m_filesAllowPlaintext = allowPlaintext;
    for (const auto &url : urls)
        if (url.isLocalFile())
            m_attachments.add(url);
    sendNextFile();
}

void ConversationController::sendImageData(const QVariant &value)
{
    const auto image = value.value<QImage>();
    if (image.isNull() || m_peer.isEmpty())
        return;
    // Encoded off the GUI thread, in memory: the engine encrypts the bytes before they reach the disk.
    const QString name =
        QStringLiteral("pasted-%1.png").arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher, name] {
        const QByteArray png = watcher->result();
        watcher->deleteLater();
        if (png.isEmpty()) {
            setError(tr("The pasted image could not be prepared for sending."));
            return;
        }
        if (m_keyChanged) {
            setError(tr("The safety number changed. Compare it and accept the new key before sending."));
            return;
        }
        m_attachments.addData(png, name);
        sendNextFile();
    });
    watcher->setFuture(QtConcurrent::run([image] {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        return image.save(&buffer, "PNG") ? png : QByteArray();
    }));
}

void ConversationController::sendImageBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_peer.isEmpty())
        return;
    // Dropped bytes are decoded by the sandboxed decoder; only its checked pixels come back.
    auto *watcher = new QFutureWatcher<Result<QImage>>(this);
    connect(watcher, &QFutureWatcher<Result<QImage>>::finished, this, [this, watcher] {
        const auto image = watcher->result();
        watcher->deleteLater();
        if (!image.ok()) {
            setError(tr("The dropped image could not be read."));
            return;
        }
        sendImageData(QVariant::fromValue(image.value()));
    });
    watcher->setFuture(decode::DecoderPool::shared().decodeImage(bytes));
}

bool ConversationController::pasteFromClipboard()
{
    const auto *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || m_peer.isEmpty())
        return false;
    if (mime->hasUrls()) {
        QList<QUrl> files;
        for (const auto &url : mime->urls())
            if (url.isLocalFile())
                files << url;
        if (!files.isEmpty()) {
            sendFiles(files);
            return true;
        }
    }
    // The clipboard's encoded bytes, not QMimeData::imageData(), which would decode them here.
    const QByteArray encoded = encodedImageFrom(mime);
    if (!encoded.isEmpty()) {
        sendImageBytes(encoded);
        return true;
    }
    return false;
}

void ConversationController::sendNextFile()
{
    if (m_fileSending)
        return;
    const int id = m_attachments.nextQueued();
    const auto *item = m_attachments.item(id);
    if (!item)
        return;
    m_fileSending = true;
    ++m_sendsInFlight;
    emit sendingChanged();
    m_attachments.setProgress(id, 0);
    const QString peer = m_peer;
    const AccountId to(peer.toStdString());
    const std::filesystem::path file = item->url.toLocalFile().toStdString();
    const QByteArray data = item->data;
    const std::string dataName = item->fileName.toStdString();
    const auto cancelled = item->cancelled;
    const bool allowPlaintext = m_filesAllowPlaintext;
    auto *worker = m_worker;
    QPointer<ConversationController> self(this);
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to, file, data, dataName, cancelled, allowPlaintext, worker, self,
         id](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            auto lastReport = std::make_shared<std::uint64_t>(0);
            const transport::ProgressCallback progress = [=](std::uint64_t done, std::uint64_t total) {
                // At most ~100 updates per file reach the GUI thread.
                if (total > 0 && (done == total || done - *lastReport >= total / 100)) {
                    *lastReport = done;
                    const double fraction = static_cast<double>(done) / static_cast<double>(total);
                    worker->deliver([self, id, fraction] {
                        if (self)
                            self->m_attachments.setProgress(id, fraction);
                    });
                }
                return !cancelled->load();
            };
            if (!data.isEmpty()) {
                const ByteView bytes(reinterpret_cast<const std::uint8_t *>(data.constData()),
                                     static_cast<std::size_t>(data.size()));
                return context.engine->sendFileData(to, bytes, dataName, allowPlaintext, progress);
            }
            return context.engine->sendFile(to, file, allowPlaintext, progress);
        },
        [this, id, cancelled](Result<engine::SendReport> result) {
            m_fileSending = false;
            --m_sendsInFlight;
            emit sendingChanged();
            if (cancelled->load())
                m_attachments.setState(id, AttachmentQueueModel::State::Cancelled);
            else if (result.ok())
                m_attachments.setState(id, AttachmentQueueModel::State::Sent);
            else
                m_attachments.setState(id, AttachmentQueueModel::State::Failed, errorSentence(result.error()));
            if (result.ok()) {
                m_messages.refreshNewest();
                emit sent(QString::fromStdString(result.value().id.toHex()), result.value().endToEnd);
                emit conversationChanged();
            }
            sendNextFile();
        });
}

void ConversationController::acceptNewKey()
{
    if (m_peer.isEmpty())
        return;
    const QString peer = m_peer;
    const AccountId account(peer.toStdString());
    m_worker->run<Result<std::string>>(
        this,
        [account](EngineWorker::Context &context) -> Result<std::string> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->acceptNewAccountKey(account);
        },
        [this, peer](Result<std::string> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            m_safetyNumber = QString::fromStdString(result.value());
            emit safetyNumberChanged();
            m_keyChanged = false;
            emit trustChanged();
            refreshTrust();
            m_messages.refreshNewest();
        });
}

void ConversationController::loadSafetyNumber()
{
    if (m_peer.isEmpty() || isGroup())
        return;
    const QString peer = m_peer;
    const AccountId account(peer.toStdString());
    m_worker->run<Result<std::string>>(
        this,
        [account](EngineWorker::Context &context) -> Result<std::string> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->safetyNumber(account);
        },
        [this, peer](Result<std::string> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            m_safetyNumber = QString::fromStdString(result.value());
            emit safetyNumberChanged();
        });
}

bool ConversationController::verifyScanned(const QString &scanned)
{
    const auto theirs = digitsOnly(scanned);
    const auto ours = digitsOnly(m_safetyNumber);
    const bool matched = !ours.isEmpty() && theirs == ours;
    if (!matched) {
        emit verificationFinished(false, tr("The safety numbers do not match. Do not mark this contact verified."));
        return false;
    }
    const QString peer = m_peer;
    const AccountId account(peer.toStdString());
    m_worker->run<Result<void>>(
        this,
        [account](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->markVerified(account);
        },
        [this, peer](Result<void> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                emit verificationFinished(false, errorSentence(result.error()));
                return;
            }
            m_verified = true;
            emit trustChanged();
            emit conversationChanged();
            emit verificationFinished(true, tr("The safety numbers match: %1 is verified.").arg(peer));
        });
    return true;
}

void ConversationController::verifyFromImage(const QUrl &file)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const auto text = watcher->result();
        watcher->deleteLater();
        if (text.isEmpty()) {
            emit verificationFinished(false, tr("No QR code was found in that image."));
            return;
        }
        verifyScanned(text);
    });
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    watcher->setFuture(QtConcurrent::run([path] {
        auto decoded = readQrCodeFromFile(path);
        return decoded.ok() ? QString::fromStdString(decoded.value()) : QString();
    }));
}

} // namespace lapis::ui
