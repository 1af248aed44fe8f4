#pragma once
// Passwords and PINs are stored as libsodium Argon2id strings (crypto_pwhash_str): salt and
// cost parameters live inside the string, so the cost can be raised later without a migration.

#include <string>
#include <string_view>

#include "core/error.h"

namespace printline::store {

enum class HashCost {
  kInteractive,  // libsodium's interactive limits (64 MiB, ~0.1 s): production
  kMinimum,      // smallest limits libsodium accepts: tests only
};

Result<std::string> hash_password(std::string_view password,
                                  HashCost cost = HashCost::kInteractive);

// Constant-time check of a password against a stored hash; false for a malformed hash.
bool verify_password(std::string_view stored_hash, std::string_view password);

}  // namespace printline::store
