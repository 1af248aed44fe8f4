#include "client/running_client.h"

#include <stdexcept>
#include <thread>

#include "transport/document_source.h"

namespace printline::testing {

RunningClient::RunningClient(const std::string& servers,
                             const std::function<void(client::ClientConfig&)>& adjust) {
  config_.state_dir = dir_ / "state";
  config_.servers = client::split_server_list(servers);
  config_.connect_timeout = std::chrono::milliseconds(1000);
  config_.heartbeat_interval = std::chrono::milliseconds(200);
  config_.probe_timeout = std::chrono::milliseconds(300);
  config_.log_level = "warn";
  if (adjust) adjust(config_);
  open();
}

RunningClient::~RunningClient() { stop(); }

void RunningClient::open() {
  auto opened = client::ClientDaemon::open(config_);
  if (!opened.ok()) throw std::runtime_error("printline-client did not open: " + opened.error().message);
  daemon_ = std::move(*opened);
  subscription_ = daemon_->subscribe([this](const client::ClientEvent& event) {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
    changed_.notify_all();
  });
  daemon_->start();
}

void RunningClient::stop() {
  if (!daemon_) return;
  daemon_->stop();
  subscription_.reset();
  daemon_.reset();
}

void RunningClient::start() {
  if (!daemon_) open();
}

void RunningClient::restart() {
  stop();
  open();
}

void RunningClient::login(const std::string& login, const std::string& password) {
  auto status = daemon_->login(login, password, {});
  if (!status.ok()) throw std::runtime_error("login failed: " + status.error().message);
}

Result<client::JobView> RunningClient::submit_file(const std::filesystem::path& path,
                                                   const std::string& title, int copies) {
  auto document = transport::open_document_file(path);
  if (!document.ok()) return document.error();
  client::SubmitRequest request;
  request.title = title.empty() ? path.filename().string() : title;
  request.copies = copies;
  request.submitted_by = "test";
  return daemon_->submit(request, **document);
}

Result<client::JobView> RunningClient::submit_text(const std::string& content,
                                                   const std::string& title) {
  auto document = transport::document_from_string(content);
  client::SubmitRequest request;
  request.title = title.empty() ? "text" : title;
  request.document_format = "text/plain";
  request.submitted_by = "test";
  return daemon_->submit(request, *document);
}

std::optional<client::JobView> RunningClient::wait_for_state(const std::string& uuid,
                                                             client::JobState state,
                                                             std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  std::optional<client::JobView> last;
  for (;;) {
    last = daemon_->job(uuid);
    if (last && last->state == state) return last;
    if (std::chrono::steady_clock::now() >= until) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool RunningClient::wait_for_online(bool online, std::chrono::milliseconds timeout) {
  return wait_for_status([online](const client::StatusView& s) { return s.online == online; },
                         timeout);
}

bool RunningClient::wait_for_status(const std::function<bool(const client::StatusView&)>& holds,
                                    std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (holds(daemon_->status())) return true;
    daemon_->check_server_now();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return holds(daemon_->status());
}

std::vector<client::ClientEvent> RunningClient::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::optional<client::ClientEvent> RunningClient::wait_for_event(client::ClientEvent::Kind kind,
                                                                 const std::string& uuid,
                                                                 std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::optional<client::ClientEvent> found;
  changed_.wait_for(lock, timeout, [&] {
    for (const auto& event : events_) {
      if (event.kind == kind && (uuid.empty() || (event.job && event.job->uuid == uuid))) {
        found = event;
        return true;
      }
    }
    return false;
  });
  return found;
}

}  // namespace printline::testing
