// idle_connections_bench: 1,000 connections that open and trickle one header byte a second
// (a slowloris, issue 11), against printline-server and against Debian's cupsd (private
// configuration, bench/server/private_cupsd.h), one after the other in the same run. Meanwhile a
// well-behaved libcups client asks Get-Printer-Attributes (a new connection each time, as lpstat
// does) and the latency p50/p99 is printed for both, with the ratio. A connection the server
// closes is opened again at the next tick, so the 1,000 stay open as far as the server allows.
//
// The trickling connections come from 127.0.1.x source addresses, --per-address of them each
// (default 100), so a per-address connection cap limits them as it would separate machines;
// the well-behaved client connects from 127.0.0.1.
//
//   idle_connections_bench [--connections 1000] [--per-address 100] [--seconds 20] [--rate 20]

#include <cups/cups.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <utility>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/logging.h"
#include "private_cupsd.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/loopback_port.h"

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace printline;

struct Target {
  std::string name;
  int port = 0;
  std::string resource;  // "/ipp/print/bench", "/printers/bench"
  std::string auth_scheme;
  std::string auth_data;
};

// The slowloris: every connection sends a request line and the start of a header, then one
// more byte of that header each second, never finishing it.
class Trickler {
 public:
  Trickler(const Target& target, int connections, int per_address)
      : target_(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                              static_cast<unsigned short>(target.port))),
        head_("POST " + target.resource + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: "),
        tick_(io_) {
    for (int i = 0; i < connections; ++i) {
      auto conn = std::make_unique<Connection>(io_);
      conn->source = asio::ip::make_address_v4("127.0.1." + std::to_string(1 + i / per_address));
      conns_.push_back(std::move(conn));
    }
    on_tick();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Trickler() {
    io_.stop();
    thread_.join();
  }
  long opened() const { return opened_; }
  long closed_by_server() const { return closed_; }
  int open_now() const { return open_now_; }

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    asio::ip::address_v4 source;
    bool open = false;
    bool connecting = false;
    char scratch[512];
  };

  void on_tick() {
    int open = 0;
    for (auto& conn : conns_) {
      if (conn->open) {
        ++open;
        asio::async_write(conn->socket, asio::buffer("a", 1),
                          [this, c = conn.get()](boost::system::error_code ec, std::size_t) {
                            if (ec) drop(*c);
                          });
      } else if (!conn->connecting) {
        reopen(*conn);
      }
    }
    open_now_ = open;
    tick_.expires_after(1s);
    tick_.async_wait([this](boost::system::error_code ec) {
      if (!ec) on_tick();
    });
  }

  void reopen(Connection& conn) {
    boost::system::error_code ec;
    conn.socket.close(ec);
    conn.socket.open(tcp::v4(), ec);
    conn.socket.set_option(asio::socket_base::reuse_address(true), ec);
    conn.socket.bind(tcp::endpoint(conn.source, 0), ec);
    if (ec) return;
    conn.connecting = true;
    conn.socket.async_connect(target_, [this, &conn](boost::system::error_code connect_ec) {
      conn.connecting = false;
      if (connect_ec) return;
      conn.open = true;
      ++opened_;
      asio::async_write(conn.socket, asio::buffer(head_),
                        [this, &conn](boost::system::error_code write_ec, std::size_t) {
                          if (write_ec) drop(conn);
                        });
      watch(conn);
    });
  }

  // Anything the server sends (an error status) or its close ends the connection.
  void watch(Connection& conn) {
    conn.socket.async_read_some(asio::buffer(conn.scratch),
                                [this, &conn](boost::system::error_code ec, std::size_t) {
                                  if (ec) {
                                    drop(conn);
                                  } else {
                                    watch(conn);
                                  }
                                });
  }

  void drop(Connection& conn) {
    if (!conn.open) return;
    conn.open = false;
    ++closed_;
    boost::system::error_code ignored;
    conn.socket.close(ignored);
  }

  asio::io_context io_;
  tcp::endpoint target_;
  std::string head_;
  asio::steady_timer tick_;
  std::vector<std::unique_ptr<Connection>> conns_;
  std::atomic<long> opened_{0};
  std::atomic<long> closed_{0};
  std::atomic<int> open_now_{0};
  std::thread thread_;
};

struct Latency {
  std::vector<double> ms;  // answered requests, sorted
  long failed = 0;
  double p(double percent) const {
    if (ms.empty()) return 0;
    const auto index = static_cast<std::size_t>(percent / 100.0 * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(index, ms.size() - 1)];
  }
};

