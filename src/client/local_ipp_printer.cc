// HTTP side of the local IPP printer: binding on loopback (the http front, http/server.h);
// the request and its document are read as every Printline IPP printer reads them
// (ipp/ipp_http_body.h), streamed to the spool directory past 1 MiB, of any size.

#include "client/local_ipp_printer.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdint>
#include <limits>

#include "client/local_ipp_operations.h"
#include "core/logging.h"
#include "http/server.h"
#include "ipp/ipp_http_body.h"
#include "ipp/ipp_job_ids.h"

namespace printline::client {

namespace {

std::string login_name() {
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr) return entry->pw_name;
  return "unknown";
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr address{};
  return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

LocalIppPrinter::LocalIppPrinter(ClientService& service, std::string host, int port,
                                 std::filesystem::path spool_dir)
    : service_(service), host_(std::move(host)), port_(port), spool_dir_(std::move(spool_dir)) {}

LocalIppPrinter::~LocalIppPrinter() { stop(); }

std::string LocalIppPrinter::uri() const {
  const bool v6 = host_.find(':') != std::string::npos && host_.front() != '[';
  return fmt::format("ipp://{}:{}/ipp/print", v6 ? "[" + host_ + "]" : host_, port_);
}

Result<bool> LocalIppPrinter::start() {
  if (!is_loopback_host(host_)) {
    return Error{
        fmt::format("The local IPP printer listens on loopback only, not on {}; use "
                    "127.0.0.1 (other computers print through the server).",
                    host_)};
  }
  std::error_code error;
  std::filesystem::create_directories(spool_dir_, error);
  if (error) {
    return Error{fmt::format("Cannot create the local printer's spool directory {}: {}.",
                             spool_dir_.string(), error.message())};
  }
  const auto state_dir = spool_dir_.has_parent_path() ? spool_dir_.parent_path() : spool_dir_;
  ids_ = std::make_unique<ipp::JobIds>(state_dir / "local-ipp-job-ids", 1);
  operations_ = std::make_unique<LocalIppOperations>(service_, *ids_, login_name(), state_dir);
  http::ServerOptions options;
  options.host = host_ == "[::1]" ? "::1" : host_;
  options.port = port_;
  options.io_threads = 1;  // one user's applications
  options.worker_threads = 4;
  options.log_name = "ipp local";
  auto server = http::Server::create(options);
  if (!server.ok()) return server.error();
  server_ = std::move(*server);
  access_ = local_printer_access_for(::geteuid());
  register_routes();
  auto bound = server_->bind();
  if (!bound.ok()) {
    return Error{
        fmt::format("Cannot listen on {} for the local IPP printer (port in use?); "
                    "choose another port with --ipp-listen.",
                    host_)};
  }
  port_ = *bound;
  thread_ = std::thread([this] { server_->serve(); });
  object_logger("ipp", "local")->info("local IPP printer at {}", uri());
  return true;
}

void LocalIppPrinter::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

// Before the body is read, so a refused request's document is never stored (D13).
std::optional<http::Response> LocalIppPrinter::refuse_other_users(const http::Request& request) {
  auto refused = refuse_local_printer_request(
      access_, {request.local_addr, request.local_port, request.remote_addr, request.remote_port},
      request.get_header_value("Host"));
  if (!refused) return std::nullopt;
  object_logger("ipp", "local")
      ->warn("refused a request from {}:{}: {}", request.remote_addr, request.remote_port,
             *refused);
  http::Response response = http::text_response(403, *refused);
  response.close = true;
  return response;
}

void LocalIppPrinter::register_routes() {
  for (const char* path : {"/ipp/print", "/"}) {
    http::Route route;
    route.method = "POST";
    route.pattern = path;
    route.body = http::RouteClass::stream(std::numeric_limits<std::uint64_t>::max());
    route.authorizer = [this](http::Request& request) -> std::optional<http::Response> {
      if (auto refused = refuse_other_users(request)) return refused;
      if (!ipp::is_ipp_content_type(request)) {
        return http::text_response(400,
                                   "This is an IPP printer: send Content-Type application/ipp.");
      }
      return std::nullopt;
    };
    route.sink = [this](http::Request&) {
      return std::make_shared<ipp::IppBodySink>(spool_dir_, ipp::IppBodySink::Gate{});
    };
    route.handler = [this](http::Request& request, http::Response& response) {
      auto post = ipp::finished_ipp_post(request, response);
      if (!post) return;
      const std::string authority = ipp::ipp_authority(request, fmt::format("{}:{}", host_, port_));
      ipp::IppPtr answer =
          operations_->handle(post->request.get(), post->document.get(), authority);
      ipp::answer_ipp(response, answer.get());
    };
    server_->routes().add(std::move(route));
  }
}

}  // namespace printline::client
