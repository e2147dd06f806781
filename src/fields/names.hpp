// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace docextract::detail {

/// Lower-case ASCII letters and digits only: accents folded (é->e, ß->ss, ä->a), everything else dropped.
/// "Krämer Software GmbH" -> "kramersoftwaregmbh".
[[nodiscard]] std::string fold_key(std::string_view text);
/// fold_key with German transliteration when german is set (ä -> ae, ö -> oe, ü -> ue), as in domain names.
[[nodiscard]] std::string fold_key(std::string_view text, bool german);

/// True when the text ends in a legal-form suffix (Ltd, GmbH, B.V., S.A.R.L., SDN BHD, S/B, Inc., plc ...),
/// ignoring a trailing registration number in parentheses.
[[nodiscard]] bool has_legal_suffix(std::string_view text);

/// For a phrase that goes on after a legal name ("EIGHT OUNCE COFFEE CO. THE GARDENS MALL"): the byte length of
/// the name up to and including its suffix; 0 when the phrase ends in a suffix or has none inside.
[[nodiscard]] std::size_t legal_name_end(std::string_view text);

/// Repairs OCR confusions inside a trailing legal-form suffix, keeping the printed case and punctuation:
/// "SON BHD" -> "SDN BHD", "Sdn. Bnd." -> "Sdn. Bhd.", "Lid." -> "Ltd.".
[[nodiscard]] std::string fix_legal_suffix(std::string_view text);

/// True when the text is a legal form and nothing else ("Bhd", "GmbH", "Sdn. Bhd."): it names nobody.
[[nodiscard]] bool only_legal_form(std::string_view text);

/// The text without its legal-form suffix (for comparing names with domains).
[[nodiscard]] std::string strip_legal_suffix(std::string_view text);

/// The part of an email address or URL that names its owner: the domain's main label ("keller-gastronomiebedarf"
/// for rechnung@keller-gastronomiebedarf.de), or the local part at free-mail providers ("westbrookbooks" for
/// westbrookbooks@yahoo.com); folded with fold_key.
[[nodiscard]] std::string owner_key(std::string_view email_or_url);

/// How well a name matches an owner key: 1 when the folded name (without suffix) and the key contain each other,
/// 0.5 when a distinctive word of the name (4+ letters) occurs in the key, 0 otherwise.
[[nodiscard]] double name_matches_owner(std::string_view name, std::string_view owner);

} // namespace docextract::detail
