#pragma once
// A running server with an administrator, two plain users (alice, bob), a price list and two
// printers, and clients logged in as each. Shared by the REST API test files.

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>

#include "core/job_uuid.h"
#include "model/timestamp.h"
#include "server/api_test_client.h"
#include "server/running_server.h"

namespace printline::testing {

class ApiTest : public ::testing::Test {
 protected:
  static constexpr const char* kUserPassword = "user-password-1";

  // A test fixture may change the server's settings before it starts.
  virtual void adjust_config(server::ServerConfig&) {}

  void SetUp() override {
    server_ = std::make_unique<RunningServer>(
        [this](server::ServerConfig& config) { adjust_config(config); });
    admin_ = client();
    ASSERT_EQ(admin_->login(RunningServer::kAdminLogin, RunningServer::kAdminPassword).status, 200);
    alice_id_ = create_user("alice");
    bob_id_ = create_user("bob");
    alice_ = client();
    ASSERT_EQ(alice_->login("alice", kUserPassword).status, 200);
    bob_ = client();
    ASSERT_EQ(bob_->login("bob", kUserPassword).status, 200);
    // A4 mono 10 c, A4 colour 50 c, A3 mono 20 c; duplex half price.
    ASSERT_EQ(
        admin_
            ->call("PUT", "/api/v1/price-list",
                   nlohmann::json{{"prices",
                                   {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
                                    {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}},
                                    {{"paper", "A3"}, {"color", false}, {"cents_per_page", 20}}}},
                                  {"duplex_discount_percent", 50}})
            .status,
        200);
    color_printer_ = create_printer(
        {{"name", "floor2-color"}, {"device_uri", "socket://127.0.0.1:9100"}, {"color", true}});
    mono_printer_ =
        create_printer({{"name", "floor1-mono"}, {"device_uri", "lpd://127.0.0.1:515/lp"}});
  }

  std::unique_ptr<ApiClient> client() const {
    return std::make_unique<ApiClient>("127.0.0.1", server_->port());
  }

  std::int64_t create_user(const std::string& login) {
    auto reply =
        admin_->post("/api/v1/users",
                     {{"login", login}, {"password", kUserPassword}, {"name", login + " example"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json.value("id", std::int64_t{0});
  }

  std::int64_t create_printer(const nlohmann::json& printer) {
    auto reply = admin_->post("/api/v1/printers", printer);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json.value("id", std::int64_t{0});
  }

  std::int64_t balance_of(ApiClient& who) {
    auto me = who.get("/api/v1/me");
    EXPECT_EQ(me.status, 200) << me.body;
    return me.json.value("balance_cents", std::int64_t{-1});
  }

  // When the offline jobs printed: an hour ago, inside the window the server accepts (D12).
  static const std::string& printed_at() {
    static const std::string at = model::format_timestamp(model::now_seconds() - std::chrono::hours(1));
    return at;
  }

  static nlohmann::json offline_job(const std::string& uuid, nlohmann::json printer, int pages = 2,
                                    int color_pages = 1, int copies = 1) {
    return {{"uuid", uuid},
            {"printer", std::move(printer)},
            {"printed_at", printed_at()},
            {"title", "report.pdf"},
            {"pages", pages},
            {"color_pages", color_pages},
            {"paper", "A4"},
            {"duplex", false},
            {"copies", copies}};
  }

  // A vector, so that one job is still sent as an array of one. Before the first upload, a
  // test that made no profile of its own gets one for alice and bob listing both printers:
  // only a profile's fallback printer can be charged for a job printed offline (D12).
  ApiReply upload(ApiClient& who, const std::vector<nlohmann::json>& jobs) {
    std::call_once(fallback_profile_, [this] {
      if (!admin_->get("/api/v1/profiles").json["profiles"].empty()) return;
      auto made = admin_->post(
          "/api/v1/profiles",
          {{"name", "offline-both"},
           {"assigned_users", {"alice", "bob"}},
           {"server_addresses", {"http://127.0.0.1:8631"}},
           {"fallback",
            {{"enabled", true},
             {"printer_ids", {color_printer_, mono_printer_}},
             {"port", {{"protocol", "RAW"}, {"port", 9100}, {"queue", ""}}}}}});
      EXPECT_EQ(made.status, 201) << made.body;
    });
    return who.post("/api/v1/accounting/fallback-jobs", {{"jobs", jobs}});
  }
  std::once_flag fallback_profile_;

  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<ApiClient> admin_, alice_, bob_;
  std::int64_t alice_id_ = 0, bob_id_ = 0;
  std::int64_t color_printer_ = 0, mono_printer_ = 0;
};

}  // namespace printline::testing
