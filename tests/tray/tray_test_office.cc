#include "tray_test_office.h"

#include <stdexcept>

#include "support/must.h"

namespace printline::testing {

TrayTestOffice::TrayTestOffice() {
  start_server();
  store_ = must(store::open_sqlite_store((data_.path() / "data" / "printline.db").string()));
  model::PriceList prices;
  for (auto paper : {model::PaperSize::kA4, model::PaperSize::kLetter}) {
    prices.prices.push_back({paper, false, 10});
    prices.prices.push_back({paper, true, 50});
  }
  must(store_->set_price_list(prices, store::system_actor()));
  model::PrintQueue queue;
  queue.name = "main";
  queue.printer_id = add_printer("server-raw", server_sink_).id;
  must(store_->create_queue(queue, store::system_actor()));
}

model::User TrayTestOffice::add_user(const std::string& login, std::int64_t balance_cents) {
  model::User user;
  user.login = login;
  user.name = login;
  user = must(store_->create_user(user, kTrayTestPassword, store::system_actor()));
  if (balance_cents > 0) must(store_->top_up(user.id, balance_cents, "test", store::system_actor()));
  return user;
}

model::Printer TrayTestOffice::add_printer(const std::string& name, const RawSinkPeer& sink) {
  model::Printer p;
  p.name = name;
  p.location = name + " room";
  p.device_uri = "socket://127.0.0.1:" + std::to_string(sink.port());
  p.vendor = "Kyocera";
  p.spooling_port = model::DevicePort{model::PortProtocol::kRaw, sink.port(), ""};
  return must(store_->create_printer(p, store::system_actor()));
}

void TrayTestOffice::add_profile(const std::string& name, const std::vector<std::string>& users,
                                 bool fallback_enabled,
                                 const std::vector<std::int64_t>& printer_ids,
                                 model::ReleaseCondition release) {
  model::ClientProfile profile;
  profile.name = name;
  profile.assigned_users = users;
  profile.server_addresses = {base_url_};
  profile.fallback.enabled = fallback_enabled;
  profile.fallback.printer_ids = printer_ids;
  profile.fallback.release = release;
  must(store_->create_profile(profile, store::system_actor()));
}

void TrayTestOffice::stop_server() { server_.reset(); }

void TrayTestOffice::start_server() {
  server_ = std::make_unique<RunningServer>([this](server::ServerConfig& config) {
    config.data_dir = data_.path() / "data";
    config.listen_port = port_;
  });
  port_ = server_->port();
  base_url_ = server_->base_url();
}

TrayClient::TrayClient(TrayTestOffice& office, const std::string& login)
    : client_(std::make_unique<RunningClient>(office.base_url())) {
  client_->login(login, kTrayTestPassword);
  if (!client_->wait_for_online(true)) throw std::runtime_error(login + "'s client never got online");
  open_socket();
}

TrayClient::~TrayClient() {
  if (control_) control_->stop();
}

void TrayClient::open_socket() {
  control_ = std::make_unique<client::ControlSocketServer>(client_->daemon(), socket_);
  auto started = control_->start();
  if (!started.ok()) throw std::runtime_error(started.error().message);
}

void TrayClient::restart() {
  control_->stop();
  control_.reset();
  client_->restart();
  open_socket();
}

}  // namespace printline::testing
