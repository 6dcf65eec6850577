// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace lapis::ui {

/// An event the relay delivered, as the view models need it (copied off the worker thread).
struct IncomingUpdate {
    engine::IncomingEvent::Kind kind = engine::IncomingEvent::Kind::Message;
    QString peer;
    QString from;
    QString text;
    bool endToEnd = true;
    int attachmentCount = 0;
    QString messageId;          ///< hex: the message itself, or the one a reaction (receipt, edit) is about
    bool typingStarted = false; ///< Typing: started or stopped
    int timerSeconds = 0;       ///< TimerChanged: the conversation's new disappearing timer
};

/// The one thread that owns and calls the Engine. The GUI thread never calls the Engine (every
/// call blocks on the network, the disk or a key derivation): it queues jobs here and gets the
/// results back as queued calls. Between jobs the worker keeps the relay's stream open
/// (Engine::listen) and reports what arrives.
class EngineWorker : public QThread {
    Q_OBJECT
public:
    /// Where a job finds the engine: null until a job opened one.
    struct Context {
        std::unique_ptr<engine::Engine> engine;
        /// True once the worker is being destroyed: long waits in a job (linking) give up then.
        std::function<bool()> stopping;
        /// Received attachments larger than this wait for a click (Settings; applied before listening).
        std::uint64_t autoDownloadLimit = engine::DefaultAutoDownloadLimit;

        /// The guard of every job that needs an open profile: NoProfileOpen when there is none.
        [[nodiscard]] Result<void> requireProfile() const
        {
            if (engine)
                return {};
            return fail(ErrorCode::NotFound, ErrorReason::NoProfileOpen, "No profile is open");
        }
    };

    explicit EngineWorker(QObject *parent = nullptr);
    /// Stops the stream, finishes the running job and closes the engine on its own thread.
    ~EngineWorker() override;

    /// Runs `work(context)` on the worker; then `done(result)` on the GUI thread, unless `receiver`
    /// is gone by then.
    template<typename R>
    void run(QObject *receiver, std::function<R(Context &)> work, std::function<void(R)> done)
    {
        QPointer<QObject> guard(receiver);
        enqueue([this, guard, work = std::move(work), done = std::move(done)](Context &context) {
            auto result = std::make_shared<R>(work(context));
            deliver([guard, done, result]() {
                if (guard)
                    done(std::move(*result));
            });
        });
    }

    /// Runs `work` on the worker with nothing to report.
    void post(std::function<void(Context &)> work) { enqueue(std::move(work)); }

    /// Runs `function` on the GUI thread (for progress reported from inside a job).
    void deliver(std::function<void()> function);

    /// Whether to keep the relay's stream open between jobs (once an account exists).
    void setListening(bool listening);

signals:
    void incoming(const lapis::ui::IncomingUpdate &update);
    void connectionChanged(bool online);

protected:
    void run() override;

private:
    void enqueue(std::function<void(Context &)> job);
    void listenOnce();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(Context &)>> m_jobs;
    std::atomic<bool> m_pending{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_listening{false};
    Context m_context;
};

} // namespace lapis::ui

Q_DECLARE_METATYPE(lapis::ui::IncomingUpdate)
