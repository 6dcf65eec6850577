// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/protocol/SessionState.h>

#include <optional>
#include <vector>

namespace lapis::protocol {

/// All session states with one peer device: the current one (used to send) and up to
/// MaxArchivedStates earlier ones that still decrypt late messages.
class SessionRecord {
public:
    SessionRecord() = default;

    [[nodiscard]] bool hasCurrent() const { return m_current.has_value(); }
    [[nodiscard]] SessionState &current() { return *m_current; }
    [[nodiscard]] const SessionState &current() const { return *m_current; }
    [[nodiscard]] const std::vector<SessionState> &archived() const { return m_archived; }
    [[nodiscard]] std::vector<SessionState> &archived() { return m_archived; }

    /// Makes `state` current; the old current one becomes the newest archived state.
    void promote(SessionState state);
    /// Keeps `state` only as an archived state (newest first), for late messages.
    void archive(SessionState state);
    /// The state (current or archived) set up by the X3DH run with this base key, if any.
    [[nodiscard]] SessionState *findByBaseKey(const crypto::X25519PublicKey &baseKey);

    /// Versioned protobuf form (PROTOCOL.md, "Session state at rest"). Round-trips exactly:
    /// deserialize(serialize(r)).serialize() == serialize(r).
    /// The bytes hold key material: store them only encrypted.
    [[nodiscard]] WipedBytes serialize() const;
    /// Corrupt for damaged bytes, Unsupported for a version newer than this build.
    static Result<SessionRecord> deserialize(ByteView bytes);

    /// Current format version of serialize().
    static constexpr std::uint32_t FormatVersion = 1;

private:
    std::optional<SessionState> m_current;
    std::vector<SessionState> m_archived; ///< newest first
};

} // namespace lapis::protocol
