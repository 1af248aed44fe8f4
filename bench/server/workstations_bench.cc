// workstations_bench: N desktop clients (default 10,000) against one real printline-server
// process, simulated with event-driven sockets (Boost.Asio, one thread for all of them), as the
// desktop client behaves (issue 11, src/client/server_link.cc), 100 per loopback source address
// (127.1.x.y, so a per-address connection cap applies as to an office): each keeps one keep-alive
// connection, heartbeats every 10 s at its own random phase (GET /api/v1/me/profile with its
// ETag in If-None-Match, then GET /api/v1/me) and now and then prints a job (IPP Print-Job to a
// hold queue over the same connection). Reports the heartbeat latency p50/p99/p99.9 and the
// server's RSS and CPU per 1,000 clients.
//
// Then the server is stopped for 60 s while every client records 5 fallback jobs, and started
// again on the same data: each client uploads them at its next beat
// (POST /api/v1/accounting/fallback-jobs), honouring 503/429 + Retry-After with jitter. Reports
// the time until all N×5 jobs are accounted, checks in the database that each is recorded and
// charged once, and counts every refusal that was not a 503/429 with Retry-After.
//
//   workstations_bench [--clients 10000] [--interval 10] [--steady 30] [--outage 60]
//                      [--jobs 5] [--users 100] [--print-every 600] [--document FILE]

#include <cups/cups.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <utility>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <httplib.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/job_uuid.h"
#include "core/logging.h"
#include "store/store.h"
#include "support/child_process.h"
#include "support/loopback_port.h"
#include "support/temp_dir.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace printline;

struct Options {
  int clients = 10000;
  int interval_s = 10;
  int steady_s = 30;
  int outage_s = 60;
  int jobs = 5;
  int users = 100;
  int print_every_s = 600;  // mean time between two prints of one client; 0: never
  std::string document = "/usr/share/cups/data/default-testpage.pdf";
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What every simulated client adds to; touched by the event loop, read by main().
struct Stats {
  std::mutex mutex;
  bool measuring = false;
  std::vector<double> beat_ms;  // while measuring
  long beats_ok = 0;
  long beats_failed = 0;
  long connects = 0;
  long prints_ok = 0;
  long prints_refused = 0;
  long busy_answers = 0;     // 503/429 with Retry-After, honoured
  long other_refusals = 0;   // anything else that was not a success
  long accepted = 0;
  long duplicates = 0;
  long rejected = 0;
  std::string first_refusal;
  std::atomic<int> clients_accounted{0};
};

struct Shared {
  asio::io_context io;
  tcp::endpoint server;
  Options options;
  Stats stats;
  std::string print_body_prefix_uri;
  std::string document;
  std::int64_t printer_id = 0;
  std::mt19937_64 random{std::random_device{}()};
};

// One desktop client: one connection, one heartbeat grid, a few pending fallback jobs.
class Workstation {
 public:
  Workstation(Shared& shared, std::string token, asio::ip::address_v4 source)
      : shared_(shared),
        token_(std::move(token)),
        source_(source),
        stream_(shared.io),
        beat_timer_(shared.io),
        upload_timer_(shared.io) {}

  void start(Clock::time_point first_beat) {
    next_beat_ = first_beat;
    arm_beat();
  }

  // The server is down: the jobs this client printed on its fallback printer meanwhile.
  void record_fallback_jobs(int count) {
    for (int i = 0; i < count; ++i) pending_.push_back(new_job_uuid());
  }

 private:
  using Response = http::response<http::string_body>;
  using Done = std::function<void(bool transport_ok, const Response& response)>;

  void arm_beat() {
    beat_timer_.expires_at(next_beat_);
    beat_timer_.async_wait([this](beast::error_code ec) {
      if (!ec) beat();
    });
  }

  http::request<http::string_body> request(http::verb verb, const std::string& target) const {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + token_);
    req.set(http::field::accept, "application/json");
    req.keep_alive(true);
    return req;
  }

