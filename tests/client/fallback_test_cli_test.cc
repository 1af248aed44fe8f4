// D9, "rejected and why", as an administrator and a user run it: `printline admin fallback-test`
// (the server probes) and `printline fallback test` (the workstation probes), both with
// --send-test-page, against real peers — a RAW sink that takes the page, an LPRng lpd that
// refuses a queue it does not have, and a port where nothing listens. Each printer's line
// must say which it is, and the exit code must be 15 while any printer is not ready.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "api_client/cli_runner.h"
#include "client/control_socket_server.h"
#include "model/client_profile.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "support/loopback_port.h"
#include "support/lprng_peer.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

constexpr const char* kPassword = "alice-password-1";
constexpr int kFallbackTestFailed = 15;  // apps/printline/exit_codes.h

class FallbackTestCliTest : public ::testing::Test {
 protected:
  // alice's profile falls back over RAW on one port (FP-6): floor1 listens there on
  // 127.0.0.2, nothing does on floor3's 127.0.0.3. bob's falls back over LPR to a queue the
  // lpd on floor2 does not have, so it refuses every job.
  void SetUp() override {
    office_.add_user("alice", 10000, kPassword);
    office_.add_user("bob", 10000, kPassword);
    ready_ = add("floor1-ready", "socket://127.0.0.2:" + std::to_string(sink_.port()));
    unreachable_ = add("floor3-switched-off", "socket://127.0.0.3:" + std::to_string(sink_.port()));
    rejecting_ = add("floor2-no-such-queue", "lpd://127.0.0.1:" + std::to_string(lpd_.port()) +
                                                 "/" + lpd_.queue());
    model::ClientProfile raw;
    raw.name = "office-raw";
    raw.assigned_users = {"alice"};
    raw.fallback.enabled = true;
    raw.fallback.printer_ids = {ready_.id, unreachable_.id};
    raw.fallback.port = {model::PortProtocol::kRaw, sink_.port(), ""};
    office_.add_profile(raw);
    model::ClientProfile lpr;
    lpr.name = "office-lpr";
    lpr.assigned_users = {"bob"};
    lpr.fallback.enabled = true;
    lpr.fallback.printer_ids = {rejecting_.id};
    lpr.fallback.port = {model::PortProtocol::kLpr, lpd_.port(), "no-such-queue"};
    office_.add_profile(lpr);
  }

  // The daemon of `login`, logged in, with its control socket; runs `printline fallback test`
  // through it and returns the rows.
  nlohmann::json workstation_test(const std::string& login) {
    RunningClient client(office_.base_url());
    client.login(login, kPassword);
    EXPECT_TRUE(client.wait_for_online(true));
    TempDir run_dir("printline-fallback-test-run");
    const auto socket = run_dir / "control.sock";
    client::ControlSocketServer control(client.daemon(), socket);
    EXPECT_TRUE(control.start().ok());
    const auto run = run_cli(PRINTLINE_CLI,
                             {"fallback", "test", "--send-test-page", "--json",
                              "--control-socket", socket.string()},
                             {{"HOME", home_.path().string()}});
    control.stop();
    EXPECT_EQ(run.exit_code, kFallbackTestFailed) << run.out << run.err;
    auto rows = nlohmann::json::parse(run.out, nullptr, false);
    EXPECT_TRUE(rows.is_array()) << run.out << run.err;
    return rows.is_array() ? rows : nlohmann::json::array();
  }

  static nlohmann::json row_of(const nlohmann::json& rows, const std::string& printer) {
    for (const auto& row : rows)
      if (row.value("printer", "") == printer) return row;
    ADD_FAILURE() << printer << " is missing from " << rows.dump();
    return nlohmann::json::object();
  }

  model::Printer add(const std::string& name, const std::string& uri) {
    model::Printer printer;
    printer.name = name;
    printer.device_uri = uri;
    return must(office_.store().create_printer(printer, store::system_actor()));
  }

  // The line of `output` that names `printer`.
  static std::string line_of(const std::string& output, const std::string& printer) {
    const auto at = output.find(printer);
    if (at == std::string::npos) return "";
    const auto start = output.rfind('\n', at);
    const auto end = output.find('\n', at);
    return output.substr(start == std::string::npos ? 0 : start + 1,
                         end == std::string::npos ? std::string::npos : end - start - 1);
  }

  // The sink writes what it got a moment after the sender closed: wait for it, bounded.
  bool sink_received_something() const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (sink_.received().empty() && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return !sink_.received().empty();
  }

  TestOffice office_;
  RawSinkPeer sink_{{}, "127.0.0.2"};
  LprngPeer lpd_;
  model::Printer ready_, rejecting_, unreachable_;
  TempDir home_{"printline-fallback-test-cli"};
};

TEST_F(FallbackTestCliTest, AdminFallbackTest_SaysWhichPrinterIsReadyAndWhyTheOthersAreNot) {
  const auto admin = must(office_.store().find_user_by_login(RunningServer::kAdminLogin));
  const auto token = must(office_.store().issue_token(admin->id, std::chrono::hours(1)));
  const auto run = run_cli(PRINTLINE_CLI, {"admin", "fallback-test", "--send-test-page"},
                           {{"PRINTLINE_SERVER", office_.base_url()},
                            {"PRINTLINE_TOKEN", token.token},
                            {"HOME", home_.path().string()},
                            {"XDG_CONFIG_HOME", (home_ / "config").string()}});
  EXPECT_EQ(run.exit_code, kFallbackTestFailed) << run.out << run.err;
  EXPECT_NE(run.err.find("not ready"), std::string::npos) << run.err;

  const auto ready = line_of(run.out, "floor1-ready");
  EXPECT_NE(ready.find("accepted"), std::string::npos) << run.out;
  EXPECT_TRUE(sink_received_something()) << "the test page never reached the printer";

  const auto rejecting = line_of(run.out, "floor2-no-such-queue");
  EXPECT_NE(rejecting.find("reject"), std::string::npos) << run.out;

  const auto unreachable = line_of(run.out, "floor3-switched-off");
  EXPECT_EQ(unreachable.find("accepted"), std::string::npos) << run.out;
  EXPECT_NE(unreachable.find("unreachable"), std::string::npos) << run.out;
}

TEST_F(FallbackTestCliTest, WorkstationFallbackTest_SaysWhichPrinterIsReadyAndWhyTheOthersAreNot) {
  const auto alice = workstation_test("alice");
  const auto ready = row_of(alice, "floor1-ready");
  EXPECT_TRUE(ready.value("reachable", false)) << ready;
  EXPECT_EQ(ready["accepted"], true) << ready;
  EXPECT_TRUE(sink_received_something()) << "the test page never reached the printer";

  const auto unreachable = row_of(alice, "floor3-switched-off");
  EXPECT_FALSE(unreachable.value("reachable", true)) << unreachable;
  EXPECT_NE(unreachable.value("message", "").find("cannot be reached"), std::string::npos)
      << unreachable;

  const auto bob = workstation_test("bob");
  const auto rejecting = row_of(bob, "floor2-no-such-queue");
  EXPECT_TRUE(rejecting.value("reachable", false)) << rejecting;
  EXPECT_EQ(rejecting["accepted"], false) << rejecting;
  EXPECT_FALSE(rejecting.value("message", "").empty()) << rejecting;
}

}  // namespace
}  // namespace printline::testing
