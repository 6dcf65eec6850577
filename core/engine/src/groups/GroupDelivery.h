// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/OutgoingMessages.h>
#include <lapis/protocol/Content.h>

#include <vector>

namespace lapis::engine {

/// One pairwise content for one account's devices (a group change, a sending chain), encrypted
/// and kept in the outbox under the content's id until the relay takes it.
struct PairwiseDelivery {
    AccountId account;
    protocol::Content content;
    std::vector<OutgoingEnvelope> envelopes;
};

/// Encrypts `delivery.content` for `targets` and keeps the envelopes in the outbox.
Result<void> preparePairwise(store::Transaction &tx, OutgoingMessages &outgoing, PairwiseDelivery &delivery,
                             const SendTargets &targets, std::int64_t nowMs);

} // namespace lapis::engine
