// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionController.h"
#include "SessionOpening.h"
#include "util/ErrorText.h"

#include <lapis/common/Log.h>
#include <lapis/store/Store.h>

#include <QCryptographicHash>
#include <QFile>
#include <QFutureWatcher>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QSysInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <filesystem>

namespace lapis::ui {

namespace {
using session_detail::describe;
using session_detail::ensureOpen;
using session_detail::Opened;

QString fingerprintOf(const QByteArray &der)
{
    const auto digest = QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (int i = 0; i < digest.size(); i += 2)
        pairs << QString::fromLatin1(digest.mid(i, 2));
    return pairs.join(QLatin1Char(':'));
}

QString deviceName()
{
    return QSysInfo::machineHostName() + QStringLiteral(" (Lapis desktop)");
}

} // namespace

SessionController::SessionController(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_conversations(&m_worker)
    , m_conversation(&m_worker)
    , m_groups(&m_worker)
    , m_settings(&m_worker)
    , m_signIns(&m_worker)
    , m_deviceChanges(&m_worker)
{
    connect(&m_signIns, &SignInController::failed, this, &SessionController::setError);
    connect(&m_worker, &EngineWorker::incoming, this, &SessionController::onIncoming);
    // A group made here opens at once; any change made here shows in the list and the header.
    connect(&m_groups, &GroupController::created, this, &SessionController::openConversation);
    connect(&m_groups, &GroupController::changed, this, [this](const QString &key) {
        m_conversations.reload();
        if (key == m_conversation.peer()) {
            m_conversation.refreshGroup();
            m_conversation.messages()->refreshNewest();
        }
    });
    connect(&m_worker, &EngineWorker::connectionChanged, this, [this](bool online) {
        if (m_online == online)
            return;
        m_online = online;
        emit onlineChanged();
        if (online)
            m_conversation.refreshTrust();
    });
    connect(&m_conversation, &ConversationController::conversationChanged, &m_conversations,
            &ConversationListModel::reload);
    m_worker.start();
}

SessionController::~SessionController() = default;

engine::ProfileOptions SessionController::profileOptions(const std::optional<std::string> &passphrase) const
{
    engine::ProfileOptions options;
    options.directory = m_options.profileDir.toStdString();
    options.passphrase = passphrase;
    if (m_options.fastKdf)
        options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

void SessionController::start()
{
    if (!m_options.defaultRelayCertificate.isEmpty())
        loadRelayCertificate(QUrl::fromLocalFile(m_options.defaultRelayCertificate));
    const std::filesystem::path dir = m_options.profileDir.toStdString();
    const auto preset = m_options.passphrase;
    const auto options = profileOptions(preset);
    struct Start {
        store::ProfileState profile;
        std::optional<Result<Opened>> opened;
    };
    setBusy(tr("Opening your messages…"));
    m_worker.run<Start>(
        this,
        [dir, preset, options](EngineWorker::Context &context) {
            Start start{store::Store::inspect(dir), std::nullopt};
            // A profile whose key is in the keychain (or whose passphrase was given) opens at once.
            if (start.profile.hasDatabase && (preset || !start.profile.hasPassphraseKeyFile)) {
                auto outcome = ensureOpen(context, options);
                start.opened = outcome.ok() ? Result<Opened>(describe(*context.engine))
                                            : Result<Opened>(std::move(outcome).error());
            }
            return start;
        },
        [this](Start start) {
            setBusy({});
            if (!start.profile.hasDatabase) {
                setState(State::FirstRun);
                return;
            }
            if (start.opened && start.opened->ok()) {
                opened(start.opened->value().account, start.opened->value().hasAccount,
                       start.opened->value().awaitingKeys);
                return;
            }
            if (start.opened)
                setError(errorSentence(start.opened->error()));
            setState(State::Locked);
        });
}

void SessionController::opened(const QString &account, bool hasAccount, bool awaitingKeys)
{
    if (!hasAccount) {
        setState(State::FirstRun);
        return;
    }
    if (awaitingKeys) {
        // Signed in by a code, then closed before linking: without the account key there is
        // nothing to show, so linking continues (with the relay this device signed in to).
        startLinking({}, {}, profileOptions(std::nullopt));
        return;
    }
    m_account = account;
    emit accountChanged();
    m_settings.setAccount(account);
    m_groups.setSelf(account);
    m_conversations.setSelf(account);
    m_conversation.messages()->setSelf(account);
    m_conversations.reload();
    m_signIns.watch();
    m_deviceChanges.watch();
    m_worker.setListening(true);
    setState(State::Ready);
}

void SessionController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void SessionController::setBusy(const QString &text)
{
    if (m_busyText == text)
        return;
    m_busyText = text;
    emit busyChanged();
}

void SessionController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    emit errorTextChanged();
}

void SessionController::clearError()
{
    setError({});
}

void SessionController::setCertificate(const QByteArray &pem, const QString &source)
{
    const auto certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        setError(tr("That file does not hold a PEM certificate."));
        return;
    }
    m_certificatePem = QString::fromLatin1(pem);
    m_certificateFingerprint = fingerprintOf(certificates.front().toDer());
    m_certificateSource = source;
    emit relayCertificateChanged();
}

void SessionController::loadRelayCertificate(const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher, path] {
        const auto pem = watcher->result();
        watcher->deleteLater();
        if (pem.isEmpty()) {
            setError(tr("Cannot read the certificate file %1.").arg(path));
            return;
        }
        setCertificate(pem, path);
    });
    watcher->setFuture(QtConcurrent::run([path] {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly) || in.size() > 1024 * 1024)
            return QByteArray();
        return in.readAll();
    }));
}

