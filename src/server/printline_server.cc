#include "server/printline_server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <system_error>

#include "server/api_routes.h"
#include "server/capability_refresh.h"
#include "server/health_routes.h"
#include "server/http_listener.h"
#include "server/ipp_queues.h"
#include "server/job_service.h"
#include "server/login_rate_limiter.h"
#include "server/metrics_routes.h"
#include "server/open_store.h"
#include "server/private_files.h"
#include "server/retention.h"
#include "server/server_context.h"
#include "server/web_session_routes.h"
#include "server/web_static_files.h"

namespace printline::server {
namespace {

class Assembled final : public PrintlineServer {
 public:
  Assembled(ServerConfig config) : config_(std::move(config)) {}

  Result<bool> open() {
    // An older installation's files repaired (D13); new ones are private through the
    // process umask that printline-server's main() sets (a library must not change the
    // umask of a process it is embedded in, such as a test that also starts cupsd).
    std::error_code error;
    std::filesystem::create_directories(config_.spool_dir(), error);
    if (error) {
      return Error{fmt::format("Cannot create the data directory {}: {}.",
                               config_.data_dir.string(), error.message())};
    }
    if (auto private_data = make_data_private(config_.data_dir); !private_data.ok()) {
      return private_data.error();
    }
    auto opened = open_configured_store(config_);
    if (!opened.ok()) return opened.error();
    store_ = std::move(*opened);
    auto bootstrap = ensure_administrator(*store_, config_.admin_password_file, config_.data_dir);
    if (!bootstrap.ok()) return bootstrap.error();
    bootstrap_ = std::move(*bootstrap);
    auto jobs = JobService::start(config_, *store_);
    if (!jobs.ok()) return jobs.error();
    jobs_ = std::move(*jobs);
    retention_ = std::make_unique<Retention>(config_, *store_);
    retention_->start();
    capability_refresh_ = std::make_unique<CapabilityRefresh>(config_, *store_);
    capability_refresh_->start();
    directories_ = std::make_unique<directory::DirectorySync>(*store_, config_.directories);
    directories_->start();
    auto listener = HttpListener::create(config_);
    if (!listener.ok()) return listener.error();
    listener_ = std::move(*listener);
    auto port = listener_->bind();
    if (!port.ok()) return port.error();
    port_ = *port;
    context_ = std::make_unique<ServerContext>(
        ServerContext{config_, *store_, *jobs_, limiter_, badge_limiter_, *directories_,
                      config_.base_url(port_)});
    register_health_routes(listener_->routes(), *context_);
    register_metrics_route(listener_->routes(), *context_, *listener_);
    register_ipp_routes(listener_->routes(), *context_);
    register_api_routes(listener_->routes(), *context_);
    register_web_session_routes(listener_->routes(), *context_);
    register_web_static_files(listener_->routes(), config_);
    count_requests(listener_->routes());  // after every route: each is counted and timed
    return true;
  }

  int port() const override { return port_; }
  std::string base_url() const override { return context_->base_url; }
  const BootstrapResult& bootstrap() const override { return bootstrap_; }

  void run() override {
    spdlog::info("printline-server listening on {}", context_->base_url);
    listener_->serve();
    retention_->stop();
    capability_refresh_->stop();
    directories_->stop();
    jobs_->shutdown();
    spdlog::info("printline-server stopped");
  }

  void stop() override { listener_->stop(); }

 private:
  ServerConfig config_;
  std::unique_ptr<store::Store> store_;
  BootstrapResult bootstrap_;
  std::unique_ptr<JobService> jobs_;
  std::unique_ptr<Retention> retention_;
  std::unique_ptr<CapabilityRefresh> capability_refresh_;
  std::unique_ptr<directory::DirectorySync> directories_;
  LoginRateLimiter limiter_;
  LoginRateLimiter badge_limiter_{kBadgeLimits};
  std::unique_ptr<HttpListener> listener_;
  std::unique_ptr<ServerContext> context_;
  int port_ = 0;
};

}  // namespace

Result<std::unique_ptr<PrintlineServer>> PrintlineServer::open(const ServerConfig& config) {
  if (auto invalid = validate(config)) return *invalid;
  auto server = std::make_unique<Assembled>(config);
  if (auto opened = server->open(); !opened.ok()) return opened.error();
  return std::unique_ptr<PrintlineServer>(std::move(server));
}

}  // namespace printline::server
