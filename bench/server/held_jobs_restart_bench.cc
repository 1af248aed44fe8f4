// held_jobs_restart_bench: how long a server takes, from its start with held jobs waiting, until
// every held job is listed and one of them is released (issue 17: 100,000 held jobs, under
// 10 s). Against cupsd (Debian's, private configuration: bench/server/private_cupsd.h) started
// with as many jobs held (job-hold-until=indefinite) on the same machine, in the same run:
//   1. both with --peer-jobs held jobs (default 2,000: cupsd's intake slows down with every job
//      it holds, so filling it with 100,000 would take hours): restart time and the ratio;
//   2. printline-server alone with --jobs held jobs (default 100,000): the goal.
// printline-server's jobs are written by the store (as a previous run would have left them),
// each with its document in the spool; cupsd's are submitted over IPP, then cupsd is stopped
// and started again.
//
//   held_jobs_restart_bench [--jobs 100000] [--peer-jobs 2000]
// Exit status 0 when every start listed every job and released one; the goal is printed.

#include <cups/cups.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/job_uuid.h"
#include "private_cupsd.h"
#include "server/api_test_client.h"
#include "server/server_process.h"
#include "store/store.h"
#include "support/loopback_port.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace printline;

constexpr const char* kPassword = "alice-password-1";
constexpr const char* kPage =
    "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
    "/Helvetica findfont 20 scalefont setfont 72 720 moveto (held) show showpage\n%%EOF\n";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A data directory as a previous run leaves it: alice, a hold queue on the sink printer and
// `jobs` held jobs of hers, each with its document in the spool. Returns the newest job's UUID.
std::string prepare_printline(const std::filesystem::path& data, const std::string& sink_uri,
                              int jobs) {
  std::filesystem::create_directories(data);
  auto store = store::open_sqlite_store((data / "printline.db").string()).value();
  const store::Actor admin{"bench"};
  model::User alice;
  alice.login = "alice";
  alice = store->create_user(alice, kPassword, admin).value();
  if (!store->top_up(alice.id, 100000, "bench", admin).ok()) std::exit(2);
  model::PriceList prices;
  prices.prices.push_back({model::PaperSize::kA4, false, 10});
  if (!store->set_price_list(prices, admin).ok()) std::exit(2);
  model::Printer sink;
  sink.name = "sink";
  sink.device_uri = sink_uri;
  sink = store->create_printer(sink, admin).value();
  model::PrintQueue secure;
  secure.name = "secure";
  secure.kind = model::QueueKind::kHold;
  secure.printer_id = sink.id;
  secure.hold_expiry_seconds = 0;  // never: the measurement is not raced by retention
  secure = store->create_queue(secure, admin).value();

  std::string newest;
  std::vector<model::Job> batch;
  const auto now = model::now_seconds();
  for (int i = 0; i < jobs; ++i) {
    model::Job job;
    job.uuid = new_job_uuid();
    job.owner_id = alice.id;
    job.queue_id = secure.id;
    job.origin = model::JobOrigin::kServer;
    job.state = model::JobState::kHeld;
    job.title = "held-" + std::to_string(i);
    job.counts = {1, 0, model::PaperSize::kA4, false, 1};
    job.document_format = "application/postscript";
    job.submitted_at = now;
    const auto shard = data / "spool" / job.uuid.substr(0, 2);
    std::filesystem::create_directories(shard);
    std::ofstream(shard / job.uuid) << kPage;
    newest = job.uuid;
    batch.push_back(std::move(job));
    if (batch.size() == 1000 || i + 1 == jobs) {
      auto recorded = store->record_jobs(batch);
      if (!recorded.ok()) {
        std::fprintf(stderr, "cannot record held jobs: %s\n", recorded.error().message.c_str());
        std::exit(2);
      }
      batch.clear();
    }
  }
  return newest;
}

// Starts printline-server on `data` and returns the seconds until alice sees `jobs` held jobs
// and the release of `uuid` on the sink is accepted; nullopt when either fails.
std::optional<double> restart_printline(const std::filesystem::path& dir, int jobs,
                                        const std::string& uuid) {
  std::ofstream(dir / "admin-password") << "admin-password-for-bench\n";
  std::ofstream(dir / "server.json") << nlohmann::json{
      {"admin_password_file", (dir / "admin-password").string()},
      {"held_job_expiry_seconds", 0}}.dump();
  const auto start = Clock::now();
  testing::ServerProcess server(PRINTLINE_SERVER_BINARY, dir / "data", dir / "server.log",
                                {"--config", (dir / "server.json").string()});
  testing::ApiClient alice("127.0.0.1", server.port());
  if (alice.login("alice", kPassword).status != 200) return std::nullopt;
  auto listed = alice.get("/api/v1/me/jobs?state=held&limit=1");
  if (listed.status != 200 || listed.json.value("total", -1) != jobs) {
    std::fprintf(stderr, "printline-server listed %s\n", listed.body.c_str());
    return std::nullopt;
  }
  auto released = alice.post("/api/v1/jobs/" + uuid + "/release", {{"printer", "sink"}});
  if (released.status != 200) {
    std::fprintf(stderr, "printline-server refused the release: %s\n", released.body.c_str());
    return std::nullopt;
  }
  const double took = seconds_since(start);
  server.stop();
  return took;
}

ipp_t* cups_request(ipp_op_t op, const std::string& uri) {
  ipp_t* request = ippNewRequest(op);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "alice");
  return request;
}

