// SPDX-License-Identifier: GPL-3.0-or-later
// The relay's operator at work on the relay's own database, as THREATS.md lets a dishonest one:
// reading a mailbox, dropping an envelope of its making into one, replaying an old one with a new
// time, changing what the directory answers. relay.db is plain SQLite; the sqlcipher shell
// (Debian package sqlcipher, see packaging/install-deps.sh) opens it without a key, and links no
// second SQLite library into the test. A relay on PostgreSQL (--database) is edited with psql.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace lapis::test {

class RelayOperator {
public:
    struct MailboxRow {
        qint64 id = 0;
        QString senderAccount;
        quint32 senderDevice = 0;
        bool plaintext = false;
        qint64 serverTimeMs = 0;
        QByteArray payload;
    };

    /// `dataPath`: the relay's data folder (RelayProcess::dataPath()).
    explicit RelayOperator(const QString &dataPath)
        : m_database(dataPath + QStringLiteral("/relay.db"))
    {}
    /// A relay on PostgreSQL: `psql` is the server's client (PostgresServer::binDir()), `uri` the
    /// database the relay was given.
    RelayOperator(QString psql, QString uri)
        : m_database(std::move(uri))
        , m_psql(std::move(psql))
    {}

    /// Runs `sql` while the relay runs (waiting out its locks); the rows it prints, one per line,
    /// columns separated by '|'. nullopt, with a warning, when the shell fails.
    [[nodiscard]] std::optional<QStringList> sql(const QString &sql) const
    {
        QProcess shell;
        if (m_psql.isEmpty())
            shell.start(QStringLiteral("sqlcipher"), {QStringLiteral("-batch"), m_database});
        else
            shell.start(m_psql,
                        {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("-A"),
                         QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), m_database});
        if (!shell.waitForStarted(10000)) {
            qWarning("the database shell did not start");
            return std::nullopt;
        }
        shell.write(((m_psql.isEmpty() ? QStringLiteral(".timeout 10000\n") : QString()) + sql + QStringLiteral(";\n"))
                        .toUtf8());
        shell.closeWriteChannel();
        if (!shell.waitForFinished(30000) || shell.exitCode() != 0) {
            qWarning("sqlcipher failed on %s: %s", qPrintable(sql), shell.readAllStandardError().constData());
            return std::nullopt;
        }
        const auto err = shell.readAllStandardError();
        if (!err.trimmed().isEmpty()) {
            qWarning("sqlcipher on %s: %s", qPrintable(sql), err.constData());
            return std::nullopt;
        }
        QStringList rows;
        for (const auto &line : QString::fromUtf8(shell.readAllStandardOutput()).split(QLatin1Char('\n')))
            if (!line.isEmpty())
                rows << line;
        return rows;
    }

    /// What waits in `user`'s mailbox for `device`, oldest first.
    [[nodiscard]] std::optional<std::vector<MailboxRow>> mailbox(const QString &user, quint32 device) const
    {
        const auto rows =
            // A multi-recipient send's payload is stored once and referenced (payload_ref).
            sql(QStringLiteral("SELECT m.id, m.sender_account, m.sender_device, m.plaintext, m.server_time_ms, "
                               "%3 FROM mailbox m LEFT JOIN shared_payloads p ON p.id = m.payload_ref WHERE "
                               "m.kind = 0 AND m.username = '%1' AND m.device_id = %2 ORDER BY m.id")
                    .arg(user)
                    .arg(device)
                    .arg(m_psql.isEmpty()
                             ? QStringLiteral("hex(CASE WHEN m.payload_ref = 0 THEN m.payload ELSE p.payload END)")
                             : QStringLiteral(
                                 "encode(CASE WHEN m.payload_ref = 0 THEN m.payload ELSE p.payload END, 'hex')")));
        if (!rows)
            return std::nullopt;
        std::vector<MailboxRow> out;
        for (const auto &row : *rows) {
            const auto cells = row.split(QLatin1Char('|'));
            if (cells.size() != 6)
                return std::nullopt;
            out.push_back({cells[0].toLongLong(), cells[1], cells[2].toUInt(), cells[3] == QLatin1String("1"),
                           cells[4].toLongLong(), QByteArray::fromHex(cells[5].toLatin1())});
        }
        return out;
    }

    /// Drops `payload` into `user`'s mailbox for `device` as if `row`'s sender had sent it at
    /// `row.serverTimeMs`: what the relay stamps is whatever its operator writes.
    [[nodiscard]] bool deliver(const QString &user, quint32 device, const MailboxRow &row) const
    {
        return sql(QStringLiteral("INSERT INTO mailbox(username, device_id, kind, sender_account, sender_device, "
                                  "plaintext, server_time_ms, payload) VALUES('%1', %2, 0, '%3', %4, %5, %6, %7)")
                       .arg(user)
                       .arg(device)
                       .arg(row.senderAccount)
                       .arg(row.senderDevice)
                       .arg(row.plaintext ? 1 : 0)
                       .arg(row.serverTimeMs)
                       .arg(blob(row.payload)))
            .has_value();
    }

    /// A blob literal in the database's dialect.
    [[nodiscard]] QString blob(const QByteArray &bytes) const
    {
        const QString hex = QString::fromLatin1(bytes.toHex());
        return m_psql.isEmpty() ? QStringLiteral("X'%1'").arg(hex) : QStringLiteral("'\\x%1'::bytea").arg(hex);
    }

private:
    QString m_database;
    QString m_psql;
};

} // namespace lapis::test
