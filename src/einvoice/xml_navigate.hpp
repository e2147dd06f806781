// SPDX-License-Identifier: MIT
#pragma once

#include <pugixml.hpp>

#include <initializer_list>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// The name of an element or attribute without its namespace prefix ("ram:ID" -> "ID").
[[nodiscard]] std::string_view local_name(const char* qualified_name) noexcept;

/// The first child element whose local name is `name`, or an empty node.
[[nodiscard]] pugi::xml_node child_by_local_name(pugi::xml_node parent, std::string_view name) noexcept;

/// Follows a path of child local names from `start`; an empty node when a step is missing.
[[nodiscard]] pugi::xml_node find_path(pugi::xml_node start, std::initializer_list<std::string_view> path) noexcept;

/// All children of `parent` with local name `name`, in document order.
[[nodiscard]] std::vector<pugi::xml_node> children_by_local_name(pugi::xml_node parent, std::string_view name);

/// All descendant elements of `parent` with local name `name`, in document order, at most `limit` of them.
[[nodiscard]] std::vector<pugi::xml_node> descendants_by_local_name(pugi::xml_node parent, std::string_view name,
                                                                    std::size_t limit = 64);

/// The child named `name` whose currencyID attribute equals `currency`, else the first child named `name`.
[[nodiscard]] pugi::xml_node child_in_currency(pugi::xml_node parent, std::string_view name,
                                               std::string_view currency) noexcept;

/// The text content of an element (character data or CDATA), "" for an empty node.
[[nodiscard]] std::string_view element_text(pugi::xml_node node) noexcept;

/// The value of the attribute whose local name is `name`, or "" when absent.
[[nodiscard]] std::string_view attribute_by_local_name(pugi::xml_node node, std::string_view name) noexcept;

/// The namespace URI bound to the prefix of `node`'s name, looked up on the node and its ancestors ("" if unbound).
[[nodiscard]] std::string_view namespace_uri(pugi::xml_node node);

} // namespace docextract::detail
