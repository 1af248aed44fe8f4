#pragma once
// Badge card numbers (release stations): stored only as a hash, found by the hash of what a
// reader or a person types, so spaces and letter case do not matter.

#include <optional>
#include <string>
#include <string_view>

namespace printline::store {

// The hash stored for a card number (BLAKE2b of it without spaces, letters upper-case), or
// none when it is not 4 to 64 letters and digits.
std::optional<std::string> card_number_hash(std::string_view card);

}  // namespace printline::store
