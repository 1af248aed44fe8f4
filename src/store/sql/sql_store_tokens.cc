// API tokens: stored as hashes, revocable, with an expiry.

#include <fmt/format.h>

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

Result<IssuedToken> SqlStore::issue_token(std::int64_t user_id, std::chrono::seconds lifetime) {
  if (lifetime.count() <= 0) return Error{"a token lifetime must be positive"};
  return write([&] {
    require_user(user_id);
    IssuedToken issued;
    issued.token = generate_token_text();
    if (issued.token.empty()) throw Refusal{"libsodium could not be initialised"};
    const std::int64_t now = now_unix();
    issued.expires_at = from_unix(now + lifetime.count());
    auto q = db().query(
        "INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) "
        "VALUES (?, ?, ?, ?) RETURNING id");
    q.bind_all(user_id, hash_token_text(issued.token), now, to_unix(issued.expires_at));
    issued.id = *insert_or_refuse(q, "a new token collided with an old one: ask for another");
    return issued;
  });
}

Result<std::optional<model::User>> SqlStore::authenticate_token(std::string_view token) {
  return read([&]() -> std::optional<model::User> {
    auto q = db().query(
        "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND "
        "expires_at > ?");
    q.bind_all(hash_token_text(token), now_unix());
    if (!q.step()) return std::nullopt;
    auto user = load_user(q.integer(0));
    if (user && user->disabled) return std::nullopt;  // a disabled account's sessions end at once
    return user;
  });
}

Status SqlStore::revoke_token(std::int64_t token_id) {
  return write([&] {
    db().query("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind_all(now_unix(), token_id)
        .run();
    return std::monostate{};
  });
}

Status SqlStore::revoke_token_hash(std::string_view token_hash) {
  return write([&] {
    db()
        .query("UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .bind_all(now_unix(), token_hash)
        .run();
    return std::monostate{};
  });
}

Status SqlStore::revoke_tokens_of(std::int64_t user_id) {
  return write([&] {
    db()
        .query("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
        .bind_all(now_unix(), user_id)
        .run();
    return std::monostate{};
  });
}

Status SqlStore::revoke_other_tokens(std::int64_t user_id, std::string_view kept_token_hash) {
  return write([&] {
    db()
        .query(
            "UPDATE api_tokens SET revoked_at = ? "
            "WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?")
        .bind_all(now_unix(), user_id, kept_token_hash)
        .run();
    return std::monostate{};
  });
}

}  // namespace printline::store::sql
