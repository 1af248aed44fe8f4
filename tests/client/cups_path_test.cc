// The whole CUPS path with real parts (issue 4, SPEC §4): CUPS's own `lp` prints to a private
// Debian cupsd, whose queues hand the job to the desktop client —
//   "printline"   device printline:/  → Printline's CUPS backend (run by cupsd as root, as once
//                 installed) → the daemon's control socket;
//   "through-ipp" device ipp://…      → CUPS's ipp backend → the daemon's local IPP printer —
// and the daemon sends it to the server (online) or to the fallback printer (server down).
// The document must come out byte-identical, once, and be charged once.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "client/control_socket_server.h"
#include "client/local_ipp_printer.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "model/job_ticket.h"
#include "model/ledger_entry.h"
#include "store/actor.h"
#include "test_pdf.h"
#include "store/store.h"
#include "transport/ipp_client.h"
#include "support/cupsd_peer.h"
#include "support/file_text.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "dave-password-1";

// Runs a command; its exit status and what it printed.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pipe == nullptr ? -1 : ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// The office's queue "main" prints on its server printer; dave's profile falls back to
// fallback_sink_.
class CupsPathTest : public ::testing::Test {
 protected:
  // What a suite sets up in the office (prices, printers) before the client starts.
  virtual void prepare_office() {}

  void SetUp() override {
    dave_ = office_.add_user("dave", 1000, kPassword);
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {office_.add_printer("fallback-raw", fallback_sink_).id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink_.port(), ""};
    office_.add_profile(profile);
    prepare_office();  // before the client starts, so its first fetch sees it all

    client_ = std::make_unique<RunningClient>(office_.base_url());
    client_->login("dave", kPassword);
    ASSERT_TRUE(client_->wait_for_online(true));
    control_ =
        std::make_unique<client::ControlSocketServer>(client_->daemon(), run_dir_ / "control.sock");
    ASSERT_TRUE(control_->start().ok());
    local_printer_ = std::make_unique<client::LocalIppPrinter>(client_->daemon(), "127.0.0.1", 0,
                                                               run_dir_ / "ipp-spool");
    ASSERT_TRUE(local_printer_->start().ok());
    cups_ = std::make_unique<CupsdPeer>(
        std::vector<CupsQueue>{{"printline", "printline:/?socket=" + control_->path().string()},
                               {"through-ipp", local_printer_->uri()}},
        std::vector<std::pair<std::string, std::filesystem::path>>{
            {"printline", PRINTLINE_CUPS_BACKEND}});
  }

  void TearDown() override {
    cups_.reset();
    if (local_printer_) local_printer_->stop();
    if (control_) control_->stop();
  }

