#pragma once
// API tokens: 32 random bytes from libsodium, given to the client once as text; the store
// keeps only a BLAKE2b hash, so a leaked database does not leak usable tokens.

#include <cstdint>
#include <string>
#include <string_view>

#include "model/timestamp.h"

namespace printline::store {

struct IssuedToken {
  std::int64_t id = 0;
  std::string token;  // shown once; "plt_" + 43 base64url characters
  model::Timestamp expires_at{};
};

std::string generate_token_text();
std::string hash_token_text(std::string_view token);  // hex BLAKE2b-256

}  // namespace printline::store
