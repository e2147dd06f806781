// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// The words of a web or email domain that may spell a name ("office@keller-buerobedarf.de" -> keller,
/// buerobedarf): the domain without its top level, split at dots and hyphens, words of five letters or more.
[[nodiscard]] std::vector<std::string> domain_words(std::string_view address);

/// The name with each word OCR read without its umlaut respelled from a domain word that writes it with ae, oe or
/// ue, as domains do: "Keller Bérobedarf GmbH" with "buerobedarf" -> "Keller Bürobedarf GmbH", "Kramer" with
/// "kraemerbuerotechnik" -> "Krämer". A word of five letters or more is changed only when an umlaut spelling of a
/// piece of a domain word is at most two bytes away from it and no domain word holds it as read ("Kraemer" and
/// "Samuel" stay as they are).
[[nodiscard]] std::string respelled_umlauts(std::string_view name, const std::vector<std::string>& domain_words);

} // namespace docextract::detail
