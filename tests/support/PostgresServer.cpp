// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/testsupport/PostgresServer.h>

#include <QDir>
#include <QProcess>
#include <QtDebug>

#include <algorithm>
#include <unistd.h>

namespace lapis::test {

namespace {
// The unprivileged account the server runs as when the test is root (Debian's `nobody`).
constexpr uid_t NobodyUid = 65534;
constexpr gid_t NogroupGid = 65534;
} // namespace

PostgresServer::PostgresServer()
    : m_dir(QDir::tempPath() + QStringLiteral("/lapis-pg-XXXXXX"))
{
    // The server writes its data and socket here: as `nobody` when we are root.
    if (geteuid() == 0 && m_dir.isValid()
        && chown(QFile::encodeName(m_dir.path()).constData(), NobodyUid, NogroupGid) != 0)
        qWarning() << "cannot hand" << m_dir.path() << "to nobody";
}

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::binDir()
{
    // Debian keeps the server binaries per major version; the newest wins.
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    auto found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(found.begin(), found.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    for (auto it = found.crbegin(); it != found.crend(); ++it) {
        const QString bin = versions.filePath(*it + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

int PostgresServer::run(const QString &program, const QStringList &args, bool asServerUser, QString *output)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path()); // a folder the server's user may enter
    process.setProcessChannelMode(QProcess::MergedChannels);
    QString executable = binDir() + QLatin1Char('/') + program;
    QStringList arguments = args;
    if (asServerUser && geteuid() == 0) {
        arguments =
            QStringList{QStringLiteral("--reuid=%1").arg(NobodyUid), QStringLiteral("--regid=%1").arg(NogroupGid),
                        QStringLiteral("--clear-groups"), executable}
            + args;
        executable = QStringLiteral("setpriv");
    }
    process.start(executable, arguments);
    if (!process.waitForFinished(60000)) {
        qWarning() << program << "did not finish:" << process.errorString();
        process.kill();
        process.waitForFinished();
        return -1;
    }
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << "failed:" << text;
        return process.exitCode() == 0 ? -1 : process.exitCode();
    }
    return 0;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    if (!m_dir.isValid() || binDir().isEmpty()) {
        qWarning() << "PostgreSQL server binaries not found under /usr/lib/postgresql (packaging/install-deps.sh)";
        return false;
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!m_initialised) {
        if (run(QStringLiteral("initdb"),
                {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("lapis"),
                 QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                 QStringLiteral("--no-sync")},
                true)
            != 0)
            return false;
        m_initialised = true;
    }
    // No TCP at all; a test database need not survive a power cut, so no fsync.
    const QString options =
        QStringLiteral("-c listen_addresses='' -k %1 -c fsync=off -c full_page_writes=off").arg(m_dir.path());
    if (run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), data, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
             QStringLiteral("-o"), options, QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
             QStringLiteral("start")},
            true)
        != 0)
        return false;
    m_running = true;
    return true;
}

bool PostgresServer::stop()
{
    if (!m_running)
        return true;
    m_running = false;
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-w"),
                QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")},
               true)
           == 0;
}

bool PostgresServer::createDatabase(const QString &name)
{
    bool ok = false;
    psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(name), &ok);
    return ok;
}

QString PostgresServer::psql(const QString &database, const QString &sql, bool *ok)
{
    QString output;
    const int code = run(QStringLiteral("psql"),
                         {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("-A"),
                          QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), uri(database),
                          QStringLiteral("-c"), sql},
                         false, &output);
    if (ok)
        *ok = code == 0;
    return code == 0 ? output.trimmed() : QString();
}

QString PostgresServer::uri(const QString &database) const
{
    return QStringLiteral("postgresql:///%1?host=%2&user=lapis").arg(database, m_dir.path());
}

} // namespace lapis::test
