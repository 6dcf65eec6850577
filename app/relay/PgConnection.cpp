// SPDX-License-Identifier: GPL-3.0-or-later
#include "PgConnection.h"

#include <charconv>
#include <cstring>
#include <libpq-fe.h>
#include <poll.h>

namespace lapis::relay {

namespace {

pg_conn *connect(const std::string &uri)
{
    // The URI's own settings win over these defaults (expand_dbname: later keywords override).
    const char *keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char *values[] = {"5", "lapis-relay", uri.c_str(), nullptr};
    return PQconnectdbParams(keys, values, 1);
}

std::string firstLine(const char *message)
{
    std::string text = message ? message : "";
    if (auto end = text.find('\n'); end != std::string::npos)
        text.resize(end);
    return text;
}

} // namespace

PgParams &PgParams::add(std::int64_t value)
{
    m_values.push_back(std::to_string(value));
    m_null.push_back(false);
    m_binary.push_back(0);
    return *this;
}

PgParams &PgParams::add(std::string_view text)
{
    m_values.emplace_back(text);
    m_null.push_back(false);
    m_binary.push_back(0);
    return *this;
}

PgParams &PgParams::addBytes(ByteView bytes)
{
    m_values.emplace_back(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    m_null.push_back(false);
    m_binary.push_back(1);
    return *this;
}

PgParams &PgParams::addNull()
{
    m_values.emplace_back();
    m_null.push_back(true);
    m_binary.push_back(0);
    return *this;
}

void PgArray::separate()
{
    if (m_text.size() > 1)
        m_text += ',';
}

PgArray &PgArray::add(std::int64_t value)
{
    separate();
    m_text += std::to_string(value);
    return *this;
}

PgArray &PgArray::addText(std::string_view text)
{
    // Quoted, with the two characters that end or escape a quoted element escaped.
    separate();
    m_text += '"';
    for (char c : text) {
        if (c == '"' || c == '\\')
            m_text += '\\';
        m_text += c;
    }
    m_text += '"';
    return *this;
}

PgArray &PgArray::addBytes(ByteView bytes)
{
    // bytea's hex input ("\\x00ff"), its backslash escaped for the array.
    static constexpr char Hex[] = "0123456789abcdef";
    separate();
    m_text.reserve(m_text.size() + 6 + 2 * bytes.size());
    m_text += "\"\\\\x";
    for (auto b : bytes) {
        m_text += Hex[b >> 4];
        m_text += Hex[b & 0x0f];
    }
    m_text += '"';
    return *this;
}

PgResult::PgResult(pg_result *result)
    : m_result(result, PQclear)
{}

int PgResult::rows() const
{
    return PQntuples(m_result.get());
}

std::int64_t PgResult::int64(int row, int column) const
{
    const char *text = PQgetvalue(m_result.get(), row, column);
    std::int64_t value = 0;
    std::from_chars(text, text + std::strlen(text), value);
    return value;
}

std::string PgResult::text(int row, int column) const
{
    return std::string(PQgetvalue(m_result.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}

Bytes PgResult::bytes(int row, int column) const
{
    if (PQgetisnull(m_result.get(), row, column))
        return {};
    std::size_t length = 0;
    unsigned char *raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char *>(PQgetvalue(m_result.get(), row, column)), &length);
    if (!raw)
        return {};
    Bytes out(raw, raw + length);
    PQfreemem(raw);
    return out;
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

std::int64_t PgResult::affected() const
{
    const char *text = PQcmdTuples(m_result.get());
    std::int64_t value = 0;
    std::from_chars(text, text + std::strlen(text), value);
    return value;
}

PgConnection::PgConnection(std::string uri, pg_conn *conn)
    : m_uri(std::move(uri))
    , m_conn(conn)
{}

PgConnection::~PgConnection()
{
    PQfinish(m_conn);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string &uri)
{
    pg_conn *conn = connect(uri);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        std::string why = conn ? firstLine(PQerrorMessage(conn)) : "out of memory";
        PQfinish(conn);
        return fail(ErrorCode::Unavailable, "Cannot reach the PostgreSQL database: " + why);
    }
    // Quiet notices (CREATE ... IF NOT EXISTS says "already exists, skipping" on every start).
    PQsetNoticeProcessor(
        conn, [](void *, const char *) {}, nullptr);
    return std::unique_ptr<PgConnection>(new PgConnection(uri, conn));
}

Result<void> PgConnection::ensureConnected()
{
    if (PQstatus(m_conn) == CONNECTION_OK)
        return {};
    m_prepared.clear();
    PQreset(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK)
        return fail(ErrorCode::Unavailable,
                    "The PostgreSQL database is unreachable: " + firstLine(PQerrorMessage(m_conn)));
    return {};
}

Result<std::vector<std::string>> PgConnection::waitForNotifications(std::chrono::milliseconds timeout)
{
    std::vector<std::string> payloads;
    pollfd socket{PQsocket(m_conn), POLLIN, 0};
    if (socket.fd < 0)
        return fail(ErrorCode::Unavailable, "The PostgreSQL connection is closed");
    if (::poll(&socket, 1, static_cast<int>(timeout.count())) < 0)
        return payloads; // interrupted: the caller simply waits again
    if (PQconsumeInput(m_conn) == 0 || PQstatus(m_conn) != CONNECTION_OK)
        return fail(ErrorCode::Unavailable,
                    "The PostgreSQL database is unreachable: " + firstLine(PQerrorMessage(m_conn)));
    while (PGnotify *notice = PQnotifies(m_conn)) {
        payloads.emplace_back(notice->extra ? notice->extra : "");
        PQfreemem(notice);
    }
    return payloads;
}

std::string PgConnection::where() const
{
    const char *host = PQhost(m_conn);
    const char *db = PQdb(m_conn);
    return std::string(host ? host : "") + "/" + (db ? db : "");
}

Error PgConnection::errorFrom(pg_result *result, std::string_view what) const
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = firstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn));
    if (PQstatus(m_conn) != CONNECTION_OK)
        return fail(ErrorCode::Unavailable, "The PostgreSQL database is unreachable: " + message);
    const std::string sqlState = state ? state : "";
    if (sqlState == "23505")
        return fail(ErrorCode::AlreadyExists, "Already stored: " + message);
    // Serialization failures and deadlocks between relays: the caller may simply try again.
    if (sqlState == "40001" || sqlState == "40P01" || sqlState.rfind("08", 0) == 0 || sqlState.rfind("57P", 0) == 0)
        return fail(ErrorCode::Unavailable, "The PostgreSQL database asked to try again: " + message);
    return fail(ErrorCode::Io, std::string(what) + ": " + message);
}