void SessionController::fetchRelayCertificate(const QString &relayList)
{
    // Relays of one deployment share one certificate: the first one's is theirs.
    const QString relayAddress = relayList.section(QLatin1Char(','), 0, 0).trimmed();
    const int colon = relayAddress.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const auto port = colon > 0 ? relayAddress.mid(colon + 1).toUShort(&portOk) : 0;
    if (!portOk) {
        setError(tr("Write the relay as HOST:PORT, for example relay.example.org:7443."));
        return;
    }
    auto *socket = new QSslSocket(this);
    auto config = socket->sslConfiguration();
    config.setAllowedNextProtocols({QByteArrayLiteral("h2")});
    socket->setSslConfiguration(config);
    // The point is to show the certificate to the user, who decides: errors are expected here.
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError> &) { socket->ignoreSslErrors(); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, relayAddress] {
        const auto chain = socket->peerCertificateChain();
        if (!chain.isEmpty())
            setCertificate(chain.back().toPem(), tr("from %1").arg(relayAddress));
        socket->disconnectFromHost();
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket, relayAddress](QAbstractSocket::SocketError) {
        setError(tr("Cannot reach the relay at %1: %2").arg(relayAddress, socket->errorString()));
        socket->deleteLater();
    });
    socket->connectToHostEncrypted(relayAddress.left(colon), port);
    QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
}

void SessionController::createAccount(const QString &relayAddress, const QString &username, const QString &password,
                                      const QString &passphrase)
{
    if (relayAddress.isEmpty() || username.isEmpty() || password.isEmpty()) {
        setError(tr("Fill in the relay, a user name and a password."));
        return;
    }
    if (m_certificatePem.isEmpty()) {
        setError(tr("Accept the relay's certificate first (fetch it or choose its file)."));
        return;
    }
    setError({});
    setBusy(tr("Creating your account…"));
    engine::AccountSetup setup;
    setup.username = username.toStdString();
    setup.relayAddress = relayAddress.toStdString();
    setup.relayCertificatePem = m_certificatePem.toStdString();
    setup.password = password.toStdString();
    setup.deviceName = deviceName().toStdString();
    const auto options =
        profileOptions(passphrase.isEmpty() ? std::nullopt : std::optional<std::string>(passphrase.toStdString()));
    m_worker.run<Result<Opened>>(
        this,
        [setup, options](EngineWorker::Context &context) -> Result<Opened> {
            LAPIS_TRY(ensureOpen(context, options));
            LAPIS_TRY(context.engine->registerAccount(setup));
            return describe(*context.engine);
        },
        [this](Result<Opened> result) {
            setBusy({});
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            opened(result.value().account, result.value().hasAccount);
        });
}

void SessionController::setSignInState(bool needsCode, bool denied, bool recommendTwoFactor)
{
    if (m_signInNeedsCode == needsCode && m_signInDenied == denied && m_recommendTwoFactor == recommendTwoFactor)
        return;
    m_signInNeedsCode = needsCode;
    m_signInDenied = denied;
    m_recommendTwoFactor = recommendTwoFactor;
    emit signInChanged();
}

void SessionController::dismissTwoFactorRecommendation()
{
    setSignInState(m_signInNeedsCode, m_signInDenied, false);
}

