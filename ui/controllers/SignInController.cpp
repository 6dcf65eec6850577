// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInController.h"
#include "util/ErrorText.h"

#include <lapis/engine/Engine.h>

#include <QDateTime>
#include <QPointer>

namespace lapis::ui {

namespace {

using engine::SignInRequest;

QDateTime timeOf(std::int64_t ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms) : QDateTime();
}

QVariantMap pendingRow(const SignInRequest &r)
{
    return {{QStringLiteral("id"), QString::fromStdString(r.id)},
            {QStringLiteral("code"), QString::fromStdString(r.code)},
            {QStringLiteral("deviceName"), QString::fromStdString(r.deviceName)},
            {QStringLiteral("time"), timeOf(r.createdAtMs)}};
}

QVariantMap decidedRow(const SignInRequest &r)
{
    return {{QStringLiteral("id"), QString::fromStdString(r.id)},
            {QStringLiteral("deviceName"), QString::fromStdString(r.deviceName)},
            {QStringLiteral("approved"), r.state == SignInRequest::State::Approved},
            {QStringLiteral("time"), timeOf(r.decidedAtMs > 0 ? r.decidedAtMs : r.createdAtMs)}};
}

int indexOf(const QVariantList &rows, const QString &id)
{
    for (int i = 0; i < rows.size(); ++i)
        if (rows[i].toMap().value(QStringLiteral("id")).toString() == id)
            return i;
    return -1;
}

} // namespace

SignInController::SignInController(EngineWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{}

void SignInController::watch()
{
    auto *worker = m_worker;
    QPointer<SignInController> self(this);
    m_worker->run<Result<std::vector<SignInRequest>>>(
        this,
        [worker, self](EngineWorker::Context &context) -> Result<std::vector<SignInRequest>> {
            LAPIS_TRY(context.requireProfile());
            // Runs on the stream's thread: hand each event over to the GUI thread at once.
            context.engine->setSignInListener([worker, self](const SignInRequest &request, bool) {
                worker->deliver([self, request] {
                    if (self)
                        self->onEvent(request);
                });
            });
            return context.engine->signInRequests();
        },
        [this](Result<std::vector<SignInRequest>> result) {
            if (result.ok())
                takePending(result.value());
        });
    loadHistory();
}

void SignInController::takePending(const std::vector<SignInRequest> &pending)
{
    for (const auto &request : pending)
        showRequest(pendingRow(request));
}

void SignInController::loadHistory()
{
    m_worker->run<Result<std::vector<SignInRequest>>>(
        this,
        [](EngineWorker::Context &context) -> Result<std::vector<SignInRequest>> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->signInHistory();
        },
        [this](Result<std::vector<SignInRequest>> result) {
            if (!result.ok())
                return;
            m_history.clear();
            for (const auto &entry : result.value())
                m_history << decidedRow(entry);
            emit historyChanged();
        });
}

void SignInController::showRequest(const QVariantMap &row)
{
    const auto id = row.value(QStringLiteral("id")).toString();
    const int at = indexOf(m_requests, id);
    if (at >= 0) {
        // A pushed request may come without its code, the listed one with it: keep the code.
        if (!row.value(QStringLiteral("code")).toString().isEmpty()) {
            m_requests[at] = row;
            emit requestsChanged();
        }
        return;
    }
    m_requests << row;
    emit requestsChanged();
    emit requestArrived(row.value(QStringLiteral("deviceName")).toString());
}

void SignInController::onEvent(const SignInRequest &request)
{
    if (request.state == SignInRequest::State::Pending) {
        showRequest(pendingRow(request));
        if (request.code.empty()) {
            // A pushed request may come without its code: ask for the list, which has it.
            m_worker->run<Result<std::vector<SignInRequest>>>(
                this,
                [](EngineWorker::Context &context) -> Result<std::vector<SignInRequest>> {
                    LAPIS_TRY(context.requireProfile());
                    return context.engine->signInRequests();
                },
                [this](Result<std::vector<SignInRequest>> result) {
                    if (result.ok())
                        takePending(result.value());
                });
        }
        return;
    }
    if (const int at = indexOf(m_requests, QString::fromStdString(request.id)); at >= 0 && !request.id.empty()) {
        m_requests.removeAt(at);
        emit requestsChanged();
    }
    const auto row = decidedRow(request);
    m_latestOutcome = row;
    emit latestOutcomeChanged();
    emit decided(row.value(QStringLiteral("deviceName")).toString(), row.value(QStringLiteral("approved")).toBool());
    loadHistory(); // the engine kept it already, deduplicated
}

void SignInController::deny(const QString &id)
{
    m_worker->run<Result<void>>(
        this,
        [id = id.toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->denySignIn(id);
        },
        [this, id](Result<void> result) {
            if (!result.ok())
                emit failed(errorSentence(result.error()));
            dismiss(id);
        });
}

void SignInController::dismiss(const QString &id)
{
    if (const int at = indexOf(m_requests, id); at >= 0) {
        m_requests.removeAt(at);
        emit requestsChanged();
    }
}

void SignInController::dismissOutcome()
{
    if (m_latestOutcome.isEmpty())
        return;
    m_latestOutcome.clear();
    emit latestOutcomeChanged();
}

} // namespace lapis::ui
