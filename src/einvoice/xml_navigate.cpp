// SPDX-License-Identifier: MIT
#include "einvoice/xml_navigate.hpp"

#include <string>

namespace docextract::detail {

std::string_view local_name(const char* qualified_name) noexcept {
    const std::string_view name = qualified_name == nullptr ? std::string_view{} : std::string_view{qualified_name};
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_by_local_name(pugi::xml_node parent, std::string_view name) noexcept {
    for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) {
            return child;
        }
    }
    return {};
}

pugi::xml_node find_path(pugi::xml_node start, std::initializer_list<std::string_view> path) noexcept {
    pugi::xml_node node = start;
    for (const std::string_view step : path) {
        if (!node) {
            break;
        }
        node = child_by_local_name(node, step);
    }
    return node;
}

std::vector<pugi::xml_node> children_by_local_name(pugi::xml_node parent, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) {
            found.push_back(child);
        }
    }
    return found;
}

std::vector<pugi::xml_node> descendants_by_local_name(pugi::xml_node parent, std::string_view name, std::size_t limit) {
    std::vector<pugi::xml_node> found;
    // Iterative pre-order walk: deep documents cannot overflow the stack.
    pugi::xml_node node = parent.first_child();
    while (node && found.size() < limit) {
        if (node.type() == pugi::node_element && local_name(node.name()) == name) {
            found.push_back(node);
        }
        if (node.first_child()) {
            node = node.first_child();
            continue;
        }
        while (node && node != parent && !node.next_sibling()) {
            node = node.parent();
        }
        if (!node || node == parent) {
            break;
        }
        node = node.next_sibling();
    }
    return found;
}

pugi::xml_node child_in_currency(pugi::xml_node parent, std::string_view name, std::string_view currency) noexcept {
    pugi::xml_node first;
    for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element || local_name(child.name()) != name) {
            continue;
        }
        if (!currency.empty() && attribute_by_local_name(child, "currencyID") == currency) {
            return child;
        }
        if (!first) {
            first = child;
        }
    }
    return first;
}

std::string_view element_text(pugi::xml_node node) noexcept {
    return node ? node.text().get() : "";
}

std::string_view attribute_by_local_name(pugi::xml_node node, std::string_view name) noexcept {
    for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute()) {
        if (local_name(attribute.name()) == name) {
            return attribute.value();
        }
    }
    return {};
}

std::string_view namespace_uri(pugi::xml_node node) {
    const std::string_view qualified = node.name();
    const auto colon = qualified.find(':');
    std::string attribute_name = "xmlns";
    if (colon != std::string_view::npos) {
        attribute_name += ':';
        attribute_name += qualified.substr(0, colon);
    }
    for (pugi::xml_node scope = node; scope && scope.type() == pugi::node_element; scope = scope.parent()) {
        if (const pugi::xml_attribute declaration = scope.attribute(attribute_name.c_str())) {
            return declaration.value();
        }
    }
    return {};
}

} // namespace docextract::detail
