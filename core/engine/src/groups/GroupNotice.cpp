// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/groups/GroupNotice.h>

namespace lapis::engine {

std::string encodeGroupNotice(const GroupNotice &notice)
{
    std::string out = std::to_string(static_cast<int>(notice.kind));
    out += '\n';
    for (std::size_t i = 0; i < notice.members.size(); ++i) {
        if (i > 0)
            out += ',';
        out += notice.members[i].value();
    }
    out += '\n';
    out += notice.name;
    return out;
}

std::optional<GroupNotice> decodeGroupNotice(std::string_view text)
{
    using Kind = protocol::GroupChange::Kind;
    const auto firstBreak = text.find('\n');
    if (firstBreak != 1)
        return std::nullopt;
    const int number = text[0] - '0';
    if (number < static_cast<int>(Kind::Create) || number > static_cast<int>(Kind::Rename))
        return std::nullopt;
    const auto secondBreak = text.find('\n', firstBreak + 1);
    if (secondBreak == std::string_view::npos)
        return std::nullopt;
    GroupNotice notice;
    notice.kind = static_cast<Kind>(number);
    auto members = text.substr(firstBreak + 1, secondBreak - firstBreak - 1);
    while (!members.empty()) {
        const auto comma = members.find(',');
        notice.members.emplace_back(std::string(members.substr(0, comma)));
        if (comma == std::string_view::npos)
            break;
        members.remove_prefix(comma + 1);
    }
    notice.name = std::string(text.substr(secondBreak + 1));
    return notice;
}

} // namespace lapis::engine
