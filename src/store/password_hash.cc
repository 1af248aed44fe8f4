#include "store/password_hash.h"

#include <sodium.h>

namespace printline::store {

Result<std::string> hash_password(std::string_view password, HashCost cost) {
  if (sodium_init() < 0) return Error{"libsodium could not be initialised"};
  if (password.empty()) return Error{"a password must not be empty"};
  const bool minimum = cost == HashCost::kMinimum;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(
          out, password.data(), password.size(),
          minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
          crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{"hashing the password ran out of memory: retry, or free memory on the server"};
  }
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES.
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace printline::store