  void beat() {
    if (busy_) {  // the previous beat or upload still runs: skip this slot
      schedule_next_beat();
      return;
    }
    busy_ = true;
    const auto start = Clock::now();
    auto profile = request(http::verb::get, "/api/v1/me/profile");
    if (!etag_.empty()) profile.set(http::field::if_none_match, etag_);
    exchange(std::move(profile), [this, start](bool ok, const Response& answer) {
      if (!ok || (answer.result_int() != 200 && answer.result_int() != 304)) {
        return beat_failed(ok, answer);
      }
      if (answer.result_int() == 200) etag_ = std::string(answer[http::field::etag]);
      exchange(request(http::verb::get, "/api/v1/me"), [this, start](bool me_ok, const Response& me) {
        if (!me_ok || me.result_int() != 200) return beat_failed(me_ok, me);
        {
          std::lock_guard lock(shared_.stats.mutex);
          ++shared_.stats.beats_ok;
          if (shared_.stats.measuring) shared_.stats.beat_ms.push_back(ms_since(start));
        }
        after_beat();
      });
    });
  }

  void beat_failed(bool transport_ok, const Response& answer) {
    {
      std::lock_guard lock(shared_.stats.mutex);
      ++shared_.stats.beats_failed;
      if (transport_ok) note_refusal_locked(answer);
    }
    busy_ = false;
    schedule_next_beat();
  }

  void note_refusal_locked(const Response& answer) {
    const int status = answer.result_int();
    if ((status == 503 || status == 429) && answer.count(http::field::retry_after)) {
      ++shared_.stats.busy_answers;
      return;
    }
    ++shared_.stats.other_refusals;
    if (shared_.stats.first_refusal.empty()) {
      shared_.stats.first_refusal = std::to_string(status) + " " + answer.body().substr(0, 300);
    }
  }

  void after_beat() {
    // Online again: the jobs printed offline go up right after the beat, as the client does.
    if (!pending_.empty() && Clock::now() >= upload_not_before_) return upload();
    if (shared_.options.print_every_s > 0) {
      std::uniform_real_distribution<double> chance(0, 1);
      const double p = static_cast<double>(shared_.options.interval_s) / shared_.options.print_every_s;
      if (chance(shared_.random) < p) return print();
    }
    busy_ = false;
    schedule_next_beat();
  }

  void schedule_next_beat() {
    const auto interval = std::chrono::seconds(shared_.options.interval_s);
    const auto now = Clock::now();
    while (next_beat_ <= now) next_beat_ += interval;
    arm_beat();
  }

