#include "store/password_hash.h"

#include <gtest/gtest.h>

#include "store/api_token.h"

namespace printline::store {
namespace {

TEST(PasswordHash, Argon2idAtProductionCostVerifies) {
  auto hash = hash_password("correct horse");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
  EXPECT_FALSE(verify_password(*hash, "correct horse "));
  EXPECT_NE(*hash, *hash_password("correct horse"));  // salted
}

TEST(PasswordHash, RejectsEmptyPasswordsAndMalformedHashes) {
  EXPECT_FALSE(hash_password("").ok());
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "x"));
}

TEST(ApiToken, RandomTextAndStableHash) {
  const auto a = generate_token_text();
  const auto b = generate_token_text();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 4u + 43u);
  EXPECT_EQ(hash_token_text(a), hash_token_text(a));
  EXPECT_NE(hash_token_text(a), hash_token_text(b));
  EXPECT_EQ(hash_token_text(a).size(), 64u);
}

}  // namespace
}  // namespace printline::store