  // `lp` of CUPS to one of cupsd's queues; the daemon's job with that title once it is in.
  client::JobView print_with_lp(const std::string& queue, const std::string& title,
                                const std::string& options = "",
                                const std::filesystem::path& file = kTestPdf) {
    auto [status, output] = run(cups_lp_program() + " -h " + cups_->server() + " -d " + queue +
                                " -t '" + title + "' " + options + " " + file.string());
    EXPECT_EQ(status, 0) << output;
    for (int i = 0; i < 300; ++i) {
      for (const auto& job : client_->daemon().jobs()) {
        if (job.title == title) return job;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the job never reached the client; cupsd's log:\n" << cups_->error_log();
    return {};
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(office_.store().ledger_of(dave_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  void expect_printed_once(const RawSinkPeer& sink) {
    for (int i = 0; i < 200 && occurrences(sink.received(), pdf_) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(occurrences(sink.received(), pdf_), 1);
  }

  TestOffice office_;
  TempDir run_dir_{"printline-cups-run"};
  RawSinkPeer fallback_sink_;
  model::User dave_;
  std::unique_ptr<RunningClient> client_;
  std::unique_ptr<client::ControlSocketServer> control_;
  std::unique_ptr<client::LocalIppPrinter> local_printer_;
  std::unique_ptr<CupsdPeer> cups_;
  const std::string pdf_ = read_file(kTestPdf);
};

TEST_F(CupsPathTest, LpToACupsQueueWithDevicePrintline_PrintedOnTheServersPrinterOnceChargedOnce) {
  auto job = print_with_lp("printline", "lp through the backend");
  ASSERT_FALSE(job.uuid.empty());
  // Nothing was asked, so nothing is in the ticket: the queue's own defaults (cupsd adds them
  // to every job's options) must not turn into a choice the user never made.
  EXPECT_EQ(job.ticket, model::JobTicket{}) << model::describe(job.ticket);
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  expect_printed_once(office_.server_printer());
  EXPECT_EQ(fallback_sink_.received(), "");
  for (int i = 0; i < 100 && charges_for(job.uuid) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(charges_for(job.uuid), 1);
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)))
      << "cupsd still holds the job: the backend did not report success";
}

TEST_F(CupsPathTest, LpToACupsQueueOnTheLocalIppPrinter_PrintedOnTheServersPrinterOnce) {
  auto job = print_with_lp("through-ipp", "lp through the local IPP printer");
  ASSERT_FALSE(job.uuid.empty());
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  expect_printed_once(office_.server_printer());
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)));
}

TEST_F(CupsPathTest, FP2_LpWhileTheServerIsDown_FallbackPrinterGetsItThenAccountedOnce) {
  office_.stop_server();
  client_->daemon().check_server_now();
  ASSERT_TRUE(client_->wait_for_online(false));
  auto job = print_with_lp("printline", "lp during the outage");
  ASSERT_FALSE(job.uuid.empty());
  auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  expect_printed_once(fallback_sink_);
  EXPECT_EQ(office_.server_printer().received(), "");

  office_.start_server();
  auto accounted = client_->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(charges_for(job.uuid), 1);
}

// The example (D11): duplex, monochrome, two copies of pages 1-2 two per side.
constexpr const char* kTicketOptions =
    "-n 2 -o sides=two-sided-long-edge -o ColorModel=Gray -o page-ranges=1-2 "
    "-o number-up=2";

// A real 4-page A4 PDF whose every page is colour.
std::filesystem::path colour_document(const std::filesystem::path& dir) {
  using analysis::testing::TestPage;
  const TestPage red{"1 0 0 rg 0 0 300 300 re f"};
  const auto path = dir / "colour-4-pages.pdf";
  std::ofstream(path, std::ios::binary) << analysis::testing::make_pdf({red, red, red, red});
  std::filesystem::permissions(path, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  return path;
}

// 50 % off for duplex: one mono A4 side (10 cents) × 2 copies, halved = 10 cents.
constexpr std::int64_t kTicketCharge = 10;

void expect_the_ticket(const model::Job& job) {
  EXPECT_EQ(job.ticket.copies, 2);
  EXPECT_EQ(job.ticket.sides, model::Sides::kTwoSidedLongEdge);
  EXPECT_EQ(job.ticket.color_mode, model::ColorMode::kMonochrome);
  EXPECT_EQ(model::format_page_ranges(job.ticket.page_ranges), "1-2");
  EXPECT_EQ(job.ticket.number_up, 2);
  // Charged as printed: one side per copy, no colour, duplex, two copies.
  EXPECT_EQ(job.counts.pages, 1);
  EXPECT_EQ(job.counts.color_pages, 0);
  EXPECT_TRUE(job.counts.duplex);
  EXPECT_EQ(job.counts.copies, 2);
  EXPECT_EQ(job.cost_cents, kTicketCharge);
}

class CupsTicketTest : public CupsPathTest {
 protected:
  // The client's fallback refuses what the printer cannot do as the server last described it
  // (D11), so the printers are duplex before the client first fetches them.
  void prepare_office() override {
    auto prices = must(office_.store().price_list());
    prices.duplex_discount_percent = 50;
    must(office_.store().set_price_list(prices, store::system_actor()));
    // Both printers print on both sides: a simplex printer's queue would not take the duplex
    // asked (IPP substitutes one-sided, the job is then charged simplex, as printed).
    for (const char* name : {"server-raw", "fallback-raw"}) {
      auto printer = must(office_.store().find_printer_by_name(name));
      ASSERT_TRUE(printer);
      printer->duplex = true;
      must(office_.store().update_printer(*printer, store::system_actor()));
    }
  }
  TempDir documents_{"printline-cups-ticket"};
};

TEST_F(CupsTicketTest, LpOptionsThroughTheBackendReachTheServerAndAreChargedAsPrinted) {
  const auto document = colour_document(documents_.path());
  auto job = print_with_lp("printline", "lp with a ticket", kTicketOptions, document);
  ASSERT_FALSE(job.uuid.empty());
  EXPECT_EQ(job.ticket.number_up, 2);  // the backend read argv[5] and argv[4]
  EXPECT_EQ(job.ticket.copies, 2);
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  std::optional<model::Job> charged;
  for (int i = 0; i < 200 && charges_for(job.uuid) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(charges_for(job.uuid), 1);
  charged = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(charged);
  expect_the_ticket(*charged);
  EXPECT_EQ(charged->document_format, "application/pdf");
  EXPECT_EQ(must(office_.store().find_user(dave_.id))->balance_cents, 1000 - kTicketCharge);
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)));
}