  void upload() {
    nlohmann::json jobs = nlohmann::json::array();
    char printed_at[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(printed_at, sizeof printed_at, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    for (const auto& uuid : pending_) {
      jobs.push_back({{"uuid", uuid},
                      {"printer", shared_.printer_id},
                      {"printed_at", printed_at},
                      {"title", "offline.pdf"},
                      {"pages", 1},
                      {"color_pages", 0},
                      {"paper", "A4"},
                      {"copies", 1}});
    }
    auto req = request(http::verb::post, "/api/v1/accounting/fallback-jobs");
    req.set(http::field::content_type, "application/json");
    req.body() = nlohmann::json{{"jobs", jobs}}.dump();
    req.prepare_payload();
    exchange(std::move(req), [this](bool ok, const Response& answer) {
      if (ok && answer.result_int() == 200) {
        auto body = nlohmann::json::parse(answer.body(), nullptr, false);
        std::vector<std::string> still;
        std::lock_guard lock(shared_.stats.mutex);
        if (body.is_discarded() || !body.contains("results")) {
          ++shared_.stats.other_refusals;
        } else {
          for (const auto& result : body["results"]) {
            const std::string status = result.value("status", "");
            if (status == "accepted") {
              ++shared_.stats.accepted;
            } else if (status == "duplicate") {
              ++shared_.stats.duplicates;
            } else {
              ++shared_.stats.rejected;
              still.push_back(result.value("uuid", ""));
              if (shared_.stats.first_refusal.empty()) {
                shared_.stats.first_refusal = result.dump().substr(0, 300);
              }
            }
          }
          pending_ = std::move(still);
          if (pending_.empty()) ++shared_.stats.clients_accounted;
        }
      } else if (ok) {
        const int status = answer.result_int();
        {
          std::lock_guard lock(shared_.stats.mutex);
          note_refusal_locked(answer);
        }
        if ((status == 503 || status == 429) && answer.count(http::field::retry_after)) {
          // Retry-After plus up to half as much again (src/client/upload_backoff.cc).
          const int seconds = std::max(1, std::atoi(std::string(answer[http::field::retry_after]).c_str()));
          std::uniform_int_distribution<int> jitter(0, seconds * 500);
          upload_not_before_ = Clock::now() + std::chrono::seconds(seconds) +
                               std::chrono::milliseconds(jitter(shared_.random));
          upload_timer_.expires_at(upload_not_before_);
          upload_timer_.async_wait([this](beast::error_code ec) {
            if (!ec && !busy_ && !pending_.empty()) {
              busy_ = true;
              upload();
            }
          });
        }
      }
      busy_ = false;
      schedule_next_beat();
    });
  }

  // Print-Job of the document to the hold queue over the same connection; the request
  // encoded by libcups.
  void print() {
    ipp_t* ipp = ippNewRequest(IPP_OP_PRINT_JOB);
    ippAddString(ipp, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 shared_.print_body_prefix_uri.c_str());
    ippAddString(ipp, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "bench");
    ippAddString(ipp, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, "workstation");
    ippAddString(ipp, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    std::string encoded;
    ippWriteIO(&encoded,
               [](void* context, ipp_uchar_t* buffer, size_t bytes) -> ssize_t {
                 static_cast<std::string*>(context)->append(reinterpret_cast<char*>(buffer), bytes);
                 return static_cast<ssize_t>(bytes);
               },
               1, nullptr, ipp);
    ippDelete(ipp);
    auto req = request(http::verb::post, "/ipp/print/bench");
    req.set(http::field::content_type, "application/ipp");
    req.body() = encoded + shared_.document;
    req.prepare_payload();
    exchange(std::move(req), [this](bool ok, const Response& answer) {
      bool accepted = false;
      if (ok && answer.result_int() == 200) {
        struct Reader {
          const std::string* text;
          std::size_t offset = 0;
        } reader{&answer.body()};
        ipp_t* response = ippNew();
        if (ippReadIO(&reader,
                      [](void* context, ipp_uchar_t* buffer, size_t bytes) -> ssize_t {
                        auto* r = static_cast<Reader*>(context);
                        const std::size_t n = std::min(bytes, r->text->size() - r->offset);
                        std::memcpy(buffer, r->text->data() + r->offset, n);
                        r->offset += n;
                        return static_cast<ssize_t>(n);
                      },
                      1, nullptr, response) == IPP_STATE_DATA) {
          accepted = ippGetStatusCode(response) < IPP_STATUS_REDIRECTION_OTHER_SITE;
        }
        ippDelete(response);
      }
      {
        std::lock_guard lock(shared_.stats.mutex);
        if (accepted) {
          ++shared_.stats.prints_ok;
        } else {
          ++shared_.stats.prints_refused;
          if (ok) note_refusal_locked(answer);
        }
      }
      busy_ = false;
      schedule_next_beat();
    });
  }

  // One request and its answer on the kept connection, connecting first when there is none.
  // A kept connection the server closed meanwhile is replaced once, as the real client does.
  void exchange(http::request<http::string_body> req, Done done, bool retried = false) {
    auto shared_req = std::make_shared<http::request<http::string_body>>(std::move(req));
    auto send = [this, shared_req, done, retried]() {
      const bool reused = used_;
      stream_.expires_after(30s);
      http::async_write(stream_, *shared_req, [this, shared_req, done, retried, reused](
                                                  beast::error_code ec, std::size_t) {
        if (ec) return broken(shared_req, done, retried, reused);
        response_ = std::make_unique<Response>();
        buffer_.clear();
        http::async_read(stream_, buffer_, *response_,
                         [this, shared_req, done, retried, reused](beast::error_code read_ec,
                                                                   std::size_t) {
                           if (read_ec) return broken(shared_req, done, retried, reused);
                           used_ = true;
                           stream_.expires_never();
                           const bool keep = response_->keep_alive();
                           auto answer = std::move(response_);
                           if (!keep) close();
                           done(true, *answer);
                         });
      });
    };
    if (connected_) return send();
    // From this workstation's own address: a server's per-address cap applies per machine.
    beast::error_code bind_ec;
    stream_.socket().open(tcp::v4(), bind_ec);
    stream_.socket().bind(tcp::endpoint(source_, 0), bind_ec);
    stream_.expires_after(5s);
    stream_.async_connect(shared_.server, [this, send, done](beast::error_code ec) {
      {
        std::lock_guard lock(shared_.stats.mutex);
        ++shared_.stats.connects;
      }
      if (ec) {
        close();
        static const Response none;
        return done(false, none);
      }
      connected_ = true;
      used_ = false;
      send();
    });
  }

  void broken(const std::shared_ptr<http::request<http::string_body>>& req, const Done& done,
              bool retried, bool reused) {
    close();
    if (reused && !retried) return exchange(std::move(*req), done, true);
    static const Response none;
    done(false, none);
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
    used_ = false;
  }

  Shared& shared_;
  const std::string token_;
  const asio::ip::address_v4 source_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::unique_ptr<Response> response_;
  asio::steady_timer beat_timer_;
  asio::steady_timer upload_timer_;
  Clock::time_point next_beat_;
  Clock::time_point upload_not_before_{};
  std::string etag_;
  std::vector<std::string> pending_;
  bool connected_ = false;
  bool used_ = false;
  bool busy_ = false;
};

struct ProcessUsage {
  double cpu_seconds = 0;
  double rss_mib = 0;
};

ProcessUsage usage_of(pid_t pid) {
  ProcessUsage usage;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name in parentheses: utime is the 14th, stime the 15th.
  if (auto close = text.rfind(')'); close != std::string::npos) {
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {
      if (i == 14) utime = std::stol(field);
      if (i == 15) {
        stime = std::stol(field);
        break;
      }
    }
    usage.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) usage.rss_mib = std::atof(line.c_str() + 6) / 1024.0;
  }
  return usage;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void raise_open_files(int clients) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < static_cast<rlim_t>(clients) + 200) {
    std::fprintf(stderr,
                 "warning: only %llu open files allowed (hard limit); %d clients need more. Raise "
                 "it with `ulimit -Hn` as root or pass a smaller --clients.\n",
                 static_cast<unsigned long long>(limit.rlim_cur), clients);
  }
}

// printline-server, the real binary, on `port` with `data` (stopped and started again).
class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& data, const std::filesystem::path& password, int port,
                const std::filesystem::path& log)
      : port_(port) {
    process_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{PRINTLINE_SERVER_BINARY, "--data", data.string(), "--listen",
                                 "127.0.0.1:" + std::to_string(port), "--admin-password-file",
                                 password.string(), "--log-level", "warn"},
        log);
  }
  bool wait_healthy(std::chrono::seconds timeout) {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(1, 0);
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && process_->running()) {
      if (auto reply = client.Get("/health"); reply && reply->status == 200) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  pid_t pid() const { return process_->pid(); }
  void stop() { process_->stop(std::chrono::milliseconds(20000)); }

 private:
  int port_;
  std::unique_ptr<testing::ChildProcess> process_;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (option == "--clients") options.clients = std::max(1, value);
    if (option == "--interval") options.interval_s = std::max(1, value);
    if (option == "--steady") options.steady_s = std::max(1, value);
    if (option == "--outage") options.outage_s = std::max(0, value);
    if (option == "--jobs") options.jobs = std::max(0, value);
    if (option == "--users") options.users = std::max(1, value);
    if (option == "--print-every") options.print_every_s = std::max(0, value);
    if (option == "--document") options.document = argv[i + 1];
  }
  options.users = std::min(options.users, options.clients);
  init_logging("warn");
  signal(SIGPIPE, SIG_IGN);
  raise_open_files(options.clients);

  // The site: users with one token each (clients of one user share it), a printer the default
  // profile falls back to, a price list and a hold queue — written before the server starts.
  testing::TempDir dir("printline-workstations");
  const auto data = dir.path() / "data";
  std::filesystem::create_directories(data);
  const auto password = dir.path() / "admin-password";
  std::ofstream(password) << "admin-password-for-bench\n";
  std::vector<std::string> tokens;
  std::vector<std::int64_t> user_ids;
  Shared shared;
  shared.options = options;
  const int port = testing::pick_free_port();
  {
    auto opened = store::open_sqlite_store((data / "printline.db").string());
    if (!opened.ok()) {
      std::fprintf(stderr, "cannot create the database: %s\n", opened.error().message.c_str());
      return 1;
    }
    auto& db = **opened;
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    model::Printer printer;
    printer.name = "floor1";
    printer.device_uri = "socket://127.0.0.1:9";
    auto stored_printer = db.create_printer(printer, store::system_actor());
    model::PrintQueue hold;
    hold.name = "bench";
    hold.kind = model::QueueKind::kHold;
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.server_addresses = {"127.0.0.1:" + std::to_string(port)};
    profile.heartbeat_interval = std::chrono::seconds(options.interval_s);
    profile.fallback.enabled = true;
    if (stored_printer.ok()) profile.fallback.printer_ids = {stored_printer->id};
    std::string problem;
    if (!stored_printer.ok()) {
      problem = stored_printer.error().message;
    } else if (auto priced = db.set_price_list(prices, store::system_actor()); !priced.ok()) {
      problem = priced.error().message;
    } else if (auto queued = db.create_queue(hold, store::system_actor()); !queued.ok()) {
      problem = queued.error().message;
    } else if (auto saved = db.create_profile(profile, store::system_actor()); !saved.ok()) {
      problem = saved.error().message;
    }
    if (!problem.empty()) {
      std::fprintf(stderr, "cannot set the site up in the database: %s\n", problem.c_str());
      return 1;
    }
    shared.printer_id = stored_printer->id;
    std::printf("creating %d users and their tokens...\n", options.users);
    std::fflush(stdout);
    for (int u = 0; u < options.users; ++u) {
      model::User user;
      user.login = "ws" + std::to_string(u);
      user.name = user.login;
      auto created = db.create_user(user, "workstation-password", store::system_actor());
      if (!created.ok()) {
        std::fprintf(stderr, "cannot create user: %s\n", created.error().message.c_str());
        return 1;
      }
      auto token = db.issue_token(created->id, std::chrono::hours(24));
      if (!token.ok()) return 1;
      tokens.push_back(token->token);
      user_ids.push_back(created->id);
    }
  }

  const auto log = dir.path() / "printline-server.log";
  auto server = std::make_unique<ServerProcess>(data, password, port, log);
  if (!server->wait_healthy(60s)) {
    std::fprintf(stderr, "printline-server did not start:\n%s\n", read_file(log).c_str());
    return 1;
  }
  const ProcessUsage idle = usage_of(server->pid());
  shared.server = tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
  shared.print_body_prefix_uri = "ipp://127.0.0.1:" + std::to_string(port) + "/ipp/print/bench";
  shared.document = read_file(options.document);

  std::printf("workstations: %d clients (%d users), heartbeat every %d s at a random phase, "
              "a print every %d s per client on average; load average %s\n",
              options.clients, options.users, options.interval_s, options.print_every_s,
              load_average().c_str());
  std::fflush(stdout);

  std::vector<std::unique_ptr<Workstation>> clients;
  clients.reserve(static_cast<std::size_t>(options.clients));
  const auto begin = Clock::now();
  std::uniform_int_distribution<int> phase(0, options.interval_s * 1000 - 1);
  for (int i = 0; i < options.clients; ++i) {
    // 100 workstations per loopback source address (127.1.x.y): an office, not one machine.
    const int address = i / 100;
    clients.push_back(std::make_unique<Workstation>(
        shared, tokens[static_cast<std::size_t>(i % options.users)],
        asio::ip::make_address_v4("127.1." + std::to_string(address / 250) + "." +
                                  std::to_string(1 + address % 250))));
    clients.back()->start(begin + std::chrono::milliseconds(phase(shared.random)));
  }
  auto work = asio::make_work_guard(shared.io);
  std::thread loop([&] { shared.io.run(); });

  auto snapshot = [&](const char* label) {
    std::lock_guard lock(shared.stats.mutex);
    std::printf("  [%5.0f s] %s: %ld beats answered, %ld failed, %ld connects, %ld prints, "
                "load %s\n",
                ms_since(begin) / 1000, label, shared.stats.beats_ok, shared.stats.beats_failed,
                shared.stats.connects, shared.stats.prints_ok, load_average().c_str());
    std::fflush(stdout);
  };

  // Warm-up: one interval for every client to connect and beat once, then measure.
  std::this_thread::sleep_for(std::chrono::seconds(options.interval_s) + 1s);
  snapshot("all connected");
  const ProcessUsage before = usage_of(server->pid());
  const auto measure_start = Clock::now();
  {
    std::lock_guard lock(shared.stats.mutex);
    shared.stats.measuring = true;
  }
  for (int s = 0; s < options.steady_s; s += 10) {
    std::this_thread::sleep_for(std::chrono::seconds(std::min(10, options.steady_s - s)));
    snapshot("steady");
  }
  const ProcessUsage after = usage_of(server->pid());
  const double measured_s = ms_since(measure_start) / 1000;
  std::vector<double> beats;
  long failed_steady = 0;
  {
    std::lock_guard lock(shared.stats.mutex);
    shared.stats.measuring = false;
    beats = shared.stats.beat_ms;
    failed_steady = shared.stats.beats_failed;
  }
  const double per_thousand = options.clients / 1000.0;
  const double cpu_percent = (after.cpu_seconds - before.cpu_seconds) / measured_s * 100;
  const double p50 = percentile(beats, 50);
  const double p99 = percentile(beats, 99);
  const double p999 = percentile(beats, 99.9);
  std::printf("heartbeat latency over %zu beats (%.0f s): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, "
              "max %.1f ms (goal p99 < 100 ms); %ld beats failed since the start\n",
              beats.size(), measured_s, p50, p99, p999, beats.empty() ? 0.0 : beats.back(),
              failed_steady);
  std::printf("server: RSS %.1f MiB idle, %.1f MiB with %d clients = %.2f MiB per 1,000 clients; "
              "CPU %.1f %% of one core = %.2f %% per 1,000 clients\n",
              idle.rss_mib, after.rss_mib, options.clients,
              (after.rss_mib - idle.rss_mib) / per_thousand, cpu_percent, cpu_percent / per_thousand);
  std::fflush(stdout);

  int status = 0;
  if (options.jobs > 0) {
    // The outage: stop the server; every client records its fallback jobs meanwhile.
    std::printf("stopping printline-server for %d s; every client prints %d jobs offline\n",
                options.outage_s, options.jobs);
    std::fflush(stdout);
    server->stop();
    asio::post(shared.io, [&] {
      for (auto& client : clients) client->record_fallback_jobs(options.jobs);
    });
    std::this_thread::sleep_for(std::chrono::seconds(options.outage_s));
    snapshot("outage over");
    const long busy_before = [&] {
      std::lock_guard lock(shared.stats.mutex);
      return shared.stats.busy_answers;
    }();
    const auto restart = Clock::now();
    server = std::make_unique<ServerProcess>(data, password, port, log);
    if (!server->wait_healthy(60s)) {
      std::fprintf(stderr, "printline-server did not start again:\n%s\n", read_file(log).c_str());
      shared.io.stop();
      loop.join();
      return 1;
    }
    const double up_ms = ms_since(restart);
    const int expected = options.clients;
    const auto deadline = restart + std::chrono::seconds(std::max(300, options.interval_s * 30));
    while (shared.stats.clients_accounted.load() < expected && Clock::now() < deadline) {
      std::this_thread::sleep_for(100ms);
      static auto last = Clock::now();
      if (Clock::now() - last > 5s) {
        last = Clock::now();
        std::lock_guard lock(shared.stats.mutex);
        std::printf("  [%5.1f s after restart] %d of %d clients accounted, %ld jobs accepted, "
                    "%ld busy answers, load %s\n",
                    ms_since(restart) / 1000, shared.stats.clients_accounted.load(), expected,
                    shared.stats.accepted, shared.stats.busy_answers, load_average().c_str());
        std::fflush(stdout);
      }
    }
    const double herd_s = ms_since(restart) / 1000;
    const bool all = shared.stats.clients_accounted.load() >= expected;

    // The ledger: every job recorded once, with origin fallback, and each user charged once
    // per job (10 cents per one-page A4 mono job, balances start at 0).
    long recorded = -1;
    long wrong_balances = 0;
    {
      auto opened = store::open_sqlite_store((data / "printline.db").string());
      if (opened.ok()) {
        store::JobFilter filter;
        filter.origin = model::JobOrigin::kFallback;
        if (auto count = (*opened)->count_jobs(filter); count.ok()) recorded = *count;
        for (std::size_t u = 0; u < user_ids.size(); ++u) {
          const long clients_of_user =
              options.clients / options.users + (static_cast<int>(u) < options.clients % options.users);
          auto user = (*opened)->find_user(user_ids[u]);
          if (!user.ok() || !user->has_value() ||
              (*user)->balance_cents != -10L * options.jobs * clients_of_user) {
            ++wrong_balances;
          }
        }
      }
    }
    std::lock_guard lock(shared.stats.mutex);
    std::printf("herd after the outage: server answering %.2f s after its start; %s %d×%d = %ld "
                "jobs accounted %.1f s after the restart (goal < 60 s)\n",
                up_ms / 1000, all ? "all" : "NOT all", options.clients, options.jobs,
                shared.stats.accepted, herd_s);
    std::printf("  answers: %ld accepted, %ld duplicate, %ld rejected; %ld busy (503/429 + "
                "Retry-After, honoured), %ld other refusals%s%s\n",
                shared.stats.accepted, shared.stats.duplicates, shared.stats.rejected,
                shared.stats.busy_answers - busy_before, shared.stats.other_refusals,
                shared.stats.first_refusal.empty() ? "" : "; first: ",
                shared.stats.first_refusal.c_str());
    std::printf("  ledger: %ld fallback jobs recorded (expected %ld), %ld of %d users charged "
                "other than once per job\n",
                recorded, static_cast<long>(options.clients) * options.jobs, wrong_balances,
                options.users);
    if (!all || recorded != static_cast<long>(options.clients) * options.jobs || wrong_balances > 0 ||
        shared.stats.other_refusals > 0) {
      status = 1;
    }
  }
  std::printf("load average at the end: %s\n", load_average().c_str());
  work.reset();
  shared.io.stop();
  loop.join();
  clients.clear();
  server->stop();
  return status;
}