// Submits `jobs` held jobs to cupsd's queue over one connection; returns the last job's id.
int fill_cupsd(int port, const std::filesystem::path& document, int jobs) {
  http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                              30000, nullptr);
  if (!http) return 0;
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(port) + "/printers/bench";
  int last = 0;
  for (int i = 0; i < jobs; ++i) {
    ipp_t* request = cups_request(IPP_OP_PRINT_JOB, uri);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/postscript");
    ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr, "indefinite");
    ipp_t* response = cupsDoFileRequest(http, request, "/printers/bench", document.c_str());
    if (!response || ippGetStatusCode(response) >= IPP_STATUS_REDIRECTION_OTHER_SITE) {
      std::fprintf(stderr, "cupsd refused job %d: %s\n", i, cupsLastErrorString());
      ippDelete(response);
      httpClose(http);
      return 0;
    }
    last = ippGetInteger(ippFindAttribute(response, "job-id", IPP_TAG_INTEGER), 0);
    ippDelete(response);
  }
  httpClose(http);
  return last;
}

// The number of jobs cupsd lists as not completed, or -1.
int cupsd_job_count(http_t* http, const std::string& uri) {
  ipp_t* request = cups_request(IPP_OP_GET_JOBS, uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "not-completed");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr,
               "job-id");
  ipp_t* response = cupsDoRequest(http, request, "/");
  if (!response || ippGetStatusCode(response) >= IPP_STATUS_REDIRECTION_OTHER_SITE) {
    ippDelete(response);
    return -1;
  }
  int count = 0;
  for (ipp_attribute_t* a = ippFirstAttribute(response); a; a = ippNextAttribute(response)) {
    if (ippGetName(a) && std::string(ippGetName(a)) == "job-id") ++count;
  }
  ippDelete(response);
  return count;
}

// Starts cupsd on its filled directory and returns the seconds until it lists `jobs` jobs and
// releases `job_id`; nullopt when either fails.
std::optional<double> restart_cupsd(const testing::TempDir& dir, int port, int jobs, int job_id) {
  const auto start = Clock::now();
  auto cupsd = bench::start_private_cupsd(dir, port);
  if (!bench::wait_for_ipp_port(port)) return std::nullopt;
  http_t* http = httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                              30000, nullptr);
  if (!http) return std::nullopt;
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(port) + "/printers/bench";
  const int listed = cupsd_job_count(http, uri);
  ipp_t* release = cups_request(IPP_OP_RELEASE_JOB, uri);
  ippAddInteger(release, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ipp_t* response = cupsDoRequest(http, release, "/jobs");
  const bool released = response && ippGetStatusCode(response) < IPP_STATUS_REDIRECTION_OTHER_SITE;
  ippDelete(response);
  httpClose(http);
  const double took = seconds_since(start);
  if (listed != jobs || !released) {
    std::fprintf(stderr, "cupsd listed %d of %d jobs; release %s\n", listed, jobs,
                 released ? "accepted" : cupsLastErrorString());
    return std::nullopt;
  }
  cupsd->stop();
  return took;
}

std::optional<double> printline_round(int jobs) {
  testing::TempDir dir("printline-held-bench");
  testing::RawSinkPeer sink;
  const auto prepared = Clock::now();
  const auto newest = prepare_printline(dir.path() / "data", sink.uri(), jobs);
  std::printf("  printline-server: %d held jobs written in %.1f s\n", jobs,
              seconds_since(prepared));
  return restart_printline(dir.path(), jobs, newest);
}

std::optional<double> cupsd_round(int jobs) {
  testing::TempDir dir("printline-held-bench-cupsd");
  const int port = testing::pick_free_port();
  std::ofstream(dir.path() / "page.ps") << kPage;
  int last = 0;
  {
    auto cupsd = bench::start_private_cupsd(dir, port);
    if (!bench::wait_for_ipp_port(port)) return std::nullopt;
    const auto filled = Clock::now();
    last = fill_cupsd(port, dir.path() / "page.ps", jobs);
    std::printf("  cupsd: %d held jobs submitted in %.1f s\n", jobs, seconds_since(filled));
    cupsd->stop(std::chrono::seconds(30));  // SIGTERM: cupsd writes its job cache
  }
  if (last == 0) return std::nullopt;
  return restart_cupsd(dir, port, jobs, last);
}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 100000, peer_jobs = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--jobs") {
      jobs = std::atoi(argv[i + 1]);
    } else if (flag == "--peer-jobs") {
      peer_jobs = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: %s [--jobs N] [--peer-jobs N]\n", argv[0]);
      return 2;
    }
  }
  std::printf("held_jobs_restart_bench: start until every held job is listed and one released\n");
  std::printf("1. %d held jobs, printline-server against cupsd\n", peer_jobs);
  const auto ours = printline_round(peer_jobs);
  const auto theirs = cupsd_round(peer_jobs);
  if (ours && theirs) {
    std::printf(
        "  printline-server %.2f s, cupsd %.2f s: printline-server takes %.2fx cupsd's time\n",
        *ours, *theirs, *ours / *theirs);
  }
  std::printf("2. %d held jobs, printline-server (goal: under 10 s)\n", jobs);
  const auto goal = printline_round(jobs);
  if (goal) {
    std::printf("  printline-server %.2f s: goal %s\n", *goal, *goal < 10 ? "met" : "NOT met");
  }
  return ours && theirs && goal ? 0 : 1;
}
