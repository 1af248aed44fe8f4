#include "tray_test_office.h"

#include <stdexcept>

namespace printline::testing {

TrayClient::TrayClient(TrayTestOffice& office, const std::string& login)
    : client_(std::make_unique<RunningClient>(office.base_url())) {
  client_->login(login, kTrayTestPassword);
  if (!client_->wait_for_online(true))
    throw std::runtime_error(login + "'s client never got online");
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
