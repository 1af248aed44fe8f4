#include "server/metrics.h"

#include <fmt/format.h>

namespace printline::server {

ServerMetrics& ServerMetrics::process() {
  static ServerMetrics metrics;
  return metrics;
}

std::string metric_label(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (const char c : value) {
    if (c == '\\')
      escaped += "\\\\";
    else if (c == '"')
      escaped += "\\\"";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  return escaped;
}

void ServerMetrics::count_delivery(std::string_view printer, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++deliveries_[{std::string(printer), std::string(outcome)}];
}

void ServerMetrics::observe_request(std::string_view method, std::string_view route, int status,
                                    std::chrono::duration<double> elapsed) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(method), std::string(route), status}];
  auto& latency = latency_[{std::string(method), std::string(route)}];
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (elapsed.count() <= kLatencyBuckets[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  ++latency.count;
  latency.sum += elapsed.count();
}

void ServerMetrics::count_database_error() {
  std::lock_guard lock(mutex_);
  ++database_errors_;
}

std::string ServerMetrics::render() const {
  std::lock_guard lock(mutex_);
  std::string text;
  text += "# HELP printline_deliveries_total Attempts to send a job to a printer, by outcome.\n";
  text += "# TYPE printline_deliveries_total counter\n";
  for (const auto& [key, count] : deliveries_) {
    text += fmt::format("printline_deliveries_total{{printer=\"{}\",outcome=\"{}\"}} {}\n",
                        metric_label(key.first), metric_label(key.second), count);
  }
  text += "# HELP printline_http_requests_total HTTP requests answered, by route and status.\n";
  text += "# TYPE printline_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    text += fmt::format(
        "printline_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
        metric_label(method), metric_label(route), status, count);
  }
  text += "# HELP printline_http_request_duration_seconds Time to handle a request, by route.\n";
  text += "# TYPE printline_http_request_duration_seconds histogram\n";
  for (const auto& [key, latency] : latency_) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", metric_label(key.first),
                                    metric_label(key.second));
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += latency.buckets[i];
      text += fmt::format("printline_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                          labels, kLatencyBuckets[i], cumulative);
    }
    text += fmt::format("printline_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                        labels, latency.count);
    text +=
        fmt::format("printline_http_request_duration_seconds_sum{{{}}} {}\n", labels, latency.sum);
    text += fmt::format("printline_http_request_duration_seconds_count{{{}}} {}\n", labels,
                        latency.count);
  }
  text += "# HELP printline_database_errors_total Database reads and writes that failed.\n";
  text += "# TYPE printline_database_errors_total counter\n";
  text += fmt::format("printline_database_errors_total {}\n", database_errors_);
  return text;
}

}  // namespace printline::server
