// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-e2e's plumbing: CPU time per message of this process and the relay, and the
// bounded window of envelopes in flight on the relay-only path.
#pragma once

#include <lapis/transport/Types.h>

#include <QtGlobal>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace lapis::bench {

/// CPU seconds (user + system) used so far by this process and by the relay: where the time of a
/// round went, per message. Linux's /proc; elsewhere the relay's share reads as 0.
struct CpuClock {
    qint64 relayPid = 0;

    static double ofProcess(const std::string &statPath)
    {
        std::FILE *f = std::fopen(statPath.c_str(), "r");
        if (!f)
            return 0;
        char buffer[1024] = {};
        const auto n = std::fread(buffer, 1, sizeof buffer - 1, f);
        std::fclose(f);
        // Fields after the command name, which is in parentheses and may hold spaces.
        const char *rest = std::strrchr(buffer, ')');
        if (n == 0 || !rest)
            return 0;
        unsigned long utime = 0;
        unsigned long stime = 0;
        if (std::sscanf(rest + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
            return 0;
        return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    [[nodiscard]] std::pair<double, double> now() const
    {
        return {ofProcess("/proc/self/stat"), ofProcess("/proc/" + std::to_string(relayPid) + "/stat")};
    }
};

/// CPU microseconds per message of a round: this process (engines, gRPC clients) and the relay.
struct CpuShare {
    double ownMicros = 0;
    double relayMicros = 0;
};

CpuShare cpuPerMessage(const std::pair<double, double> &before, const std::pair<double, double> &after, int messages)
{
    const double n = std::max(1, messages);
    return {(after.first - before.first) * 1e6 / n, (after.second - before.second) * 1e6 / n};
}

/// A bounded number of batches in flight, so memory stays flat however far the relay falls behind.
class Window {
public:
    explicit Window(int size)
        : m_size(size)
    {}
    void acquire()
    {
        std::unique_lock lock(m_mutex);
        m_freed.wait(lock, [&] { return m_inFlight < m_size; });
        ++m_inFlight;
    }
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            --m_inFlight;
        }
        m_freed.notify_all();
    }
    void drain()
    {
        std::unique_lock lock(m_mutex);
        m_freed.wait(lock, [&] { return m_inFlight == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_size;
    int m_inFlight = 0;
};

} // namespace lapis::bench
