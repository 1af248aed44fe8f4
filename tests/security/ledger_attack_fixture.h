#pragma once
// A real in-process server with an administrator, two plain users (alice, bob), a price list,
// a printer "office" whose device URI carries credentials and which alice's and bob's profile
// lists for fallback, and a printer "elsewhere" it does not. Shared by the attack tests.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/job_uuid.h"
#include "model/timestamp.h"
#include "server/api_test_client.h"
#include "server/running_server.h"

namespace printline::testing {

using nlohmann::json;

inline constexpr const char* kPassword = "user-password-1";

class LedgerAttackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<RunningServer>();
    admin_ = client();
    ASSERT_EQ(admin_->login(RunningServer::kAdminLogin, RunningServer::kAdminPassword).status, 200);
    for (const char* login : {"alice", "bob"}) {
      auto made = admin_->post("/api/v1/users", {{"login", login}, {"password", kPassword}});
      ASSERT_EQ(made.status, 201) << made.body;
    }
    ASSERT_EQ(admin_
                  ->call("PUT", "/api/v1/price-list",
                         json{{"prices",
                               {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
                                {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}},
                                {{"paper", "A3"}, {"color", false},
                                 {"cents_per_page", std::int64_t{1} << 50}}}}})
                  .status,
              200);
    // The office printer's URI carries credentials, as an IPP printer with a password may.
    auto office = admin_->post("/api/v1/printers", {{"name", "office"},
                                                    {"device_uri", kSecretUri},
                                                    {"color", true}});
    ASSERT_EQ(office.status, 201) << office.body;
    office_ = office.json["id"].get<std::int64_t>();
    auto elsewhere = admin_->post(
        "/api/v1/printers", {{"name", "elsewhere"}, {"device_uri", "socket://127.0.0.1:9101"}});
    ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;
    auto profile = admin_->post(
        "/api/v1/profiles",
        {{"name", "office"},
         {"is_default", true},
         {"server_addresses", {server_->base_url()}},
         {"fallback",
          {{"enabled", true},
           {"printer_ids", {office_}},
           {"port", {{"protocol", "RAW"}, {"port", 9100}, {"queue", ""}}}}}});
    ASSERT_EQ(profile.status, 201) << profile.body;
    alice_ = client();
    ASSERT_EQ(alice_->login("alice", kPassword).status, 200);
    bob_ = client();
    ASSERT_EQ(bob_->login("bob", kPassword).status, 200);
  }

  std::unique_ptr<ApiClient> client() const {
    return std::make_unique<ApiClient>("127.0.0.1", server_->port());
  }

  static json job(json printer, json pages, json copies = 1,
                  std::chrono::seconds ago = std::chrono::hours(1)) {
    return {{"uuid", new_job_uuid()},
            {"printer", std::move(printer)},
            {"printed_at", model::format_timestamp(model::now_seconds() - ago)},
            {"pages", std::move(pages)},
            {"copies", std::move(copies)}};
  }

  ApiReply upload(ApiClient& who, const std::vector<json>& jobs) {
    return who.post("/api/v1/accounting/fallback-jobs", {{"jobs", jobs}});
  }

  std::int64_t balance(ApiClient& who) {
    return who.get("/api/v1/me").json.value("balance_cents", std::int64_t{-1});
  }
  std::size_t jobs_of(ApiClient& who) { return who.get("/api/v1/me/jobs").json["jobs"].size(); }

  static constexpr const char* kSecretUri = "ipp://scanner:s3cret-pw@127.0.0.1:631/ipp/print";
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<ApiClient> admin_, alice_, bob_;
  std::int64_t office_ = 0;
};

}  // namespace printline::testing
