// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>
#include <vector>

namespace lapis::ui {

/// The attachment chips above the composer: files being sent, with progress and cancel.
class AttachmentQueueModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the conversation")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum class State { Queued, Sending, Sent, Failed, Cancelled };
    Q_ENUM(State)
    enum Role { FileNameRole = Qt::UserRole + 1, ProgressRole, StateRole, ErrorRole, IsImageRole, UrlRole };
    Q_ENUM(Role)

    struct Item {
        int id = 0;
        QUrl url;
        /// Pasted or dropped bytes (no file): kept in memory until the engine encrypts them.
        QByteArray data;
        QString fileName;
        double progress = 0;
        State state = State::Queued;
        QString error;
        /// Read by the worker's progress callback: a cancelled upload stops at the next chunk.
        std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
    };

    explicit AttachmentQueueModel(QObject *parent = nullptr);

    /// Adds a file and returns its id.
    int add(const QUrl &url);
    /// Adds data held in memory (a pasted image) under the name the recipient sees.
    int addData(const QByteArray &data, const QString &fileName);
    void setProgress(int id, double progress);
    void setState(int id, State state, const QString &error = {});
    [[nodiscard]] const Item *item(int id) const;
    /// The id of the first chip still waiting to be sent, or 0.
    [[nodiscard]] int nextQueued() const;
    /// Cancels the chip at `row`: a queued file is not sent, a running upload stops.
    Q_INVOKABLE void cancel(int row);
    /// Removes the chips that are done (sent, failed or cancelled).
    Q_INVOKABLE void clearFinished();
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    int rowOfId(int id) const;
    std::vector<Item> m_items;
    int m_nextId = 1;
};

} // namespace lapis::ui