std::string job_keyword(ipp_t* job, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(job, name, IPP_TAG_ZERO);
  const char* value = attr != nullptr ? ippGetString(attr, 0, nullptr) : nullptr;
  return value != nullptr ? value : "";
}

TEST_F(CupsTicketTest, LpOptionsReachAnIppPrinterBehindTheServer_ItsOwnJobAttributesShowThem) {
  // The server's queue prints on a real duplex colour IPP Everywhere printer.
  IppEvePrinterPeer ipp_printer("hall-duplex", false, {"-2", "-s", "10,10"});
  model::Printer printer;
  printer.name = "hall-duplex";
  printer.device_uri = ipp_printer.uri();
  printer.color = true;
  printer.duplex = true;
  printer = must(office_.store().create_printer(printer, store::system_actor()));
  auto queue = must(office_.store().find_queue_by_name("main"));
  ASSERT_TRUE(queue);
  queue->printer_id = printer.id;
  must(office_.store().update_queue(*queue, store::system_actor()));

  // ippeveprinter prints one page per side (number-up-supported 1): delivery would refuse
  // number-up=2 by name (transport's ticket fit), so this ticket leaves it out.
  const auto document = colour_document(documents_.path());
  auto job = print_with_lp("printline", "lp to an IPP printer",
                           "-n 2 -o sides=two-sided-long-edge -o ColorModel=Gray "
                           "-o page-ranges=1-2",
                           document);
  ASSERT_FALSE(job.uuid.empty());
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  for (int i = 0; i < 300 && charges_for(job.uuid) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(charges_for(job.uuid), 1);
  auto charged = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(charged);
  EXPECT_EQ(charged->printer_id, printer.id);
  EXPECT_EQ(charged->ticket.sides, model::Sides::kTwoSidedLongEdge);
  EXPECT_EQ(charged->ticket.color_mode, model::ColorMode::kMonochrome);
  // Two mono sides (pages 1-2) × 2 copies, duplex at 50 % off: 20 cents.
  EXPECT_EQ(charged->counts, (model::PageCounts{2, 0, model::PaperSize::kA4, true, 2}));
  EXPECT_EQ(charged->cost_cents, 20);

  // ippeveprinter's own Get-Job-Attributes for its first (and only) job.
  transport::IppClient ipp({"127.0.0.1", ipp_printer.port(), false, "/ipp/print"}, {});
  auto attributes = ipp.get_job_attributes(1);
  ASSERT_TRUE(attributes.ok()) << attributes.error << " " << attributes.status_message();
  ipp_t* attrs = attributes.response.get();
  EXPECT_EQ(job_keyword(attrs, "sides"), "two-sided-long-edge");
  EXPECT_EQ(job_keyword(attrs, "print-color-mode"), "monochrome");
  EXPECT_EQ(ippGetInteger(ippFindAttribute(attrs, "copies", IPP_TAG_INTEGER), 0), 2);
  ipp_printer.wait_until_job_finished(1);
}

TEST_F(CupsTicketTest, LpOptionsWhileTheServerIsDown_TheFallbackJobIsAccountedAsPrinted) {
  office_.stop_server();
  client_->daemon().check_server_now();
  ASSERT_TRUE(client_->wait_for_online(false));
  const auto document = colour_document(documents_.path());
  auto job = print_with_lp("printline", "lp with a ticket offline", kTicketOptions, document);
  ASSERT_FALSE(job.uuid.empty());
  auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(printed->ticket.color_mode, model::ColorMode::kMonochrome);

  office_.start_server();
  auto accounted = client_->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  expect_the_ticket(*at_server);
  EXPECT_EQ(charges_for(job.uuid), 1);
}

TEST_F(CupsTicketTest, ABadOptionValueFailsTheCupsJobNamingTheOption) {
  const auto document = colour_document(documents_.path());
  auto [status, output] =
      run(cups_lp_program() + " -h " + cups_->server() +
          " -d printline -t 'bad option' -o ColorModel=Sepia " + document.string());
  EXPECT_EQ(status, 0) << output;  // cupsd took it; the backend refuses it
  const auto logged = [&] {
    return cups_->error_log().find("ColorModel=Sepia") != std::string::npos;
  };
  for (int i = 0; i < 200 && !logged(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(cups_->error_log().find("ColorModel=Sepia"), std::string::npos) << cups_->error_log();
  for (const auto& job : client_->daemon().jobs()) EXPECT_NE(job.title, "bad option");
}

}  // namespace
}  // namespace printline::testing
