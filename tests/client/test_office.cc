#include "client/test_office.h"

#include "support/must.h"

namespace printline::testing {

TestOffice::TestOffice(Printers printers, std::function<void(server::ServerConfig&)> adjust)
    : printers_(printers), adjust_(std::move(adjust)) {
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

model::User TestOffice::add_user(const std::string& login, std::int64_t balance_cents,
                                 const std::string& password) {
  model::User user;
  user.login = login;
  user.name = login;
  user = must(store_->create_user(user, password, store::system_actor()));
  if (balance_cents > 0)
    must(store_->top_up(user.id, balance_cents, "test", store::system_actor()));
  return user;
}

model::Printer TestOffice::add_printer(const std::string& name, const RawSinkPeer& sink) {
  model::Printer printer;
  printer.name = name;
  printer.device_uri = "socket://127.0.0.1:" + std::to_string(sink.port());
  if (printers_ == Printers::kKyoceraSpoolingPort) {
    printer.location = name + " room";
    printer.vendor = "Kyocera";
    printer.spooling_port = model::DevicePort{model::PortProtocol::kRaw, sink.port(), ""};
  }
  return must(store_->create_printer(printer, store::system_actor()));
}

model::ClientProfile TestOffice::add_profile(model::ClientProfile profile) {
  if (profile.server_addresses.empty()) profile.server_addresses = {base_url_};
  return must(store_->create_profile(profile, store::system_actor())).profile;
}

model::ClientProfile TestOffice::add_profile(const std::string& name,
                                             const std::vector<std::string>& users,
                                             bool fallback_enabled,
                                             const std::vector<std::int64_t>& printer_ids,
                                             model::ReleaseCondition release) {
  model::ClientProfile profile;
  profile.name = name;
  profile.assigned_users = users;
  profile.fallback.enabled = fallback_enabled;
  profile.fallback.printer_ids = printer_ids;
  profile.fallback.release = release;
  return add_profile(profile);
}

void TestOffice::stop_server() { server_.reset(); }

void TestOffice::start_server() {
  server_ = std::make_unique<RunningServer>([this](server::ServerConfig& config) {
    if (adjust_) adjust_(config);
    config.data_dir = data_.path() / "data";
    config.listen_port = port_;
  });
  port_ = server_->port();
  base_url_ = server_->base_url();
}

void TestOffice::start_server(int port) {
  port_ = port;
  start_server();
}

}  // namespace printline::testing
