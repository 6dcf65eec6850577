// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace lapis::relay {

/// Parameters of one statement: text for numbers and strings, binary for bytes.
class PgParams {
public:
    PgParams &add(std::int64_t value);
    PgParams &add(std::string_view text);
    PgParams &addBytes(ByteView bytes);
    PgParams &addNull();

private:
    friend class PgConnection;
    std::vector<std::string> m_values;
    std::vector<bool> m_null;
    std::vector<int> m_binary;
};

/// An array parameter in PostgreSQL's text form ("{1,2}", "{\"a\",\"\\\\x00ff\"}"), passed as text
/// and cast in the statement ($1::bigint[]): many rows in one statement.
class PgArray {
public:
    PgArray &add(std::int64_t value);
    PgArray &addText(std::string_view text);
    PgArray &addBytes(ByteView bytes);
    [[nodiscard]] std::string literal() const { return m_text + '}'; }

private:
    void separate();
    std::string m_text = "{";
};

/// The rows a statement returned (text format; bytea decoded by bytes()).
class PgResult {
public:
    explicit PgResult(pg_result *result);
    [[nodiscard]] int rows() const;
    [[nodiscard]] std::int64_t int64(int row, int column) const;
    [[nodiscard]] std::string text(int row, int column) const;
    [[nodiscard]] Bytes bytes(int row, int column) const;
    [[nodiscard]] bool isNull(int row, int column) const;
    /// Rows an INSERT/UPDATE/DELETE touched.
    [[nodiscard]] std::int64_t affected() const;

private:
    std::shared_ptr<pg_result> m_result;
};

/// One libpq connection, used from one thread at a time. A connection that broke (the server
/// went away) is reported as Unavailable and opened again by reconnect() before the next use.
class PgConnection {
public:
    /// `uri`: a libpq connection URI or key=value string. Unavailable when the server does not answer.
    static Result<std::unique_ptr<PgConnection>> open(const std::string &uri);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    /// One or more statements without parameters.
    Result<void> exec(std::string_view sql);
    /// COMMIT; an error when the transaction was rolled back instead (a statement in it failed).
    Result<void> commit();
    /// A statement with parameters, prepared once per connection.
    Result<PgResult> query(const std::string &sql, const PgParams &params = {});
    /// Whether the connection is usable; a broken one is opened again (Unavailable if it cannot be).
    Result<void> ensureConnected();
    /// Waits up to `timeout` for NOTIFY messages (after LISTEN) and returns their payloads;
    /// Unavailable once the connection broke.
    Result<std::vector<std::string>> waitForNotifications(std::chrono::milliseconds timeout);
    /// "HOST/DATABASE" (or "SOCKET-FOLDER/DATABASE"), for the log; never the password.
    [[nodiscard]] std::string where() const;

private:
    PgConnection(std::string uri, pg_conn *conn);
    Error errorFrom(pg_result *result, std::string_view what) const;

    std::string m_uri;
    pg_conn *m_conn = nullptr;
    std::unordered_map<std::string, std::string> m_prepared;
};

} // namespace lapis::relay
