// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

/// The most messages indexed for search in one transaction while the relay has nothing new:
/// tens of milliseconds of the store's time, so a message arriving meanwhile waits little.
inline constexpr std::size_t SearchIndexChunk = 2000;

/// A conversation as the desktop app's list shows it.
struct ConversationSummary {
    store::Conversation conversation;
    std::optional<store::StoredMessage> lastMessage;
    bool endToEnd = false; ///< blue: the contact has an account key; green: plaintext only
    store::VerificationState verification = store::VerificationState::Unverified;
    /// A group's conversation (its key is '#' and the group id): blue when every member is
    /// reached end to end.
    bool isGroup = false;
    std::size_t groupMembers = 0;
    /// This account is a member of the group now (a removed member keeps its history).
    bool groupMember = false;
};

/// An attachment of a message as a view shows it.
struct AttachmentSummary {
    std::int64_t id = 0;
    std::string fileName;
    std::string mimeType;
    std::uint64_t size = 0;
    store::AttachmentState state = store::AttachmentState::Remote;
    bool incoming = false;
};

/// One page of a conversation, newest first, with the messages' attachments (by message id hex).
struct MessagePageView {
    std::int64_t conversationId = 0;
    store::MessagePage page;
    std::map<std::string, std::vector<AttachmentSummary>> attachments;
    /// Newer messages than the page's newest exist (a page around a message or after a cursor).
    bool hasNewer = false;
};

/// What the views are built from: the conversation list, pages of messages, history, search.
/// Reads only, except that search indexes what is not indexed yet.
class ConversationViews {
public:
    explicit ConversationViews(EngineContext &context)
        : m_ctx(context)
    {}

    /// Conversations, most recent first, with their last message and blue/green state.
    Result<std::vector<ConversationSummary>> conversations();
    /// Up to `limit` messages with `peer`, newest first, older than `before`.
    Result<MessagePageView> messagePage(const AccountId &peer, int limit,
                                        const std::optional<store::MessageCursor> &before);
    /// Up to `limit` messages with `peer` newer than `after`, newest first; `hasNewer` says
    /// whether still newer ones exist (paging back towards the present).
    Result<MessagePageView> messagePageAfter(const AccountId &peer, int limit, const store::MessageCursor &after);
    /// About `limit` messages with `peer` around `message` (as many newer as older, the message
    /// included), newest first: where a search hit opens. `page.next` pages on to older messages,
    /// `hasNewer` says whether newer ones exist. NotFound when the conversation has no such message.
    Result<MessagePageView> messagePageAround(const AccountId &peer, const MessageId &message, int limit);
    Result<std::vector<store::StoredMessage>> history(const AccountId &peer, int limit);
    Result<std::vector<store::StoredMessage>> search(const std::string &text, int limit = 50);
    /// Indexes up to `limit` messages stored since for search, in one transaction; returns how
    /// many. The receive loop calls it while the relay has nothing new, and search() indexes all
    /// that is left first: messages are stored without it, so a burst pays no index cost.
    Result<std::size_t> indexSearchBacklog(std::size_t limit = SearchIndexChunk);

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