Result<void> PgConnection::exec(std::string_view sql)
{
    pg_result *raw = PQexec(m_conn, std::string(sql).c_str());
    PgResult result(raw);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return errorFrom(raw, "A PostgreSQL statement failed");
    return {};
}

Result<void> PgConnection::commit()
{
    pg_result *raw = PQexec(m_conn, "COMMIT");
    PgResult result(raw);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK)
        return errorFrom(raw, "A PostgreSQL commit failed");
    // COMMIT in a transaction a failed statement aborted "succeeds" as ROLLBACK: nothing was stored.
    if (std::strcmp(PQcmdStatus(raw), "COMMIT") != 0)
        return fail(ErrorCode::Io, "A PostgreSQL transaction was rolled back instead of committed");
    return {};
}

Result<PgResult> PgConnection::query(const std::string &sql, const PgParams &params)
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        const std::string name = "s" + std::to_string(m_prepared.size() + 1);
        pg_result *raw = PQprepare(m_conn, name.c_str(), sql.c_str(), 0, nullptr);
        PgResult prepared(raw);
        if (!raw || PQresultStatus(raw) != PGRES_COMMAND_OK)
            return errorFrom(raw, "A PostgreSQL statement could not be prepared");
        found = m_prepared.emplace(sql, name).first;
    }
    std::vector<const char *> values;
    std::vector<int> lengths;
    for (std::size_t i = 0; i < params.m_values.size(); ++i) {
        values.push_back(params.m_null[i] ? nullptr : params.m_values[i].data());
        lengths.push_back(static_cast<int>(params.m_values[i].size()));
    }
    pg_result *raw = PQexecPrepared(m_conn, found->second.c_str(), static_cast<int>(values.size()), values.data(),
                                    lengths.data(), params.m_binary.data(), 0);
    PgResult result(raw);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return errorFrom(raw, "A PostgreSQL statement failed");
    return result;
}

} // namespace lapis::relay
