// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineWorker.h"

#include <QMetaObject>

#include <chrono>

namespace lapis::ui {

EngineWorker::EngineWorker(QObject *parent)
    : QThread(parent)
{
    qRegisterMetaType<lapis::ui::IncomingUpdate>();
    setObjectName(QStringLiteral("lapis-engine"));
    m_context.stopping = [this] { return m_stopping.load(); };
}

EngineWorker::~EngineWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    wait();
}

void EngineWorker::enqueue(std::function<void(Context &)> job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
        m_pending = true;
    }
    m_wake.notify_all();
}

void EngineWorker::deliver(std::function<void()> function)
{
    QMetaObject::invokeMethod(this, std::move(function), Qt::QueuedConnection);
}

void EngineWorker::setListening(bool listening)
{
    {
        std::lock_guard lock(m_mutex);
        m_listening = listening;
        m_pending = true; // ends a running listen() so the loop sees the change
    }
    m_wake.notify_all();
}

void EngineWorker::run()
{
    for (;;) {
        std::deque<std::function<void(Context &)>> batch;
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
            batch.swap(m_jobs);
            m_pending = false;
        }
        for (auto &job : batch)
            job(m_context);
        if (!batch.empty())
            continue;
        if (m_listening && m_context.engine && m_context.engine->hasAccount()) {
            listenOnce();
            continue;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty() || (m_listening && m_pending); });
    }
    // The engine (and its store thread) is closed on the thread that used it.
    m_context.engine.reset();
}

void EngineWorker::listenOnce()
{
    engine::ListenCallbacks callbacks;
    callbacks.onItem = [this](const engine::ReceivedItem &item) {
        IncomingUpdate update;
        update.kind = item.event.kind;
        update.peer = QString::fromStdString(item.event.conversationPeer.value());
        update.from = QString::fromStdString(item.event.from.value());
        update.text = QString::fromStdString(item.event.text);
        update.endToEnd = item.event.endToEnd;
        update.attachmentCount = static_cast<int>(item.event.attachments.size());
        update.messageId = QString::fromStdString(item.event.messageId.toHex());
        update.typingStarted = item.event.typingStarted;
        update.timerSeconds = static_cast<int>(item.event.expireTimerSeconds);
        deliver([this, update] { emit incoming(update); });
    };
    callbacks.onConnection = [this](bool online) { deliver([this, online] { emit connectionChanged(online); }); };
    m_context.engine->setAutoDownloadLimit(m_context.autoDownloadLimit);
    const auto outcome = m_context.engine->listen(callbacks, [this] { return m_pending.load() || m_stopping.load(); });
    if (!outcome.ok()) {
        deliver([this] { emit connectionChanged(false); });
        // The stream failed for good (relay gone): try again after a pause, or at the next job.
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::seconds(3), [this] { return m_stopping || !m_jobs.empty(); });
    }
}

} // namespace lapis::ui
