// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/LinkBundle.h>
#include <lapis/protocol/GroupState.h>
#include <lapis/protocol/Limits.h>

#include <cstring>

namespace lapis::engine {

namespace {
constexpr std::size_t MaxField = 1 << 20;

class Writer {
public:
    void u8(std::uint8_t v) { m_out.push_back(v); }
    void u32(std::uint32_t v)
    {
        for (int s = 24; s >= 0; s -= 8)
            m_out.push_back(static_cast<std::uint8_t>(v >> s));
    }
    void i64(std::int64_t v)
    {
        const auto u = static_cast<std::uint64_t>(v);
        for (int s = 56; s >= 0; s -= 8)
            m_out.push_back(static_cast<std::uint8_t>(u >> s));
    }
    void raw(ByteView b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    void bytes(ByteView b)
    {
        u32(static_cast<std::uint32_t>(b.size()));
        raw(b);
    }
    void text(const std::string &s) { bytes(asBytes(s)); }
    Bytes &&take() { return std::move(m_out); }

private:
    Bytes m_out;
};

class Reader {
public:
    explicit Reader(ByteView in)
        : m_in(in)
    {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_in.size(); }
    std::uint8_t u8() { return need(1) ? m_in[m_at++] : 0; }
    std::uint32_t u32()
    {
        if (!need(4))
            return 0;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | m_in[m_at++];
        return v;
    }
    std::int64_t i64()
    {
        if (!need(8))
            return 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | m_in[m_at++];
        return static_cast<std::int64_t>(v);
    }
    ByteView raw(std::size_t n)
    {
        if (!need(n))
            return {};
        const auto out = m_in.subspan(m_at, n);
        m_at += n;
        return out;
    }
    ByteView bytes()
    {
        const auto n = u32();
        if (n > MaxField) {
            m_ok = false;
            return {};
        }
        return raw(n);
    }
    std::string text() { return toString(bytes()); }

private:
    bool need(std::size_t n)
    {
        if (!m_ok || m_in.size() - m_at < n)
            m_ok = false;
        return m_ok;
    }
    ByteView m_in;
    std::size_t m_at = 0;
    bool m_ok = true;
};
} // namespace

WipedBytes LinkBundle::serialize() const
{
    Writer w;
    w.u8(Version);
    w.text(account.value());
    w.raw(accountKeySeed.view());
    w.bytes(linkToken);
    w.u32(static_cast<std::uint32_t>(contacts.size()));
    for (const auto &c : contacts) {
        w.text(c.account.value());
        w.text(c.displayName);
        w.bytes(c.pinnedAccountKey);
        w.u8(static_cast<std::uint8_t>((c.verified ? 1 : 0) | (c.everHadEndToEnd ? 2 : 0)));
    }
    w.u32(static_cast<std::uint32_t>(recentMessages.size()));
    for (const auto &m : recentMessages) {
        w.text(m.peer.value());
        w.raw(m.id.bytes());
        w.text(m.sender.value());
        w.u32(m.senderDevice.value());
        w.u8(static_cast<std::uint8_t>((m.outgoing ? 1 : 0) | (m.endToEnd ? 2 : 0) | (m.timerNotice ? 4 : 0)
                                       | (m.expiresAtMs ? 8 : 0) | (m.groupNotice ? 16 : 0)));
        w.i64(m.sentAtMs);
        w.text(m.text);
        w.u32(m.expireTimerSeconds);
        w.i64(m.expiresAtMs.value_or(0));
    }
    w.u32(static_cast<std::uint32_t>(timers.size()));
    for (const auto &t : timers) {
        w.text(t.peer.value());
        w.u32(t.seconds);
    }
    w.u32(static_cast<std::uint32_t>(groups.size()));
    for (const auto &g : groups) {
        w.raw(g.id.bytes());
        w.u32(static_cast<std::uint32_t>(g.changes.size()));
        for (const auto &change : g.changes)
            w.bytes(change);
    }
    return WipedBytes(w.take());
}

std::size_t LinkBundle::serializedSize(const Message &m)
{
    // As serialize() writes it: each text and byte string is a u32 length and its bytes.
    return 4 + m.peer.value().size() + MessageId::Size + 4 + m.sender.value().size() + 4 + 1 + 8 + 4 + m.text.size() + 4
           + 8;
}

std::size_t LinkBundle::serializedSize() const
{
    std::size_t size = 1 + 4 + account.value().size() + accountKeySeed.view().size() + 4 + linkToken.size() + 4;
    for (const auto &c : contacts)
        size += 4 + c.account.value().size() + 4 + c.displayName.size() + 4 + c.pinnedAccountKey.size() + 1;
    size += 4;
    for (const auto &m : recentMessages)
        size += serializedSize(m);
    size += 4;
    for (const auto &t : timers)
        size += 4 + t.peer.value().size() + 4;
    size += 4;
    for (const auto &g : groups) {
        size += MessageId::Size + 4;
        for (const auto &change : g.changes)
            size += 4 + change.size();
    }
    return size;
}

Result<LinkBundle> LinkBundle::deserialize(ByteView bytes)
{
    const auto damaged = fail(ErrorCode::Corrupt, "The link bundle is damaged");
    if (bytes.empty())
        return damaged;
    const std::uint8_t version = bytes[0];
    if (version < 1 || version > Version)
        return fail(ErrorCode::Unsupported, "The link bundle is from another version of Lapis");
    Reader r(bytes.subspan(1));
    LinkBundle b;
    b.account = AccountId(r.text());
    const auto seed = r.raw(32);
    if (!r.ok() || b.account.value().empty())
        return damaged;
    b.accountKeySeed = SecretArray<32>::fromView(seed);
    const auto token = r.bytes();
    b.linkToken.assign(token.begin(), token.end());
    const auto contactCount = r.u32();
    if (!r.ok() || contactCount > MaxContacts)
        return damaged;
    for (std::uint32_t i = 0; i < contactCount && r.ok(); ++i) {
        Contact c;
        c.account = AccountId(r.text());
        c.displayName = r.text();
        const auto key = r.bytes();
        c.pinnedAccountKey.assign(key.begin(), key.end());
        const auto flags = r.u8();
        c.verified = (flags & 1) != 0;
        c.everHadEndToEnd = (flags & 2) != 0;
        b.contacts.push_back(std::move(c));
    }
    const auto messageCount = r.u32();
    if (!r.ok() || messageCount > MaxMessages)
        return damaged;
    for (std::uint32_t i = 0; i < messageCount && r.ok(); ++i) {
        Message m;
        m.peer = AccountId(r.text());
        const auto id = r.raw(MessageId::Size);
        if (!r.ok())
            break;
        m.id = *MessageId::fromBytes(id);
        m.sender = AccountId(r.text());
        m.senderDevice = DeviceId(r.u32());
        const auto flags = r.u8();
        m.outgoing = (flags & 1) != 0;
        m.endToEnd = (flags & 2) != 0;
        m.sentAtMs = r.i64();
        m.text = r.text();
        if (version >= 2) {
            m.timerNotice = (flags & 4) != 0;
            m.expireTimerSeconds = r.u32();
            const auto expiresAt = r.i64();
            if ((flags & 8) != 0)
                m.expiresAtMs = expiresAt;
            if (m.expireTimerSeconds > protocol::MaxExpireTimerSeconds)
                return damaged;
        }
        if (version >= 3)
            m.groupNotice = (flags & 16) != 0;
        if (m.timerNotice && m.groupNotice)
            return damaged;
        b.recentMessages.push_back(std::move(m));
    }
    if (version >= 2) {
        const auto timerCount = r.u32();
        if (!r.ok() || timerCount > MaxContacts)
            return damaged;
        for (std::uint32_t i = 0; i < timerCount && r.ok(); ++i) {
            ConversationTimer t;
            t.peer = AccountId(r.text());
            t.seconds = r.u32();
            if (t.seconds > protocol::MaxExpireTimerSeconds)
                return damaged;
            b.timers.push_back(std::move(t));
        }
    }
    if (version >= 3) {
        const auto groupCount = r.u32();
        if (!r.ok() || groupCount > MaxContacts)
            return damaged;
        for (std::uint32_t i = 0; i < groupCount && r.ok(); ++i) {
            Group g;
            const auto id = r.raw(MessageId::Size);
            const auto changeCount = r.u32();
            if (!r.ok() || changeCount == 0 || changeCount > protocol::MaxGroupLogChanges + 1)
                return damaged;
            g.id = *MessageId::fromBytes(id);
            for (std::uint32_t c = 0; c < changeCount && r.ok(); ++c) {
                const auto change = r.bytes();
                g.changes.emplace_back(change.begin(), change.end());
            }
            b.groups.push_back(std::move(g));
        }
    }
    if (!r.ok() || !r.atEnd())
        return damaged;
    return b;
}

} // namespace lapis::engine
