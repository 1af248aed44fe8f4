// The API client against a real in-process server: login, errors as the server words them,
// unreachable servers classified for D1, failover across server addresses, typed calls.

#include "api_client/api_client.h"

#include <gtest/gtest.h>

#include "api_client/catalog_calls.h"
#include "api_client/fallback_upload.h"
#include "api_client/job_calls.h"
#include "api_client/profile_calls.h"
#include "api_client/session_calls.h"
#include "loopback_ports.h"
#include "server/running_server.h"

namespace printline::api_client {
namespace {

using printline::testing::RunningServer;

std::vector<ServerUrl> urls(const std::vector<std::string>& addresses) {
  auto parsed = parse_server_urls(addresses);
  if (!parsed.ok()) throw std::runtime_error(parsed.error().message);
  return *parsed;
}

class ApiClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new RunningServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A client logged in as the administrator.
  static std::unique_ptr<ApiClient> admin_client() {
    auto client = std::make_unique<ApiClient>(urls({server_->base_url()}), ClientOptions{});
    auto answer = login(*client, RunningServer::kAdminLogin, RunningServer::kAdminPassword);
    if (!answer.ok()) throw std::runtime_error(answer.error().message);
    client->set_token(answer->token);
    return client;
  }

  static RunningServer* server_;
};

RunningServer* ApiClientTest::server_ = nullptr;

TEST_F(ApiClientTest, LogsInAndKnowsWhoIAm) {
  ApiClient client(urls({server_->base_url()}), ClientOptions{});
  auto answer = login(client, RunningServer::kAdminLogin, RunningServer::kAdminPassword);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_FALSE(answer->token.empty());
  EXPECT_EQ(answer->user.login, "admin");
  EXPECT_EQ(answer->user.role, model::Role::kAdmin);

  client.set_token(answer->token);
  auto who = me(client);
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_EQ(who->user.login, "admin");
}

TEST_F(ApiClientTest, WrongPasswordIsTheServersRefusalWithItsMessage) {
  ApiClient client(urls({server_->base_url()}), ClientOptions{});
  auto answer = login(client, "admin", "not-the-password");
  ASSERT_FALSE(answer.ok());
  const ApiError& error = answer.error();
  EXPECT_EQ(error.kind, FailureKind::kServerRefused);
  EXPECT_FALSE(error.unreachable());
  EXPECT_EQ(error.http_status, 401);
  EXPECT_EQ(error.code, "unauthenticated");
  EXPECT_FALSE(error.message.empty());
  // The server's own words, not a generic HTTP status line.
  EXPECT_EQ(error.message.find("answered HTTP"), std::string::npos) << error.message;
}

TEST_F(ApiClientTest, RequestWithoutTokenIsUnauthenticated) {
  ApiClient client(urls({server_->base_url()}), ClientOptions{});
  auto answer = me(client);
  ASSERT_FALSE(answer.ok());
  EXPECT_TRUE(answer.error().unauthenticated());
  EXPECT_FALSE(answer.error().unreachable());
}

TEST_F(ApiClientTest, ClosedPortIsUnreachable) {
  const int port = printline::testing::closed_loopback_port();
  ApiClient client(urls({"http://127.0.0.1:" + std::to_string(port)}), ClientOptions{});
  auto answer = login(client, "admin", "x");
  ASSERT_FALSE(answer.ok());
  EXPECT_TRUE(answer.error().unreachable());
  EXPECT_EQ(answer.error().code, "connection-refused");
  EXPECT_EQ(answer.error().http_status, 0);
  EXPECT_NE(answer.error().message.find(std::to_string(port)), std::string::npos);
  EXPECT_NE(answer.error().message.find("printline-server is running"), std::string::npos);
}

TEST_F(ApiClientTest, ServerThatNeverAnswersIsUnreachableAfterTheTimeout) {
  printline::testing::SilentListener silent;
  ClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(300);
  options.read_timeout = std::chrono::milliseconds(300);
  ApiClient client(urls({"127.0.0.1:" + std::to_string(silent.port())}), options);
  const auto start = std::chrono::steady_clock::now();
  auto answer = client.request("GET", "/me");
  ASSERT_FALSE(answer.ok());
  EXPECT_TRUE(answer.error().unreachable());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ApiClientTest, TlsToAPlainHttpServerIsUnreachable) {
  ClientOptions options;
  options.verify_tls = false;
  ApiClient client(urls({"https://127.0.0.1:" + std::to_string(server_->port())}), options);
  auto answer = client.request("GET", "/me");
  ASSERT_FALSE(answer.ok());
  EXPECT_TRUE(answer.error().unreachable());
  EXPECT_EQ(answer.error().code, "tls");
}

TEST_F(ApiClientTest, FailsOverToTheNextServerAddressAndPrefersIt) {
  const std::string down =
      "http://127.0.0.1:" + std::to_string(printline::testing::closed_loopback_port());
  ApiClient client(urls({down, server_->base_url()}), ClientOptions{});
  auto answer = login(client, RunningServer::kAdminLogin, RunningServer::kAdminPassword);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(client.preferred_server().to_string(), urls({server_->base_url()})[0].to_string());
  client.set_token(answer->token);
  auto who = me(client);  // goes straight to the address that answered
  ASSERT_TRUE(who.ok()) << who.error().message;
}

TEST_F(ApiClientTest, EveryAddressDownNamesEachOne) {
  const int a = printline::testing::closed_loopback_port();
  const int b = printline::testing::closed_loopback_port();
  ApiClient client(urls({"127.0.0.1:" + std::to_string(a), "127.0.0.1:" + std::to_string(b)}),
                   ClientOptions{});
  auto answer = client.request("GET", "/me");
  ASSERT_FALSE(answer.ok());
  EXPECT_TRUE(answer.error().unreachable());
  EXPECT_NE(answer.error().message.find(std::to_string(a)), std::string::npos);
  EXPECT_NE(answer.error().message.find(std::to_string(b)), std::string::npos);
}

TEST_F(ApiClientTest, GenericRequestCarriesValidationDetails) {
  auto client = admin_client();
  auto answer =
      client->request("POST", "/users",
                      nlohmann::json{{"login", "x"}, {"bogus", 1}, {"password", "long-enough-pw"}});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().http_status, 400);
  EXPECT_EQ(answer.error().code, "unknown-field");
  EXPECT_EQ(answer.error().field, "bogus");
}

