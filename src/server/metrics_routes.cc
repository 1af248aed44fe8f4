#include "server/metrics_routes.h"

#include <fmt/format.h>

#include <map>

#include "server/metrics.h"
#include "server/request_auth.h"

namespace printline::server {
namespace {

using model::JobOrigin;
using model::JobState;

constexpr JobState kStates[] = {JobState::kPending, JobState::kHeld,   JobState::kPrinting,
                                JobState::kPrinted, JobState::kFailed, JobState::kCancelled};

// Gauges read from the database now; a failed read is counted and its gauge left out (the
// scrape still answers, so the counters are not lost with it).
std::string database_gauges(store::Store& store) {
  auto& metrics = ServerMetrics::process();
  std::string text;
  text += "# HELP printline_jobs Jobs recorded, by state and origin.\n";
  text += "# TYPE printline_jobs gauge\n";
  for (const auto origin : {JobOrigin::kServer, JobOrigin::kFallback}) {
    for (const auto state : kStates) {
      store::JobFilter filter;
      filter.origin = origin;
      filter.state = state;
      auto count = store.count_jobs(filter);
      if (!count.ok()) {
        metrics.count_database_error();
        continue;
      }
      text += fmt::format("printline_jobs{{state=\"{}\",origin=\"{}\"}} {}\n",
                          model::state_name(state), model::origin_name(origin), *count);
    }
  }

  // Queue depth: what waits in each server queue, to be printed (pending) or released (held).
  auto queues = store.list_queues();
  if (queues.ok()) {
    std::map<std::int64_t, std::string> names;
    for (const auto& queue : *queues) names[queue.id] = queue.name;
    text += "# HELP printline_queue_jobs Jobs waiting in a server queue, by state.\n";
    text += "# TYPE printline_queue_jobs gauge\n";
    for (const auto state : {JobState::kPending, JobState::kHeld}) {
      std::map<std::int64_t, std::int64_t> depth;
      for (const auto& [id, name] : names) depth[id] = 0;
      store::JobFilter filter;
      filter.state = state;
      filter.limit = 1'000'000;  // every waiting job: queues hold thousands, not millions
      auto waiting = store.list_jobs(filter);
      if (!waiting.ok()) {
        metrics.count_database_error();
        continue;
      }
      for (const auto& job : *waiting) {
        if (job.queue_id && names.contains(*job.queue_id)) ++depth[*job.queue_id];
      }
      for (const auto& [id, count] : depth) {
        text += fmt::format("printline_queue_jobs{{queue=\"{}\",state=\"{}\"}} {}\n",
                            metric_label(names[id]), model::state_name(state), count);
      }
    }
  } else {
    metrics.count_database_error();
  }

  auto reports = store.client_reports();
  if (reports.ok()) {
    std::int64_t awaiting = 0;
    for (const auto& report : *reports) awaiting += report.fallback_jobs_awaiting_upload;
    text +=
        "# HELP printline_fallback_jobs_awaiting_upload Jobs desktop clients printed in "
        "fallback and have not uploaded yet, as they last reported.\n";
    text += "# TYPE printline_fallback_jobs_awaiting_upload gauge\n";
    text += fmt::format("printline_fallback_jobs_awaiting_upload {}\n", awaiting);
    text += "# HELP printline_desktop_clients Desktop clients that have reported.\n";
    text += "# TYPE printline_desktop_clients gauge\n";
    text += fmt::format("printline_desktop_clients {}\n", reports->size());
  } else {
    metrics.count_database_error();
  }
  return text;
}

// Slow or idle clients show here before they show anywhere else (issue 11's front).
std::string open_connections_gauge(std::size_t open) {
  return fmt::format(
      "# HELP printline_http_open_connections Client connections open now (HTTP, HTTPS, IPP).\n"
      "# TYPE printline_http_open_connections gauge\n"
      "printline_http_open_connections {}\n",
      open);
}

}  // namespace

void register_metrics_route(http::RouteTable& routes, ServerContext& context,
                            const HttpListener& listener) {
  routes.add("GET", "/metrics", http::RouteClass::none(),
             [&context, &listener](http::Request& request, http::Response& response) {
               auto auth = authenticate_request(request, context);
               if (!auth.ok()) {
                 response.status = auth.problem == AuthProblem::kRateLimited ? 429 : 401;
                 response.set_header("WWW-Authenticate", "Bearer realm=\"printline\"");
                 response.set_content(
                     "Metrics are for administrators: send an administrator's API token "
                     "(Authorization: Bearer ...).\n",
                     "text/plain; charset=utf-8");
                 return;
               }
               if (auth.user->role != model::Role::kAdmin) {
                 response.status = 403;
                 response.set_content("Metrics are for administrators; this account is not one.\n",
                                      "text/plain; charset=utf-8");
                 return;
               }
               std::string text = database_gauges(context.store);
               text += open_connections_gauge(listener.open_connections());
               text += ServerMetrics::process().render();
               response.set_content(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
             });
}

void count_requests(http::RouteTable& routes) {
  http::RouteTable counted;
  for (http::Route route : routes.routes()) {
    route.handler = [handler = std::move(route.handler), method = route.method,
                     pattern = route.pattern](http::Request& request, http::Response& response) {
      const auto started = std::chrono::steady_clock::now();
      try {
        handler(request, response);
      } catch (...) {
        ServerMetrics::process().observe_request(method, pattern, 500,
                                                 std::chrono::steady_clock::now() - started);
        throw;
      }
      ServerMetrics::process().observe_request(method, pattern, response.status,
                                               std::chrono::steady_clock::now() - started);
    };
    counted.add(std::move(route));
  }
  routes = std::move(counted);
}

}  // namespace printline::server