// The well-behaved client: Get-Printer-Attributes on a new connection, `rate` a second.
Latency measure(const Target& target, int seconds, int rate) {
  Latency latency;
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(target.port) + target.resource;
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  auto next = Clock::now();
  while (Clock::now() < end) {
    std::this_thread::sleep_until(next);
    next += std::chrono::microseconds(1000000 / rate);
    const auto start = Clock::now();
    bool ok = false;
    if (http_t* http = httpConnect2("127.0.0.1", target.port, nullptr, AF_INET,
                                    HTTP_ENCRYPTION_IF_REQUESTED, 1, 30000, nullptr)) {
      httpSetTimeout(http, 30.0, nullptr, nullptr);
      if (!target.auth_scheme.empty()) {
        httpSetAuthString(http, target.auth_scheme.c_str(), target.auth_data.c_str());
      }
      ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
      ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
      ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                   "admin");
      ipp_t* response = cupsDoRequest(http, request, target.resource.c_str());
      ok = response && ippGetStatusCode(response) < IPP_STATUS_REDIRECTION_OTHER_SITE;
      if (!ok && latency.failed == 0) {
        std::fprintf(stderr, "  %s: Get-Printer-Attributes failed: %s\n", target.name.c_str(),
                     cupsLastErrorString());
      }
      ippDelete(response);
      httpClose(http);
    }
    if (ok) {
      latency.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    } else {
      ++latency.failed;
    }
  }
  std::sort(latency.ms.begin(), latency.ms.end());
  return latency;
}

struct SideResult {  // one server, quiet and besieged
  Latency quiet;
  Latency besieged;
  long opened = 0;
  long closed = 0;
  int open_at_end = 0;
};

SideResult run(const Target& target, int connections, int per_address, int seconds, int rate) {
  SideResult result;
  result.quiet = measure(target, std::max(2, seconds / 4), rate);
  Trickler trickler(target, connections, per_address);
  std::this_thread::sleep_for(3s);  // every connection opened and trickling
  result.besieged = measure(target, seconds, rate);
  result.opened = trickler.opened();
  result.closed = trickler.closed_by_server();
  result.open_at_end = trickler.open_now();
  return result;
}

void print(const Target& target, const SideResult& r, int connections) {
  std::printf("  %-16s quiet: p50 %6.2f ms, p99 %7.2f ms | with %d trickling: p50 %7.2f ms, "
              "p99 %8.2f ms, max %8.2f ms, %ld of %zu failed; trickling connections opened %ld, "
              "closed by the server %ld, open at the end %d\n",
              target.name.c_str(), r.quiet.p(50), r.quiet.p(99), connections, r.besieged.p(50),
              r.besieged.p(99), r.besieged.ms.empty() ? 0.0 : r.besieged.ms.back(),
              r.besieged.failed, r.besieged.ms.size() + static_cast<std::size_t>(r.besieged.failed),
              r.opened, r.closed, r.open_at_end);
}

}  // namespace

int main(int argc, char** argv) {
  int connections = 1000;
  int per_address = 100;
  int seconds = 20;
  int rate = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (option == "--connections") connections = std::max(1, value);
    if (option == "--per-address") per_address = std::clamp(value, 1, connections);
    if (option == "--seconds") seconds = std::max(2, value);
    if (option == "--rate") rate = std::clamp(value, 1, 1000);
  }
  signal(SIGPIPE, SIG_IGN);
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  init_logging("warn");

  testing::TempDir cups_dir("printline-cupsd");
  const int cups_port = testing::pick_free_port();
  auto cupsd = bench::start_private_cupsd(cups_dir, cups_port);
  if (!bench::wait_for_ipp_port(cups_port)) {
    std::fprintf(stderr, "cupsd did not start; see %s\n", (cups_dir / "cupsd.out").c_str());
    return 1;
  }
  testing::RunningServer server([](server::ServerConfig& config) { config.log_level = "warn"; });
  auto store = std::move(
      store::open_sqlite_store((server.config().data_dir / "printline.db").string()).value());
  model::PrintQueue hold;
  hold.name = "bench";
  hold.kind = model::QueueKind::kHold;
  if (!store->create_queue(hold, store::system_actor()).ok()) return 1;
  auto admin = store->find_user_by_login(testing::RunningServer::kAdminLogin).value();
  auto token = store->issue_token(admin->id, std::chrono::hours(1)).value();
  const Target printline_target{"printline-server", server.port(), "/ipp/print/bench", "Bearer",
                                token.token};
  const Target cups_target{"cupsd", cups_port, "/printers/bench", "", ""};

  std::printf("idle connections: %d trickling a header byte a second (%d per source address), "
              "Get-Printer-Attributes %d/s for %d s on a new connection each; load average %s\n",
              connections, per_address, rate, seconds, bench::load_average().c_str());
  std::fflush(stdout);
  const SideResult printline = run(printline_target, connections, per_address, seconds, rate);
  print(printline_target, printline, connections);
  std::fflush(stdout);
  const SideResult cups = run(cups_target, connections, per_address, seconds, rate);
  print(cups_target, cups, connections);
  // A request that failed counts as slower than any answer.
  auto p99 = [](const SideResult& r) {
    return r.besieged.failed * 100 > static_cast<long>(r.besieged.ms.size() + r.besieged.failed)
               ? 1e9
               : r.besieged.p(99);
  };
  const double ratio = p99(cups) > 0 ? p99(printline) / p99(cups) : 0;
  std::printf("  p99 printline-server / cupsd with %d trickling connections: %.2f (goal <= 1, and "
              "printline's p99 < 50 ms: %s); load average %s\n",
              connections, ratio, p99(printline) < 50 ? "met" : "NOT met",
              bench::load_average().c_str());
  return 0;
}