TEST_F(ApiClientTest, ProfileWithETagAnswersNotModified) {
  auto client = admin_client();
  auto created = client->request("POST", "/profiles",
                                 nlohmann::json{{"name", "etag-test"},
                                                {"is_default", true},
                                                {"assigned_users", {"admin"}},
                                                {"server_addresses", {server_->base_url()}}});
  ASSERT_TRUE(created.ok()) << created.error().message;

  auto first = fetch_profile(*client);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->not_modified);
  EXPECT_EQ(first->profile.name, "etag-test");
  ASSERT_FALSE(first->etag.empty());

  auto again = fetch_profile(*client, first->etag);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->not_modified);

  auto changed =
      client->request("PATCH", "/profiles/etag-test", nlohmann::json{{"heartbeat_interval_s", 20}});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  auto after = fetch_profile(*client, first->etag);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_FALSE(after->not_modified);
  EXPECT_EQ(after->profile.heartbeat_interval, std::chrono::seconds(20));
  ASSERT_TRUE(client->request("DELETE", "/profiles/etag-test").ok());
}

TEST_F(ApiClientTest, PrintersPriceListJobLookupAndFallbackUpload) {
  auto client = admin_client();
  auto printer = client->request(
      "POST", "/printers",
      nlohmann::json{{"name", "upload-test"}, {"device_uri", "socket://127.0.0.1:9100"}});
  ASSERT_TRUE(printer.ok()) << printer.error().message;
  const std::int64_t printer_id = printer->body.at("id").get<std::int64_t>();
  // The server accounts offline jobs only on the caller's profile's fallback printers.
  auto profile = client->request(
      "POST", "/profiles",
      nlohmann::json{{"name", "upload-test"},
                     {"assigned_users", {"admin"}},
                     {"server_addresses", {server_->base_url()}},
                     {"fallback", {{"enabled", true}, {"printer_ids", {printer_id}}}}});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  auto priced = client->request(
      "PUT", "/price-list",
      nlohmann::json{{"prices", {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}}}},
                     {"duplex_discount_percent", 0}});
  ASSERT_TRUE(priced.ok()) << priced.error().message;

  auto printers = list_printers(*client);
  ASSERT_TRUE(printers.ok()) << printers.error().message;
  EXPECT_FALSE(printers->empty());
  auto prices = fetch_price_list(*client);
  ASSERT_TRUE(prices.ok()) << prices.error().message;
  EXPECT_EQ(prices->price_of(model::PaperSize::kA4, false), 10);

  const std::string uuid = "1b4e28ba-2fa1-4d2b-a3f6-0123456789ab";
  auto missing = find_job(*client, uuid);
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  EXPECT_FALSE(missing->has_value());

  FallbackJobReport report;
  report.uuid = uuid;
  report.printer_id = printer_id;
  report.printed_at = model::now_seconds();
  report.title = "report.pdf";
  report.counts.pages = 3;
  auto uploaded = upload_fallback_jobs(*client, {report});
  ASSERT_TRUE(uploaded.ok()) << uploaded.error().message;
  ASSERT_EQ(uploaded->results.size(), 1u);
  EXPECT_EQ(uploaded->results[0].status, UploadStatus::kAccepted) << uploaded->results[0].message;
  EXPECT_EQ(uploaded->accepted, 1);

  auto again = upload_fallback_jobs(*client, {report});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->results.at(0).status, UploadStatus::kDuplicate);

  auto found = find_job(*client, uuid);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->origin, model::JobOrigin::kFallback);
  EXPECT_EQ((*found)->cost_cents, 30);
  EXPECT_TRUE(client->request("DELETE", "/profiles/upload-test").ok());
}

TEST_F(ApiClientTest, LogoutRevokesTheToken) {
  auto client = admin_client();
  ASSERT_TRUE(logout(*client).ok());
  auto after = me(*client);
  ASSERT_FALSE(after.ok());
  EXPECT_TRUE(after.error().unauthenticated());
}

}  // namespace
}  // namespace printline::api_client
