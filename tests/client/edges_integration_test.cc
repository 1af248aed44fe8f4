// The desktop client's edges against the real daemon (ClientDaemon) and a real server:
// CUPS ipptool's ipp-1.1.test and libcups against the local IPP printer, `printline print`
// and friends through the control socket, and the CUPS backend driven like cupsd drives it.

#include <cups/cups.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>

#include "client/control_socket_server.h"
#include "client/local_ipp_printer.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "ipp/ipp_message.h"
#include "model/job_ticket.h"
#include "support/must.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;
using nlohmann::json;

// A real one-page PDF that nobody here wrote (SPEC §4).
const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "alice-password-1";

struct Run {
  int status = -1;
  std::string output;
};

// Runs a shell command line; output is stdout and stderr together.
Run run(const std::string& command) {
  Run result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// A server with a price list, alice and a queue "main" printing to a RAW sink; alice's client
// logged in, with its control socket and its local IPP printer started as printline-client starts
// them.
class ClientEdgesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    office_.add_user("alice", 10000, kPassword);
    client_ = std::make_unique<RunningClient>(office_.base_url());
    client_->login("alice", kPassword);
    control_ = std::make_unique<client::ControlSocketServer>(client_->daemon(), socket_);
    auto started = control_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    start_printer(0);
  }
  void TearDown() override {
    if (printer_) printer_->stop();
    if (control_) control_->stop();
  }

  void start_printer(int port) {
    if (printer_) printer_->stop();
    printer_ = std::make_unique<client::LocalIppPrinter>(client_->daemon(), "127.0.0.1", port,
                                                         client_->daemon().spool_dir());
    auto started = printer_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
  }

  std::string cli(const std::string& arguments) {
    return std::string(PRINTLINE_CLI) + " " + arguments + " --control-socket " +
           quoted(socket_.string());
  }

  TestOffice office_;
  TempDir run_dir_{"printline-edges-run"};
  const std::filesystem::path socket_ = run_dir_ / "printline" / "control.sock";
  std::unique_ptr<RunningClient> client_;
  std::unique_ptr<client::ControlSocketServer> control_;
  std::unique_ptr<client::LocalIppPrinter> printer_;
};

TEST_F(ClientEdgesTest, LocalIppPrinter_IpptoolIpp11TestPasses) {
  const auto result = run("ipptool -t -T 30 -f " + kTestPdf.string() + " " +
                          quoted(printer_->uri()) + " /usr/share/cups/ipptool/ipp-1.1.test");
  EXPECT_EQ(result.status, 0) << result.output;
}

// PWG 5100.12 section 6.2 (with ipp-1.1.test), from the same IPP core as the server's queues.
TEST_F(ClientEdgesTest, LocalIppPrinter_IpptoolIpp20TestPasses) {
  const auto result = run("ipptool -t -T 30 -f " + kTestPdf.string() + " " +
                          quoted(printer_->uri()) + " /usr/share/cups/ipptool/ipp-2.0.test");
  EXPECT_EQ(result.status, 0) << result.output;
}

// PWG 5100.12 section 6.3 (with ipp-2.0.test): the IPP/2.1 operations and notifications.
TEST_F(ClientEdgesTest, LocalIppPrinter_IpptoolIpp21TestPasses) {
  const auto result = run("ipptool -t -T 30 -f " + kTestPdf.string() + " " +
                          quoted(printer_->uri()) + " /usr/share/cups/ipptool/ipp-2.1.test");
  EXPECT_EQ(result.status, 0) << result.output;
}

// One request to the local printer with libcups; file: the document, or null.
ipp::IppPtr ask_local_printer(int port, ipp_op_t operation, int job_id, const char* file,
                              const std::function<void(ipp_t*)>& add = nullptr) {
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(port) + "/ipp/print";
  ipp_t* request = ippNewRequest(operation);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  if (job_id > 0) ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  if (add) add(request);
  http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_NEVER, 1,
                              30000, nullptr);
  if (!http) return nullptr;
  ipp_t* response = file ? cupsDoFileRequest(http, request, "/ipp/print", file)
                         : cupsDoRequest(http, request, "/ipp/print");
  httpClose(http);
  return ipp::IppPtr(response);
}

