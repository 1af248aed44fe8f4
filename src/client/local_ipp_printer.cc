// HTTP side of the local IPP printer: binding on loopback; the request and its document are
// read as every Printline IPP printer reads them (ipp/ipp_http_post.h), of any size.

#include "client/local_ipp_printer.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "client/ipp_job_ids.h"
#include "client/local_ipp_operations.h"
#include "core/logging.h"
#include "ipp/ipp_http_bind.h"
#include "ipp/ipp_http_post.h"

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
  ids_ = std::make_unique<IppJobIds>(state_dir / "local-ipp-job-ids");
  operations_ = std::make_unique<LocalIppOperations>(service_, *ids_, login_name());
  server_ = std::make_unique<httplib::Server>();
  server_->set_read_timeout(30, 0);
  register_routes();
  const std::string bind_host = host_ == "[::1]" ? "::1" : host_;
  port_ = ipp::bind_http_server(*server_, bind_host, port_);
  if (port_ <= 0) {
    return Error{
        fmt::format("Cannot listen on {} for the local IPP printer (port in use?); "
                    "choose another port with --ipp-listen.",
                    host_)};
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // cpp-httplib's stop() does nothing until listening has begun: do not return before it has,
  // or a quick stop() would leave the thread listening for ever.
  for (int i = 0; i < 500 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  object_logger("ipp", "local")->info("local IPP printer at {}", uri());
  return true;
}

void LocalIppPrinter::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

void LocalIppPrinter::register_routes() {
  auto handler = [this](const httplib::Request& request, httplib::Response& response,
                        const httplib::ContentReader& reader) {
    ipp::IppPostLimits limits;
    limits.spool_dir = spool_dir_;
    limits.cannot_store_message =
        "The Printline client cannot store the job (disk full?); free space and print again.";
    auto post = ipp::read_ipp_post(request, reader, limits, response);
    if (!post) return;
    std::string authority = request.get_header_value("Host");
    if (authority.empty()) authority = fmt::format("{}:{}", host_, port_);
    ipp::IppPtr answer = operations_->handle(post->request.get(), post->document.get(), authority);
    ipp::answer_ipp(response, answer.get());
  };
  server_->Post("/ipp/print", handler);
  server_->Post("/", handler);
}

}  // namespace printline::client
