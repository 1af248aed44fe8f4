#pragma once
// What the client remembers from the server so that fallback printing works after a reboot
// with the server down: the profile (with its ETag and resolved fallback printers), who the
// user is (balance, quota, printer history: D2, D5), the printers and the price list. Kept in
// <state>/cache.json (written atomically); the API token in <state>/token (0600).
//
// Threading: every method may be called from any thread.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_client/catalog_calls.h"
#include "api_client/profile_calls.h"
#include "api_client/session_calls.h"
#include "core/durable_file.h"

namespace printline::client {

struct CachedState {
  std::optional<api_client::ProfileAnswer> profile;
  std::optional<api_client::MeAnswer> me;
  std::vector<model::Printer> printers;
  std::optional<model::PriceList> prices;
  std::optional<model::Timestamp> synced_at;  // when `me` was last fetched
};

class ClientCache {
 public:
  explicit ClientCache(std::filesystem::path state_dir);

  // Reads cache.json and the token; a missing file is an empty cache, a damaged one is
  // reported (and the cache starts empty, to be refilled from the server).
  Status load();
  CachedState snapshot() const;

  Status set_profile(const api_client::ProfileAnswer& answer);
  Status set_me(const api_client::MeAnswer& me);
  Status set_printers(std::vector<model::Printer> printers);
  Status set_prices(const model::PriceList& prices);

  std::string token() const;
  Status set_token(const std::string& token);  // written with mode 0600

 private:
  Status save_locked() const;

  std::filesystem::path state_dir_;
  mutable std::mutex mutex_;
  CachedState state_;
  std::string token_;
};

}  // namespace printline::client