int integer_of(const ipp::IppPtr& response, const char* name) {
  ipp_attribute_t* attr = response ? ippFindAttribute(response.get(), name, IPP_TAG_ZERO) : nullptr;
  return attr ? ippGetInteger(attr, 0) : -1;
}

std::function<void(ipp_t*)> job_named(const char* name, bool held) {
  return [name, held](ipp_t* request) {
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, name);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    if (held) {
      ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr,
                   "indefinite");
    }
  };
}

// A held job waits at the local printer — nothing enters the outbox, so nothing goes to the
// server or a fallback printer — until Release-Job hands it over under the same job-id;
// Pause-Printer holds what arrives until Resume-Printer; Disable-Printer refuses new jobs.
TEST_F(ClientEdgesTest, LocalIppPrinter_HeldJobsWaitUntilReleased) {
  const int port = printer_->port();
  const auto in_outbox = [&](const std::string& title) {
    const auto jobs = client_->daemon().jobs();
    return std::count_if(jobs.begin(), jobs.end(),
                         [&](const auto& job) { return job.title == title; });
  };
  auto printed = ask_local_printer(port, IPP_OP_PRINT_JOB, 0, kTestPdf.c_str(),
                                   job_named("held-by-test", true));
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  EXPECT_EQ(integer_of(printed, "job-state"), IPP_JSTATE_HELD);
  const int job_id = integer_of(printed, "job-id");
  EXPECT_EQ(in_outbox("held-by-test"), 0);
  EXPECT_EQ(integer_of(ask_local_printer(port, IPP_OP_GET_JOB_ATTRIBUTES, job_id, nullptr),
                       "job-state"),
            IPP_JSTATE_HELD);

  ask_local_printer(port, IPP_OP_RELEASE_JOB, job_id, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  EXPECT_EQ(in_outbox("held-by-test"), 1);
  auto after = ask_local_printer(port, IPP_OP_GET_JOB_ATTRIBUTES, job_id, nullptr);
  EXPECT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  EXPECT_NE(integer_of(after, "job-state"), IPP_JSTATE_HELD);

  ask_local_printer(port, IPP_OP_PAUSE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  auto paused = ask_local_printer(port, IPP_OP_PRINT_JOB, 0, kTestPdf.c_str(),
                                  job_named("while-paused", false));
  EXPECT_EQ(integer_of(paused, "job-state"), IPP_JSTATE_HELD);
  EXPECT_EQ(in_outbox("while-paused"), 0);
  ask_local_printer(port, IPP_OP_RESUME_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  EXPECT_EQ(in_outbox("while-paused"), 1);

  ask_local_printer(port, IPP_OP_DISABLE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  ask_local_printer(port, IPP_OP_PRINT_JOB, 0, kTestPdf.c_str(), job_named("refused", false));
  EXPECT_EQ(cupsLastError(), IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS);
  EXPECT_EQ(in_outbox("refused"), 0);
  ask_local_printer(port, IPP_OP_ENABLE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
}

// Pause-Printer and Disable-Printer are kept on disk: the printer started again is still
// paused and still refuses jobs, until it is enabled and resumed — and stays so in turn.
TEST_F(ClientEdgesTest, LocalIppPrinter_PausedAndDisabledAfterARestart) {
  const int port = printer_->port();
  const auto state_of = [&] {
    auto attributes = ask_local_printer(port, IPP_OP_GET_PRINTER_ATTRIBUTES, 0, nullptr);
    ipp_attribute_t* accepting =
        attributes ? ippFindAttribute(attributes.get(), "printer-is-accepting-jobs",
                                      IPP_TAG_BOOLEAN)
                   : nullptr;
    return std::pair(integer_of(attributes, "printer-state"),
                     accepting && ippGetBoolean(accepting, 0));
  };
  ask_local_printer(port, IPP_OP_PAUSE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  ask_local_printer(port, IPP_OP_DISABLE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();

  start_printer(port);
  EXPECT_EQ(state_of(), std::pair(static_cast<int>(IPP_PSTATE_STOPPED), false));
  ask_local_printer(port, IPP_OP_PRINT_JOB, 0, kTestPdf.c_str(), job_named("refused", false));
  EXPECT_EQ(cupsLastError(), IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS);
  ask_local_printer(port, IPP_OP_ENABLE_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  auto held = ask_local_printer(port, IPP_OP_PRINT_JOB, 0, kTestPdf.c_str(),
                                job_named("while-paused", false));
  EXPECT_EQ(integer_of(held, "job-state"), IPP_JSTATE_HELD);
  ask_local_printer(port, IPP_OP_RESUME_PRINTER, 0, nullptr);
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  const auto jobs = client_->daemon().jobs();
  EXPECT_EQ(std::count_if(jobs.begin(), jobs.end(),
                          [](const auto& job) { return job.title == "while-paused"; }),
            1);

  start_printer(port);
  const auto [state, accepting] = state_of();
  EXPECT_NE(state, IPP_PSTATE_STOPPED);  // idle, or sending while-paused on
  EXPECT_TRUE(accepting);
}

TEST_F(ClientEdgesTest, LocalIppPrinter_RefusesANonLoopbackHost) {
  client::LocalIppPrinter outside(client_->daemon(), "0.0.0.0", 0, client_->daemon().spool_dir());
  auto started = outside.start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find("loopback"), std::string::npos);
  EXPECT_TRUE(client::is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(client::is_loopback_host("::1"));
  EXPECT_FALSE(client::is_loopback_host("192.168.1.2"));
}

// libcups prints a PDF; the job is in the outbox under the job-id the printer gave, and the
// id still names the same job after the printer restarts (the id table is on disk).
TEST_F(ClientEdgesTest, LocalIppPrinter_PrintJobIsAnOutboxJobWithAStableId) {
  http_t* http = httpConnect2("127.0.0.1", printer_->port(), nullptr, AF_UNSPEC,
                              HTTP_ENCRYPTION_NEVER, 1, 30000, nullptr);
  ASSERT_NE(http, nullptr);
  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_->uri().c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "alice");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, "from-ipp.pdf");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/pdf");
  // The job ticket (D11), read by the IPP core, goes into the outbox job.
  ippAddInteger(request, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 2);
  ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", nullptr, "two-sided-long-edge");
  ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr, "monochrome");
  ipp_t* response = cupsDoFileRequest(http, request, "/ipp/print", kTestPdf.c_str());
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  const int job_id = ippGetInteger(ippFindAttribute(response, "job-id", IPP_TAG_INTEGER), 0);
  std::string uuid = ippGetString(ippFindAttribute(response, "job-uuid", IPP_TAG_URI), 0, nullptr);
  ippDelete(response);
  httpClose(http);
  ASSERT_GT(job_id, 0);
  ASSERT_EQ(uuid.rfind("urn:uuid:", 0), 0u);
  uuid = uuid.substr(9);
  auto job = client_->daemon().job(uuid);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->title, "from-ipp.pdf");
  EXPECT_EQ(job->ticket.copies, 2);
  EXPECT_EQ(job->ticket.sides, model::Sides::kTwoSidedLongEdge);
  EXPECT_EQ(job->ticket.color_mode, model::ColorMode::kMonochrome);
  auto done = client_->wait_for_state(uuid, JobState::kAtServer);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, JobState::kAtServer) << done->reason;

  start_printer(printer_->port());  // same table, read back from disk
  http = httpConnect2("127.0.0.1", printer_->port(), nullptr, AF_UNSPEC, HTTP_ENCRYPTION_NEVER, 1,
                      30000, nullptr);
  ASSERT_NE(http, nullptr);
  request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_->uri().c_str());
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  response = cupsDoRequest(http, request, "/ipp/print");
  ASSERT_EQ(cupsLastError(), IPP_STATUS_OK) << cupsLastErrorString();
  EXPECT_EQ(
      std::string(ippGetString(ippFindAttribute(response, "job-uuid", IPP_TAG_URI), 0, nullptr)),
      "urn:uuid:" + uuid);
  // Handed to the server: completed as far as this printer is concerned.
  EXPECT_EQ(ippGetInteger(ippFindAttribute(response, "job-state", IPP_TAG_ENUM), 0),
            IPP_JSTATE_COMPLETED);
  // The ticket is reported back as the job's template attributes.
  EXPECT_EQ(ippGetInteger(ippFindAttribute(response, "copies", IPP_TAG_INTEGER), 0), 2);
  ipp_attribute_t* sides = ippFindAttribute(response, "sides", IPP_TAG_KEYWORD);
  ASSERT_NE(sides, nullptr);
  EXPECT_STREQ(ippGetString(sides, 0, nullptr), "two-sided-long-edge");
  ippDelete(response);
  httpClose(http);
}

TEST_F(ClientEdgesTest, Cli_PrintTakesLpsOptionsAsTheJobTicket) {
  // D11: lp's -n and -o, one -o holding two options as lp allows.
  auto printed = run(cli("print " + kTestPdf.string() +
                         " --title asked.pdf -n 2 -o sides=two-sided-long-edge"
                         " -o 'print-color-mode=monochrome page-ranges=1' --json"));
  ASSERT_EQ(printed.status, 0) << printed.output;
  const json job = json::parse(printed.output);
  EXPECT_EQ(job["ticket_text"], "2 copies, two-sided (long edge), monochrome, pages 1");
  auto in_daemon = client_->daemon().job(job["uuid"].get<std::string>());
  ASSERT_TRUE(in_daemon);
  EXPECT_EQ(in_daemon->copies, 2);
  EXPECT_EQ(in_daemon->ticket.copies, 2);
  EXPECT_EQ(in_daemon->ticket.sides, model::Sides::kTwoSidedLongEdge);
  EXPECT_EQ(in_daemon->ticket.color_mode, model::ColorMode::kMonochrome);
  EXPECT_EQ(model::format_page_ranges(in_daemon->ticket.page_ranges), "1");
  auto table = run(cli("jobs"));
  ASSERT_EQ(table.status, 0) << table.output;
  EXPECT_NE(table.output.find("ASKED"), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("2 copies, two-sided (long edge), monochrome, pages 1"),
            std::string::npos)
      << table.output;

  // A mistyped option or a bad value is refused before anything is sent, naming it.
  const auto before = client_->daemon().jobs().size();
  auto unknown = run(cli("print " + kTestPdf.string() + " -o colour=mono"));
  EXPECT_NE(unknown.status, 0);
  EXPECT_NE(unknown.output.find("\"colour\" is not one Printline knows"), std::string::npos)
      << unknown.output;
  auto bad = run(cli("print " + kTestPdf.string() + " -o number-up=3"));
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.output.find("number-up=3"), std::string::npos) << bad.output;
  EXPECT_EQ(client_->daemon().jobs().size(), before);
}

TEST_F(ClientEdgesTest, Cli_PrintJobsAndStatusGoThroughTheControlSocket) {
  auto printed = run(cli("print " + kTestPdf.string() + " --title cli.pdf --copies 2 --json"));
  ASSERT_EQ(printed.status, 0) << printed.output;
  const json job = json::parse(printed.output);
  const std::string uuid = job["uuid"];
  auto in_daemon = client_->daemon().job(uuid);
  ASSERT_TRUE(in_daemon);
  EXPECT_EQ(in_daemon->title, "cli.pdf");
  EXPECT_EQ(in_daemon->copies, 2);
  EXPECT_GT(in_daemon->size_bytes, 0u);

  auto jobs = run(cli("jobs --json"));
  ASSERT_EQ(jobs.status, 0) << jobs.output;
  EXPECT_NE(jobs.output.find(uuid), std::string::npos);
  auto table = run(cli("jobs"));
  ASSERT_EQ(table.status, 0) << table.output;
  EXPECT_NE(table.output.find(uuid.substr(0, 8)), std::string::npos);

  auto piped = run("printf 'hello from a pipe\\n' | " + cli("print - --json"));
  ASSERT_EQ(piped.status, 0) << piped.output;
  auto from_pipe = client_->daemon().job(json::parse(piped.output)["uuid"]);
  ASSERT_TRUE(from_pipe);
  EXPECT_EQ(from_pipe->title, "stdin");
  EXPECT_EQ(from_pipe->size_bytes, 18u);

  auto status = run(cli("status --json"));
  ASSERT_EQ(status.status, 0) << status.output;
  EXPECT_EQ(json::parse(status.output)["logged_in"], true);
}

TEST_F(ClientEdgesTest, Cli_RefusalsAndAMissingClientHaveTheirExitCodes) {
  auto unknown = run(cli("retry ffffffff"));
  EXPECT_EQ(unknown.status, 17) << unknown.output;
  EXPECT_NE(unknown.output.find("printline jobs"), std::string::npos);
  auto missing = run(std::string(PRINTLINE_CLI) + " jobs --control-socket " +
                     quoted((run_dir_ / "nobody.sock").string()));
  EXPECT_EQ(missing.status, 16) << missing.output;
  EXPECT_NE(missing.output.find("systemctl --user start printline-client"), std::string::npos);
}

TEST_F(ClientEdgesTest, Cli_EventsFollowsTheStream) {
  FILE* events = ::popen((cli("events") + " 2>&1").c_str(), "r");
  ASSERT_NE(events, nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // subscribed
  auto job = must(client_->submit_file(kTestPdf, "events.pdf"));
  std::array<char, 4096> line{};
  ASSERT_NE(std::fgets(line.data(), line.size(), events), nullptr);
  EXPECT_NE(std::string(line.data()).find("job-changed " + job.uuid.substr(0, 8)),
            std::string::npos)
      << line.data();
  control_->stop();  // the stream ends and the command exits
  control_.reset();
  std::string rest;
  while (std::fgets(line.data(), line.size(), events)) rest += line.data();
  const int status = ::pclose(events);
  EXPECT_EQ(WEXITSTATUS(status), 16) << rest;
}

TEST_F(ClientEdgesTest, CupsBackend_DiscoveryLine) {
  auto discovery = run(PRINTLINE_CUPS_BACKEND);
  EXPECT_EQ(discovery.status, 0);
  EXPECT_EQ(discovery.output, "network printline \"Unknown\" \"Printline desktop client\"\n");
}

// cupsd runs the backend with job-id user title copies options and the document on stdin
// (or as argv[6]); DEVICE_URI holds the queue's device URI.
TEST_F(ClientEdgesTest, CupsBackend_HandsTheJobToTheClientLikeCupsd) {
  const std::string env = "DEVICE_URI=" + quoted("printline:/?socket=" + socket_.string()) +
                          " FINAL_CONTENT_TYPE=application/pdf ";
  auto from_stdin =
      run(env + PRINTLINE_CUPS_BACKEND + " 42 root 'cups job' 1 '' < " + kTestPdf.string());
  ASSERT_EQ(from_stdin.status, 0) << from_stdin.output;  // CUPS_BACKEND_OK
  auto from_file =
      run(env + PRINTLINE_CUPS_BACKEND + " 43 root 'cups file job' 3 '' " + kTestPdf.string());
  ASSERT_EQ(from_file.status, 0) << from_file.output;
  int found = 0;
  for (const auto& job : client_->daemon().jobs()) {
    if (job.title == "cups job") {
      ++found;
      EXPECT_EQ(job.copies, 1);  // from stdin the filters made the copies
      EXPECT_EQ(job.size_bytes, std::filesystem::file_size(kTestPdf));
    }
    if (job.title == "cups file job") {
      ++found;
      EXPECT_EQ(job.copies, 3);
    }
  }
  EXPECT_EQ(found, 2);
}

TEST_F(ClientEdgesTest, CupsBackend_RetriesWhenTheClientIsNotRunning) {
  const std::string env =
      "DEVICE_URI=" + quoted("printline:/?socket=" + (run_dir_ / "nobody.sock").string()) + " ";
  auto result = run(env + PRINTLINE_CUPS_BACKEND + " 44 root t 1 '' < " + kTestPdf.string());
  EXPECT_EQ(result.status, 6) << result.output;  // CUPS_BACKEND_RETRY
  EXPECT_NE(result.output.find("ERROR: The Printline client of user root is not running"),
            std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace printline::testing
