#pragma once
// What the server counts for a monitoring system (docs/operations.md, "Metrics"): deliveries
// per printer and outcome, HTTP requests per route and status with a latency histogram. One
// registry per process, like the log sinks: the print workers and the HTTP workers count into
// it, GET /metrics (metrics_routes.h) writes it in the Prometheus text format (version 0.0.4).
// Gauges read from the database (jobs by state, queue depth, fallback reports) are added by
// the route at scrape time. Thread-safe.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace printline::server {

class ServerMetrics {
 public:
  static ServerMetrics& process();

  // One attempt to send a job to a printer: "delivered" or the transport's outcome name.
  void count_delivery(std::string_view printer, std::string_view outcome);
  // One answered request: its route pattern (bounded: the route table's), status and time.
  void observe_request(std::string_view method, std::string_view route, int status,
                       std::chrono::duration<double> elapsed);
  // A read or write the database refused: an API answer 500 "internal", the job pipeline's
  // loads, claims and records, retention's expiry, the scrape's own reads.
  void count_database_error();

  // The counters and histograms, in the text format, with their HELP and TYPE lines.
  std::string render() const;

  // Upper bounds of the request latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 10> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,  0.5,  1.0,   2.5,  10.0};

 private:
  struct Latency {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> deliveries_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Latency> latency_;
  std::uint64_t database_errors_ = 0;
};

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string metric_label(std::string_view value);

}  // namespace printline::server
