// SPDX-License-Identifier: MIT
#pragma once

// The client address of a request behind reverse proxies (--trusted-proxy CIDR, repeatable). X-Forwarded-For is
// believed only when the connection comes from a trusted proxy, and then only as far as the chain of trusted
// proxies goes: the address taken is the right-most one in the header that is not itself a trusted proxy. Anyone
// else can write anything into the header, so for other peers it is ignored.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

class TrustedProxies {
public:
    TrustedProxies() = default; ///< None: the peer address is always the client.
    /// Throws std::invalid_argument for a CIDR that is not "ADDRESS" or "ADDRESS/BITS" (IPv4 or IPv6).
    explicit TrustedProxies(const std::vector<std::string>& cidrs);

    /// True when `address` (text form) lies in one of the ranges.
    [[nodiscard]] bool contains(std::string_view address) const;

    /// The client: `peer` itself unless it is a trusted proxy and `forwarded_for` names an earlier hop.
    [[nodiscard]] std::string client_address(const std::string& peer, std::string_view forwarded_for) const;

    [[nodiscard]] bool empty() const noexcept { return ranges_.empty(); }

private:
    struct Range {
        std::array<std::uint8_t, 16> address{}; ///< IPv4 as ::ffff:a.b.c.d
        int bits = 0;                           ///< Prefix length over the 128 bits.
    };
    std::vector<Range> ranges_;
};

/// An IPv4 or IPv6 address in text form as 16 bytes (IPv4 mapped to ::ffff:a.b.c.d), or nullopt.
std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text);

} // namespace docextract::service
