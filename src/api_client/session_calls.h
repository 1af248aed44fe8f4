#pragma once
// Session calls of /api/v1: log in for a token, log out (revokes the user's tokens), and
// "who am I" (balance, quota, printer history for D2).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api_client/api_client.h"
#include "model/quota.h"
#include "model/user.h"

namespace printline::api_client {

struct LoginAnswer {
  std::string token;
  std::string expires_at;  // ISO 8601
  model::User user;
};

// Works without a token. A wrong password is kServerRefused with status 401 and the server's
// message; too many attempts is 429 with retry_after_s.
ApiResult<LoginAnswer> login(const ApiClient& client, const std::string& login,
                             const std::string& password);

// Revokes every token of the caller (docs/api.md: logout ends the user's sessions everywhere).
ApiResult<Done> logout(const ApiClient& client);

struct PrinterUse {
  std::int64_t printer_id = 0;
  std::string name;
  std::int64_t jobs = 0;
  std::string last_used;  // ISO 8601
};

struct MeAnswer {
  model::User user;
  std::int64_t balance_cents = 0;
  bool pays_with_credit = true;
  std::optional<model::Quota> quota;  // the one that holds the user: their own or their group's
  std::string currency;               // the server's (ISO 4217), for amounts shown to people
  std::vector<PrinterUse> printers_used;  // most recently used first
};

ApiResult<MeAnswer> me(const ApiClient& client);

}  // namespace printline::api_client