void SessionController::signIn(const QString &relayAddress, const QString &username, const QString &password,
                               const QString &passphrase, const QString &newDeviceName, const QString &code)
{
    if (relayAddress.isEmpty() || username.isEmpty() || password.isEmpty()) {
        setError(tr("Fill in the relay, your user name and your password."));
        return;
    }
    if (m_certificatePem.isEmpty()) {
        setError(tr("Accept the relay's certificate first (fetch it or choose its file)."));
        return;
    }
    const auto trimmedCode = code.trimmed();
    if (m_signInNeedsCode && trimmedCode.isEmpty()) {
        setError(tr("Type the six-digit code your other device shows."));
        return;
    }
    setError({});
    setBusy(tr("Signing in…"));
    engine::AccountSetup setup;
    setup.username = username.toStdString();
    setup.relayAddress = relayAddress.toStdString();
    setup.relayCertificatePem = m_certificatePem.toStdString();
    setup.password = password.toStdString();
    setup.deviceName =
        newDeviceName.trimmed().isEmpty() ? deviceName().toStdString() : newDeviceName.trimmed().toStdString();
    setup.deviceCode = trimmedCode.toStdString();
    const auto options =
        profileOptions(passphrase.isEmpty() ? std::nullopt : std::optional<std::string>(passphrase.toStdString()));
    struct SignedIn {
        Opened opened;
        bool awaitingKeys = false;
    };
    m_worker.run<Result<SignedIn>>(
        this,
        [setup, options](EngineWorker::Context &context) -> Result<SignedIn> {
            LAPIS_TRY(ensureOpen(context, options));
            LAPIS_TRY(context.engine->login(setup));
            return SignedIn{describe(*context.engine), context.engine->awaitingKeys()};
        },
        [this, relayAddress, passphrase](Result<SignedIn> result) {
            setBusy({});
            if (!result.ok()) {
                const auto &error = result.error();
                const bool denied = error.reason == ErrorReason::SignInDenied;
                const bool needsCode = error.reason == ErrorReason::SignInCodeRequired;
                if (needsCode && !m_signInNeedsCode) {
                    // The expected first step, not a failure: the hint next to the code field says what to do.
                    setSignInState(true, false, false);
                    return;
                }
                setSignInState(needsCode, denied, false);
                setError(errorSentence(error));
                return;
            }
            if (result.value().awaitingKeys) {
                // Signed in, but the account's keys only come from one of its devices: link.
                setSignInState(false, false, false);
                linkToAccount(relayAddress, passphrase);
                return;
            }
            setSignInState(false, false, true);
            opened(result.value().opened.account, result.value().opened.hasAccount);
        });
}

void SessionController::linkToAccount(const QString &relayAddress, const QString &passphrase)
{
    if (relayAddress.isEmpty() || m_certificatePem.isEmpty()) {
        setError(tr("Choose the relay and accept its certificate first."));
        return;
    }
    startLinking(
        relayAddress.toStdString(), m_certificatePem.toStdString(),
        profileOptions(passphrase.isEmpty() ? std::nullopt : std::optional<std::string>(passphrase.toStdString())));
}

void SessionController::startLinking(const std::string &relay, const std::string &pem,
                                     const engine::ProfileOptions &options)
{
    setError({});
    setBusy(tr("Asking the relay for a link address…"));
    const auto name = deviceName().toStdString();
    auto *worker = &m_worker;
    QPointer<SessionController> self(this);
    m_worker.run<Result<Opened>>(
        this,
        [=](EngineWorker::Context &context) -> Result<Opened> {
            LAPIS_TRY(ensureOpen(context, options));
            LAPIS_TRY_ASSIGN(auto pending, context.engine->requestLink(relay, pem));
            const auto uri = QString::fromStdString(pending.uri.toString());
            const auto code = QString::fromStdString(pending.comparisonCode);
            worker->deliver([self, uri, code] {
                if (!self)
                    return;
                self->m_linkUri = uri;
                self->m_linkCode = code;
                emit self->linkChanged();
                self->setBusy({});
                self->setState(State::Linking);
            });
            LAPIS_TRY(context.engine->completeLink(pending, name, context.stopping));
            return describe(*context.engine);
        },
        [this](Result<Opened> result) {
            setBusy({});
            m_linkUri.clear();
            m_linkCode.clear();
            emit linkChanged();
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                setState(State::FirstRun);
                return;
            }
            opened(result.value().account, result.value().hasAccount);
        });
}

