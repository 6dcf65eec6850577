// SPDX-License-Identifier: GPL-3.0-or-later
#include "MailboxHub.h"

namespace lapis::relay {

bool MailboxHub::Subscription::wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, timeout, [&] { return m_rung || m_closed; });
    m_rung = false;
    return !m_closed;
}

void MailboxHub::Subscription::ring()
{
    {
        std::lock_guard lock(m_mutex);
        m_rung = true;
    }
    m_cv.notify_all();
}

void MailboxHub::Subscription::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_cv.notify_all();
}

std::shared_ptr<MailboxHub::Subscription> MailboxHub::subscribe(const std::string &account, std::uint32_t device)
{
    auto sub = std::make_shared<Subscription>();
    std::shared_ptr<Subscription> old;
    {
        std::lock_guard lock(m_mutex);
        auto &slot = m_subscriptions[{account, device}];
        old = std::move(slot);
        slot = sub;
    }
    if (old)
        old->close();
    return sub;
}

void MailboxHub::unsubscribe(const std::string &account, std::uint32_t device, const std::shared_ptr<Subscription> &sub)
{
    std::lock_guard lock(m_mutex);
    auto it = m_subscriptions.find({account, device});
    if (it != m_subscriptions.end() && it->second == sub)
        m_subscriptions.erase(it);
}

void MailboxHub::notify(const std::string &account, std::uint32_t device)
{
    std::shared_ptr<Subscription> sub;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_subscriptions.find({account, device});
        if (it != m_subscriptions.end())
            sub = it->second;
    }
    if (sub)
        sub->ring();
}

void MailboxHub::disconnect(const std::string &account, std::uint32_t device)
{
    std::shared_ptr<Subscription> sub;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_subscriptions.find({account, device});
        if (it != m_subscriptions.end()) {
            sub = std::move(it->second);
            m_subscriptions.erase(it);
        }
    }
    if (sub)
        sub->close();
}

void MailboxHub::closeAll()
{
    std::map<std::pair<std::string, std::uint32_t>, std::shared_ptr<Subscription>> all;
    {
        std::lock_guard lock(m_mutex);
        all.swap(m_subscriptions);
    }
    for (auto &[key, sub] : all)
        sub->close();
}

} // namespace lapis::relay
