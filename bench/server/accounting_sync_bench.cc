// Fallback accounting sync benchmark (SPEC §5 "Accounting sync", D6):
//   1. N printed-offline jobs (default 10,000) are uploaded to POST /api/v1/accounting/
//      fallback-jobs in batches (default 1000) over one HTTP connection to a real server
//      (in-process, SQLite in a temporary directory, loopback) — goal: under 5 s;
//   2. the same batches are uploaded again: every job must answer "duplicate" and the
//      balance must not move (charged exactly once).
// Usage: accounting_sync_bench [--jobs N] [--batch B]
// Exit status 0 when every job was accounted once and the second pass charged nothing.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/job_uuid.h"
#include "model/timestamp.h"
#include "server/api_test_client.h"
#include "server/running_server.h"

namespace {

using printline::testing::ApiClient;
using printline::testing::RunningServer;
using Clock = std::chrono::steady_clock;

struct Pass {
  double seconds = 0;
  int accepted = 0, duplicates = 0, rejected = 0, failed_requests = 0;
};

Pass upload_all(ApiClient& client, const std::vector<nlohmann::json>& batches) {
  Pass pass;
  const auto start = Clock::now();
  for (const auto& batch : batches) {
    auto reply = client.post("/api/v1/accounting/fallback-jobs", batch);
    if (reply.status != 200) {
      ++pass.failed_requests;
      std::fprintf(stderr, "upload failed: HTTP %d %s\n", reply.status, reply.body.c_str());
      continue;
    }
    pass.accepted += reply.json["accepted"].get<int>();
    pass.duplicates += reply.json["duplicates"].get<int>();
    pass.rejected += reply.json["rejected"].get<int>();
  }
  pass.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return pass;
}

std::int64_t balance(ApiClient& client) {
  return client.get("/api/v1/me").json.value("balance_cents", std::int64_t{0});
}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 10000, batch_size = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--jobs")
      jobs = std::atoi(argv[i + 1]);
    else if (flag == "--batch")
      batch_size = std::atoi(argv[i + 1]);
  }
  if (jobs < 1 || batch_size < 1 || batch_size > 1000) {
    std::fprintf(stderr, "usage: accounting_sync_bench [--jobs N] [--batch 1..1000]\n");
    return 2;
  }

  RunningServer server;
  ApiClient admin("127.0.0.1", server.port());
  admin.login(RunningServer::kAdminLogin, RunningServer::kAdminPassword);
  admin.call("PUT", "/api/v1/price-list",
             nlohmann::json{{"prices",
                             {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
                              {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}}}}});
  admin.post("/api/v1/users", {{"login", "bench"}, {"password", "bench-password"}});
  const auto hall = admin.post("/api/v1/printers",
             {{"name", "hall"}, {"device_uri", "socket://192.0.2.10:9100"}, {"color", true}});
  // Offline jobs are charged only on a fallback printer of the user's profile (D12).
  admin.post("/api/v1/profiles",
             {{"name", "bench"},
              {"is_default", true},
              {"server_addresses", {"http://127.0.0.1:8631"}},
              {"fallback",
               {{"enabled", true},
                {"printer_ids", {hall.json.value("id", std::int64_t{0})}},
                {"port", {{"protocol", "RAW"}, {"port", 9100}, {"queue", ""}}}}}});
  ApiClient client("127.0.0.1", server.port());
  if (client.login("bench", "bench-password").status != 200) {
    std::fprintf(stderr, "cannot log in to the benchmark server\n");
    return 1;
  }

  // What a desktop client uploads after an outage: varied pages, colour and copies.
  std::vector<nlohmann::json> batches;
  std::int64_t expected_cost = 0;
  const std::string printed_at =
      printline::model::format_timestamp(printline::model::now_seconds() - std::chrono::hours(1));
  for (int first = 0; first < jobs; first += batch_size) {
    nlohmann::json list = nlohmann::json::array();
    for (int i = first; i < std::min(jobs, first + batch_size); ++i) {
      const int pages = 1 + i % 7, color = i % 3 == 0 ? 1 : 0, copies = 1 + i % 2;
      expected_cost += (color * 50 + (pages - color) * 10) * copies;
      list.push_back({{"uuid", printline::new_job_uuid()},
                      {"printer", "hall"},
                      {"printed_at", printed_at},
                      {"title", "offline job " + std::to_string(i)},
                      {"pages", pages},
                      {"color_pages", color},
                      {"paper", "A4"},
                      {"duplex", false},
                      {"copies", copies}});
    }
    batches.push_back({{"jobs", std::move(list)}});
  }

  const auto before = balance(client);
  const Pass first = upload_all(client, batches);
  const auto after_first = balance(client);
  const Pass second = upload_all(client, batches);
  const auto after_second = balance(client);

  std::printf("Fallback accounting sync: %d jobs in %zu batches of up to %d over HTTP\n", jobs,
              batches.size(), batch_size);
  std::printf(
      "  first upload : %.3f s, %.0f jobs/s, accepted %d, duplicate %d, rejected %d, "
      "charged %lld cents\n",
      first.seconds, jobs / first.seconds, first.accepted, first.duplicates, first.rejected,
      static_cast<long long>(before - after_first));
  std::printf(
      "  second upload: %.3f s, %.0f jobs/s, accepted %d, duplicate %d, rejected %d, "
      "charged %lld cents\n",
      second.seconds, jobs / second.seconds, second.accepted, second.duplicates, second.rejected,
      static_cast<long long>(after_first - after_second));

  bool ok = true;
  if (first.accepted != jobs || first.failed_requests || before - after_first != expected_cost) {
    std::printf("FAIL: the first upload did not account every job once (expected %lld cents)\n",
                static_cast<long long>(expected_cost));
    ok = false;
  }
  if (second.duplicates != jobs || after_second != after_first || second.failed_requests) {
    std::printf("FAIL: the second upload charged something or did not answer duplicate\n");
    ok = false;
  }
  if (ok) std::printf("second upload charged nothing: OK\n");
  std::printf("goal (< 5 s for 10,000 jobs): %s\n",
              first.seconds < 5.0 * jobs / 10000 ? "met" : "NOT met");
  return ok ? 0 : 1;
}
