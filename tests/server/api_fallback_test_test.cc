// POST /api/v1/admin/fallback-test (D9) against real peers: a RAW sink (socat), LPRng lpd,
// and a closed port.

#include "server/api_test_fixture.h"
#include "support/loopback_port.h"
#include "support/lprng_peer.h"
#include "support/raw_sink_peer.h"

namespace printline::testing {
namespace {

nlohmann::json profile_on(const std::string& name, std::int64_t printer,
                          const std::string& protocol, int port, const std::string& queue) {
  return {{"name", name},
          {"assigned_users", {"alice"}},
          {"server_addresses", {"http://127.0.0.1:8631"}},
          {"fallback",
           {{"enabled", true},
            {"printer_ids", {printer}},
            {"port", {{"protocol", protocol}, {"port", port}, {"queue", queue}}}}}};
}

TEST_F(ApiTest, FallbackTestProbesAndSendsATestPageToEveryFallbackPrinter) {
  RawSinkPeer sink;
  LprngPeer lpd;
  const int closed = pick_free_port();
  const auto sink_printer = create_printer({{"name", "sink"}, {"device_uri", sink.uri()}});
  const auto lpd_printer = create_printer({{"name", "lpd"}, {"device_uri", lpd.uri()}});
  const auto closed_printer = create_printer(
      {{"name", "closed"}, {"device_uri", "socket://127.0.0.1:" + std::to_string(closed)}});
  ASSERT_EQ(
      admin_->post("/api/v1/profiles", profile_on("raw", sink_printer, "RAW", sink.port(), ""))
          .status,
      201);
  ASSERT_EQ(
      admin_
          ->post("/api/v1/profiles", profile_on("lpr", lpd_printer, "LPR", lpd.port(), lpd.queue()))
          .status,
      201);
  ASSERT_EQ(
      admin_->post("/api/v1/profiles", profile_on("closed", closed_printer, "RAW", closed, ""))
          .status,
      201);

  auto probe_only = admin_->post("/api/v1/admin/fallback-test", {{"timeout_ms", 1000}});
  ASSERT_EQ(probe_only.status, 200) << probe_only.body;
  std::map<std::string, nlohmann::json> by_printer;
  for (const auto& row : probe_only.json["results"]) by_printer[row["printer"]] = row;
  ASSERT_EQ(by_printer.size(), 3u) << probe_only.body;
  EXPECT_EQ(by_printer["sink"]["status"], "reachable");
  EXPECT_EQ(by_printer["lpd"]["status"], "reachable");
  EXPECT_EQ(by_printer["closed"]["status"], "unreachable");
  EXPECT_EQ(by_printer["closed"]["reachable"], false);
  EXPECT_TRUE(by_printer["sink"]["ms"].is_number());

  auto with_page =
      admin_->post("/api/v1/admin/fallback-test", {{"send_test_page", true}, {"timeout_ms", 1000}});
  ASSERT_EQ(with_page.status, 200) << with_page.body;
  by_printer.clear();
  for (const auto& row : with_page.json["results"]) by_printer[row["printer"]] = row;
  EXPECT_EQ(by_printer["sink"]["status"], "accepted") << with_page.body;
  EXPECT_EQ(by_printer["sink"]["test_page"]["outcome"], "delivered");
  EXPECT_EQ(by_printer["lpd"]["status"], "accepted") << with_page.body;
  EXPECT_EQ(by_printer["closed"]["status"], "unreachable");
  EXPECT_TRUE(by_printer["closed"]["test_page"].is_null());
  EXPECT_NE(sink.received().find("Printline fallback test"), std::string::npos);
  EXPECT_NE(lpd.wait_for_output(100).find("Printline fallback test"), std::string::npos);

  auto one = admin_->post("/api/v1/admin/fallback-test", {{"profile", "lpr"}});
  ASSERT_EQ(one.json["results"].size(), 1u);
  EXPECT_EQ(admin_->post("/api/v1/admin/fallback-test", {{"profile", "nope"}}).status, 404);
}

}  // namespace
}  // namespace printline::testing
