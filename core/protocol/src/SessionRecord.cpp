// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/SessionRecord.h>

namespace lapis::protocol {

void SessionRecord::promote(SessionState state)
{
    if (m_current)
        archive(std::move(*m_current));
    m_current = std::move(state);
}

void SessionRecord::archive(SessionState state)
{
    m_archived.insert(m_archived.begin(), std::move(state));
    if (m_archived.size() > MaxArchivedStates)
        m_archived.resize(MaxArchivedStates);
}

SessionState *SessionRecord::findByBaseKey(const crypto::X25519PublicKey &baseKey)
{
    if (m_current && m_current->baseKey == baseKey)
        return &*m_current;
    for (auto &state : m_archived) {
        if (state.baseKey == baseKey)
            return &state;
    }
    return nullptr;
}

} // namespace lapis::protocol
