#include "tray/control_requests.h"

namespace printline::tray {

client::ControlResult<nlohmann::json> ControlRequests::send(
    const client::ControlRequest& request) {
  auto connection = client::ControlSocketClient::connect(socket_path_);
  if (!connection.ok()) return connection.error();
  return connection.value().request(request);
}

client::ControlResult<nlohmann::json> ControlRequests::choose(const QString& job,
                                                              const QString& printer) {
  client::ControlRequest request;
  request.command = client::ControlCommand::kChoose;
  request.job = job.toStdString();
  request.printer = printer.toStdString();
  return send(request);
}

client::ControlResult<nlohmann::json> ControlRequests::retry(const QString& job) {
  client::ControlRequest request;
  request.command = client::ControlCommand::kRetry;
  request.job = job.toStdString();
  return send(request);
}

client::ControlResult<nlohmann::json> ControlRequests::cancel(const QString& job) {
  client::ControlRequest request;
  request.command = client::ControlCommand::kCancel;
  request.job = job.toStdString();
  return send(request);
}

client::ControlResult<client::StatusView> ControlRequests::status() {
  client::ControlRequest request;
  request.command = client::ControlCommand::kStatus;
  auto answer = send(request);
  if (!answer.ok()) return answer.error();
  try {
    const auto& j = answer.value();
    return (j.contains("status") ? j["status"] : j).get<client::StatusView>();
  } catch (const nlohmann::json::exception&) {
    return client::ControlError{client::ControlError::Kind::kBroken,
                                "The Printline client's status was not understood; check that "
                                "the tray and the client are the same version."};
  }
}

client::ControlResult<nlohmann::json> ControlRequests::jobs() {
  client::ControlRequest request;
  request.command = client::ControlCommand::kJobs;
  return send(request);
}

}  // namespace printline::tray
