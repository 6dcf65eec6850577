// SPDX-License-Identifier: GPL-3.0-or-later
#include "Channel.h"

#include <lapis/transport/RelayRoutes.h>

#include <cctype>
#include <string_view>

namespace lapis::transport {

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace

Result<std::vector<std::string>> parseRelayAddresses(const std::string &list)
{
    std::vector<std::string> addresses;
    std::string_view rest = list;
    for (;;) {
        const auto comma = rest.find(',');
        const std::string_view entry = trimmed(rest.substr(0, comma));
        if (entry.empty())
            return fail(ErrorCode::InvalidArgument, list.empty()
                                                        ? std::string("No relay address was given")
                                                        : "The relay list \"" + list + "\" has an empty entry");
        const auto colon = entry.rfind(':');
        if (colon == std::string_view::npos || colon == 0 || colon + 1 == entry.size())
            return fail(ErrorCode::InvalidArgument,
                        "The relay address \"" + std::string(entry) + "\" is not HOST:PORT");
        addresses.emplace_back(entry);
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return addresses;
}

RelayRoutes::RelayRoutes(std::vector<Route> routes)
    : m_routes(std::move(routes))
{}

Result<std::shared_ptr<RelayRoutes>> RelayRoutes::create(const RelayEndpoint &endpoint)
{
    LAPIS_TRY_ASSIGN(const auto addresses, parseRelayAddresses(endpoint.address));
    std::vector<Route> routes;
    for (const auto &address : addresses) {
        RelayEndpoint one = endpoint;
        one.address = address;
        LAPIS_TRY_ASSIGN(auto channel, makeChannel(one));
        routes.push_back(Route{routes.size(), address, std::move(channel)});
    }
    return std::shared_ptr<RelayRoutes>(new RelayRoutes(std::move(routes)));
}

std::shared_ptr<RelayRoutes> RelayRoutes::single(std::shared_ptr<grpc::Channel> channel, std::string address)
{
    return std::shared_ptr<RelayRoutes>(new RelayRoutes({Route{0, std::move(address), std::move(channel)}}));
}

RelayRoutes::Route RelayRoutes::current() const
{
    return m_routes[m_current.load() % m_routes.size()];
}

RelayRoutes::Route RelayRoutes::at(std::size_t index) const
{
    return m_routes[index % m_routes.size()];
}

void RelayRoutes::failed(std::size_t index)
{
    if (m_routes.size() < 2)
        return;
    std::size_t expected = index;
    if (m_current.compare_exchange_strong(expected, (index + 1) % m_routes.size()))
        ++m_failovers;
}

} // namespace lapis::transport
