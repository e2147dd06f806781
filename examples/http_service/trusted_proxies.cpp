// SPDX-License-Identifier: MIT
#include "trusted_proxies.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <stdexcept>

namespace docextract::service {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text) {
    const std::string copy(trim(text));
    std::array<std::uint8_t, 16> bytes{};
    if (in_addr v4{}; ::inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
        bytes[10] = 0xFF;
        bytes[11] = 0xFF;
        const auto* raw = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
        std::copy(raw, raw + 4, bytes.begin() + 12);
        return bytes;
    }
    if (in6_addr v6{}; ::inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
        std::copy(v6.s6_addr, v6.s6_addr + 16, bytes.begin());
        return bytes;
    }
    return std::nullopt;
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& cidrs) {
    for (const std::string& cidr : cidrs) {
        const auto slash = cidr.find('/');
        const auto address = parse_ip(std::string_view(cidr).substr(0, slash));
        if (!address) {
            throw std::invalid_argument("--trusted-proxy " + cidr + ": not an IPv4 or IPv6 address or CIDR");
        }
        const bool v4 = cidr.find(':') == std::string::npos;
        int bits = v4 ? 32 : 128;
        if (slash != std::string::npos) {
            const std::string_view digits = std::string_view(cidr).substr(slash + 1);
            const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
            if (error != std::errc{} || end != digits.data() + digits.size() || bits < 0 || bits > (v4 ? 32 : 128)) {
                throw std::invalid_argument("--trusted-proxy " + cidr + ": invalid prefix length");
            }
        }
        ranges_.push_back(Range{*address, v4 ? bits + 96 : bits});
    }
}

bool TrustedProxies::contains(std::string_view address) const {
    const auto bytes = parse_ip(address);
    if (!bytes) {
        return false;
    }
    for (const Range& range : ranges_) {
        bool match = true;
        for (int bit = 0; bit < range.bits && match; ++bit) {
            const auto mask = static_cast<std::uint8_t>(0x80U >> static_cast<unsigned>(bit % 8));
            match = ((*bytes)[static_cast<std::size_t>(bit / 8)] & mask) ==
                    (range.address[static_cast<std::size_t>(bit / 8)] & mask);
        }
        if (match) {
            return true;
        }
    }
    return false;
}

std::string TrustedProxies::client_address(const std::string& peer, std::string_view forwarded_for) const {
    if (!contains(peer)) {
        return peer;
    }
    std::string client = peer;
    // Right to left: each hop was added by the proxy it connected to; stop at the first that is not trusted.
    while (!forwarded_for.empty()) {
        const auto comma = forwarded_for.rfind(',');
        const std::string_view hop =
            trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        if (!parse_ip(hop)) {
            break; // garbage: keep the last address that was vouched for
        }
        client = std::string(hop);
        if (!contains(hop)) {
            break;
        }
    }
    return client;
}

} // namespace docextract::service
