// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceChangeController.h"

#include <lapis/engine/Engine.h>

#include <QDateTime>
#include <QPointer>

namespace lapis::ui {

namespace {

QVariantMap rowOf(const engine::DeviceChange &change)
{
    return {{QStringLiteral("deviceId"), static_cast<qint64>(change.deviceId)},
            {QStringLiteral("deviceName"), QString::fromStdString(change.deviceName)},
            {QStringLiteral("added"), change.kind == engine::DeviceChange::Kind::Added},
            {QStringLiteral("time"),
             change.atMs > 0 ? QDateTime::fromMSecsSinceEpoch(change.atMs) : QDateTime::currentDateTime()}};
}

} // namespace

DeviceChangeController::DeviceChangeController(EngineWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{}

void DeviceChangeController::watch()
{
    auto *worker = m_worker;
    QPointer<DeviceChangeController> self(this);
    m_worker->run<Result<void>>(
        this,
        [worker, self](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            // Runs on the stream's thread: hand each change over to the GUI thread at once.
            context.engine->setDeviceChangeListener([worker, self](const engine::DeviceChange &change) {
                worker->deliver([self, change] {
                    if (self)
                        self->onChange(change);
                });
            });
            return {};
        },
        [this](const Result<void> &) { load(); });
}

void DeviceChangeController::load()
{
    m_worker->run<Result<std::vector<engine::DeviceChange>>>(
        this,
        [](EngineWorker::Context &context) -> Result<std::vector<engine::DeviceChange>> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->deviceChanges();
        },
        [this](Result<std::vector<engine::DeviceChange>> result) {
            if (!result.ok())
                return;
            m_history.clear();
            for (const auto &change : result.value())
                m_history << rowOf(change);
            emit historyChanged();
        });
}

void DeviceChangeController::onChange(const engine::DeviceChange &change)
{
    m_latest = rowOf(change);
    emit latestChanged();
    load(); // the engine kept it already, deduplicated
}

void DeviceChangeController::dismiss()
{
    if (m_latest.isEmpty())
        return;
    m_latest.clear();
    emit latestChanged();
}

} // namespace lapis::ui
