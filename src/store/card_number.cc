#include "store/card_number.h"

#include <cctype>

#include "store/api_token.h"

namespace printline::store {

std::optional<std::string> card_number_hash(std::string_view card) {
  std::string normal;
  for (const char c : card) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    normal += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (normal.size() < 4 || normal.size() > 64) return std::nullopt;
  return hash_token_text(normal);
}

}  // namespace printline::store