void SessionController::unlock(const QString &passphrase)
{
    if (passphrase.isEmpty()) {
        setError(tr("Type your passphrase."));
        return;
    }
    setError({});
    setBusy(tr("Unlocking… (deriving the key from your passphrase)"));
    const auto options = profileOptions(passphrase.toStdString());
    m_worker.run<Result<Opened>>(
        this,
        [options](EngineWorker::Context &context) -> Result<Opened> {
            LAPIS_TRY(ensureOpen(context, options));
            return describe(*context.engine);
        },
        [this](Result<Opened> result) {
            setBusy({});
            if (!result.ok()) {
                setError(result.error().code == ErrorCode::WrongPassphrase
                             ? tr("That passphrase does not open this profile.")
                             : errorSentence(result.error()));
                return;
            }
            opened(result.value().account, result.value().hasAccount, result.value().awaitingKeys);
        });
}

void SessionController::search(const QString &text)
{
    const auto generation = ++m_searchGeneration;
    if (text.trimmed().isEmpty()) {
        m_searchResults.clear();
        emit searchResultsChanged();
        return;
    }
    m_worker.run<Result<std::vector<store::StoredMessage>>>(
        this,
        [query = text.toStdString()](EngineWorker::Context &context) -> Result<std::vector<store::StoredMessage>> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->search(query, 50);
        },
        [this, generation](Result<std::vector<store::StoredMessage>> result) {
            if (generation != m_searchGeneration)
                return; // the user typed on
            m_searchResults.clear();
            if (result.ok()) {
                for (const auto &m : result.value()) {
                    QVariantMap row;
                    row[QStringLiteral("peer")] = m_conversations.peerOfConversation(m.conversationId);
                    row[QStringLiteral("title")] = m_conversations.titleOfConversation(m.conversationId);
                    row[QStringLiteral("text")] = QString::fromStdString(m.text);
                    row[QStringLiteral("messageId")] = QString::fromStdString(m.id.toHex());
                    row[QStringLiteral("outgoing")] = m.direction == store::MessageDirection::Outgoing;
                    m_searchResults << row;
                }
            }
            emit searchResultsChanged();
        });
}

void SessionController::openConversation(const QString &peer)
{
    m_conversation.open(peer.trimmed());
}

void SessionController::dismissRelayNotices(const QString &peer)
{
    const auto removed = m_forgedPlaintextPeers.removeAll(peer) + m_unreadablePeers.removeAll(peer);
    if (removed > 0)
        emit relayNoticesChanged();
}

void SessionController::onIncoming(const IncomingUpdate &update)
{
    using Kind = engine::IncomingEvent::Kind;
    if (update.kind == Kind::PlaintextRefused || update.kind == Kind::Unreadable) {
        // Nothing was stored: one notice per conversation, however often the relay tries.
        auto &peers = update.kind == Kind::PlaintextRefused ? m_forgedPlaintextPeers : m_unreadablePeers;
        if (!peers.contains(update.peer)) {
            peers << update.peer;
            emit relayNoticesChanged();
        }
        return;
    }
    const bool open = update.peer == m_conversation.peer();
    if (update.kind == Kind::Typing) {
        // Nothing stored: only the open conversation's header shows it.
        if (open && update.from == update.peer)
            m_conversation.setPeerTyping(update.typingStarted);
        return;
    }
    m_conversations.reload();
    if (update.kind == Kind::GroupChanged && update.peer == m_groups.conversationKey())
        m_groups.reload();
    if (open && update.kind == Kind::GroupChanged)
        m_conversation.refreshGroup();
    if (open) {
        // Changes may be to a loaded message older than the newest page that refreshNewest merges.
        auto *messages = m_conversation.messages();
        if (update.kind == Kind::Reaction)
            messages->applyReaction(update.messageId, update.from, update.text);
        else if (update.kind == Kind::Edit)
            messages->applyEdit(update.messageId, update.text);
        else if (update.kind == Kind::Delete)
            messages->applyDeletion(update.messageId);
        else if (update.kind == Kind::Expired)
            messages->removeMessage(update.messageId);
        else if (update.kind == Kind::TimerChanged)
            m_conversation.setDisappearingSeconds(update.timerSeconds);
        if (update.kind == Kind::Message && update.from == update.peer)
            m_conversation.setPeerTyping(false);
        messages->refreshNewest();
        if (update.kind == Kind::Message)
            m_conversation.markRead();
    }
    if (update.kind == Kind::Message)
        emit messageArrived(update.peer, update.from, update.text);
}

} // namespace lapis::ui
