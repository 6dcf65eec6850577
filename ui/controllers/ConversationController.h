// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/AttachmentQueueModel.h"
#include "models/MessageListModel.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace lapis::ui {

class EngineWorker;

/// The open conversation: its messages, the contact's trust state (lock header, downgrade banner,
/// changed-key block, verified mark), sending text and files, and the safety number.
class ConversationController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(QString peer READ peer NOTIFY peerChanged)
    /// What the header names: the contact, or the group's name.
    Q_PROPERTY(QString title READ title NOTIFY titleChanged)
    /// A group's conversation (the peer is '#' and the group id).
    Q_PROPERTY(bool isGroup READ isGroup NOTIFY peerChanged)
    Q_PROPERTY(int groupMemberCount READ groupMemberCount NOTIFY titleChanged)
    /// This account is a member of the group now (false: the conversation is read-only).
    Q_PROPERTY(bool groupMember READ groupMember NOTIFY titleChanged)
    Q_PROPERTY(lapis::ui::MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(lapis::ui::AttachmentQueueModel *attachments READ attachments CONSTANT)
    Q_PROPERTY(bool endToEnd READ endToEnd NOTIFY trustChanged)
    /// Every session with the peer's devices was set up with PQXDH (ML-KEM-768 in its keys).
    Q_PROPERTY(bool postQuantum READ postQuantum NOTIFY trustChanged)
    Q_PROPERTY(bool downgraded READ downgraded NOTIFY trustChanged)
    Q_PROPERTY(bool keyChanged READ keyChanged NOTIFY trustChanged)
    Q_PROPERTY(bool verified READ verified NOTIFY trustChanged)
    Q_PROPERTY(bool trustKnown READ trustKnown NOTIFY trustChanged)
    Q_PROPERTY(QString safetyNumber READ safetyNumber NOTIFY safetyNumberChanged)
    Q_PROPERTY(QStringList safetyNumberGroups READ safetyNumberGroups NOTIFY safetyNumberChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(bool sending READ sending NOTIFY sendingChanged)
    /// The message the next send() answers (hex id; empty: none), and what the quote bar shows of it.
    Q_PROPERTY(QString replyToId READ replyToId NOTIFY replyChanged)
    Q_PROPERTY(QString replyToAuthor READ replyToAuthor NOTIFY replyChanged)
    Q_PROPERTY(QString replyToText READ replyToText NOTIFY replyChanged)
    /// The message the composer edits (hex id; empty: none) and its text when editing began.
    Q_PROPERTY(QString editingId READ editingId NOTIFY editingChanged)
    Q_PROPERTY(QString editingText READ editingText NOTIFY editingChanged)
    /// The conversation's disappearing timer in seconds (0: off), and how the header says it.
    Q_PROPERTY(int disappearingSeconds READ disappearingSeconds NOTIFY disappearingChanged)
    Q_PROPERTY(QString disappearingText READ disappearingText NOTIFY disappearingChanged)
    /// The contact is typing (cleared when they stop, send, or after a few seconds of silence).
    Q_PROPERTY(bool peerTyping READ peerTyping NOTIFY peerTypingChanged)
public:
    explicit ConversationController(EngineWorker *worker, QObject *parent = nullptr);

    [[nodiscard]] QString peer() const { return m_peer; }
    [[nodiscard]] QString title() const { return isGroup() && !m_groupName.isEmpty() ? m_groupName : m_peer; }
    [[nodiscard]] bool isGroup() const { return m_peer.startsWith(QLatin1Char('#')); }
    [[nodiscard]] int groupMemberCount() const { return m_groupMemberCount; }
    [[nodiscard]] bool groupMember() const { return m_groupMember; }
    /// Reads the group's name and membership again (a change arrived or was made here).
    Q_INVOKABLE void refreshGroup();
    /// Asks who of the group's members has our message `messageId` (hex) and who has read it;
    /// receiptsLoaded answers (ConversationGroups.cpp).
    Q_INVOKABLE void loadReceipts(const QString &messageId);
    [[nodiscard]] MessageListModel *messages() { return &m_messages; }
    [[nodiscard]] AttachmentQueueModel *attachments() { return &m_attachments; }
    [[nodiscard]] bool endToEnd() const { return m_endToEnd; }
    [[nodiscard]] bool postQuantum() const { return m_postQuantum; }
    [[nodiscard]] bool downgraded() const { return m_downgraded; }
    [[nodiscard]] bool keyChanged() const { return m_keyChanged; }
    [[nodiscard]] bool verified() const { return m_verified; }
    [[nodiscard]] bool trustKnown() const { return m_trustKnown; }
    [[nodiscard]] QString safetyNumber() const { return m_safetyNumber; }
    [[nodiscard]] QStringList safetyNumberGroups() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] bool sending() const { return m_sendsInFlight > 0; }

    /// Opens the conversation with `peer` (a user name): loads messages, asks for the trust state
    /// and marks it read.
    Q_INVOKABLE void open(const QString &peer);
    /// Opens the conversation with `peer` positioned at the message `messageId` (hex; a search
    /// hit), which is highlighted briefly; paging goes on in both directions from there.
    Q_INVOKABLE void openAt(const QString &peer, const QString &messageId);
    /// Sends `text`. When the contact is downgraded and `allowPlaintext` is false, nothing is sent
    /// and plaintextConfirmationNeeded(text) asks the user first (for each message).
    Q_INVOKABLE void send(const QString &text, bool allowPlaintext = false);
    /// Sends files (file URLs from a drop, a dialog or a paste) as attachments, one after another.
    Q_INVOKABLE void sendFiles(const QList<QUrl> &urls, bool allowPlaintext = false);
    /// Sends pasted or dropped image data: encoded as PNG in memory and encrypted before it touches
    /// the disk (Engine::sendFileData).
    Q_INVOKABLE void sendImageData(const QVariant &image);
    /// Sends encoded image bytes (PNG or JPEG dropped from a browser).
    Q_INVOKABLE void sendImageBytes(const QByteArray &bytes);
    /// Ctrl+V in the composer: an image or files on the clipboard are sent (true); text is left
    /// to the text field (false).
    Q_INVOKABLE bool pasteFromClipboard();

    // Received attachments: nothing decrypted is written unless asked.
    /// "Open": decrypts into the private folder for opened attachments and opens it there.
    Q_INVOKABLE void openAttachment(qint64 attachmentId);
    /// "Save as…": decrypts to the file the user chose.
    Q_INVOKABLE void saveAttachment(qint64 attachmentId, const QUrl &destination);
    /// Downloads an attachment that waits for a click (over the size limit, or failed before).
    Q_INVOKABLE void downloadAttachment(qint64 attachmentId);
    /// Accepts the contact's changed account key (after the user compared the new safety number).
    Q_INVOKABLE void acceptNewKey();
    Q_INVOKABLE void loadSafetyNumber();
    /// Compares a scanned or typed safety number with ours; a match marks the contact verified.
    Q_INVOKABLE bool verifyScanned(const QString &scanned);
    /// Decodes a QR code from an image file (a screenshot of the other side's code) and verifies.
    Q_INVOKABLE void verifyFromImage(const QUrl &file);
    /// Asks the relay for the contact's devices again (banner and lock).
    Q_INVOKABLE void refreshTrust();
    Q_INVOKABLE void markRead();

    // Replies and reactions.
    [[nodiscard]] QString replyToId() const { return m_replyToId; }
    [[nodiscard]] QString replyToAuthor() const { return m_replyToAuthor; }
    [[nodiscard]] QString replyToText() const { return m_replyToText; }
    /// The next send() is a reply quoting the loaded message `messageId` (hex).
    Q_INVOKABLE void startReply(const QString &messageId);
    Q_INVOKABLE void cancelReply();
    /// Reacts to the message `messageId` (hex) with `emoji`, replacing our earlier reaction to
    /// it, or withdraws our reaction when `remove`. In a downgraded conversation it asks first
    /// (plaintextReactionConfirmationNeeded), like a message.
    Q_INVOKABLE void react(const QString &messageId, const QString &emoji, bool remove = false,
                           bool allowPlaintext = false);

    // Edits, deletes, the disappearing timer and typing (ConversationChanges.cpp).
    [[nodiscard]] QString editingId() const { return m_editingId; }
    [[nodiscard]] QString editingText() const { return m_editingText; }
    [[nodiscard]] int disappearingSeconds() const { return m_disappearingSeconds; }
    [[nodiscard]] QString disappearingText() const;
    [[nodiscard]] bool peerTyping() const { return m_peerTyping; }
    /// The composer edits our loaded message `messageId` (hex); saveEdit() sends the new text.
    Q_INVOKABLE void startEdit(const QString &messageId);
    Q_INVOKABLE void cancelEdit();
    Q_INVOKABLE void saveEdit(const QString &text);
    /// Erases the message here only.
    Q_INVOKABLE void deleteForMe(const QString &messageId);
    /// Erases our message on every device of both sides ("This message was deleted" stays).
    Q_INVOKABLE void deleteForEveryone(const QString &messageId);
    /// Asks for the earlier texts of `messageId`; editHistoryLoaded answers.
    Q_INVOKABLE void loadEditHistory(const QString &messageId);
    /// Sets the conversation's timer (0: off) on every device of both sides.
    Q_INVOKABLE void setDisappearing(int seconds);
    /// The timers offered: [{seconds, text}], "Off" first.
    Q_INVOKABLE QVariantList disappearingChoices() const;
    /// The composer's text changed: "typing" goes out at most every few seconds, "stopped" after
    /// a pause (and on send), when typing indicators are on.
    Q_INVOKABLE void composerEdited(const QString &text);
    /// Called by the session for the open conversation's events.
    void setPeerTyping(bool typing);
    void setDisappearingSeconds(int seconds);

signals:
    void peerChanged();
    void titleChanged();
    void trustChanged();
    void safetyNumberChanged();
    void errorTextChanged();
    void sendingChanged();
    /// A plaintext send needs the user's yes first (the contact had end-to-end devices).
    void plaintextConfirmationNeeded(const QString &text);
    void plaintextFilesConfirmationNeeded(const QList<QUrl> &urls);
    void plaintextReactionConfirmationNeeded(const QString &messageId, const QString &emoji, bool remove);
    /// A message left (conversation list and tests listen).
    void sent(const QString &messageId, bool endToEnd);
    void verificationFinished(bool matched, const QString &message);
    void conversationChanged();
    void replyChanged();
    /// Our reaction to `messageId` went out (or was queued) and is stored.
    void reacted(const QString &messageId);
    void editingChanged();
    void disappearingChanged();
    void peerTypingChanged();
    /// The answer to loadEditHistory: [{text, time}], oldest first.
    void editHistoryLoaded(const QString &messageId, const QVariantList &versions);
    /// The answer to loadReceipts: [{account, state (0 not yet, 1 delivered, 2 read), stateText, time}].
    void receiptsLoaded(const QString &messageId, const QVariantList &members);
    /// An edit or a delete went out (or was queued) and is stored (tests wait on it).
    void messageChanged(const QString &messageId);

private:
    void setError(const QString &text);
    void sendTyping(bool started);
    void loadDisappearing();
    void sendNextFile();
    void finishSend();

    EngineWorker *m_worker;
    MessageListModel m_messages;
    AttachmentQueueModel m_attachments;
    QString m_peer;
    QString m_groupName;
    int m_groupMemberCount = 0;
    bool m_groupMember = false;
    bool m_endToEnd = false;
    bool m_postQuantum = false;
    bool m_downgraded = false;
    bool m_keyChanged = false;
    bool m_verified = false;
    bool m_trustKnown = false;
    /// The relay was asked for the contact's devices since the conversation opened (answered or not).
    bool m_trustSettled = false;
    /// Files dropped before the trust was settled: the checks would pass on defaults, so they wait.
    QList<QUrl> m_filesAwaitingTrust;
    bool m_fileSending = false;
    bool m_filesAllowPlaintext = false;
    int m_sendsInFlight = 0;
    QString m_replyToId;
    QString m_replyToAuthor;
    QString m_replyToText;
    QString m_safetyNumber;
    QString m_errorText;
    QString m_editingId;
    QString m_editingText;
    int m_disappearingSeconds = 0;
    bool m_peerTyping = false;
    /// Clears peerTyping when no "stopped" comes (the contact closed the app).
    QTimer m_peerTypingTimeout;
    /// Sends "stopped" after a pause in our typing.
    QTimer m_typingPause;
    qint64 m_typingSentAtMs = 0; ///< when "typing" last went out (0: we are not typing)
};

} // namespace lapis::ui
