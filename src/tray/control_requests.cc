#include "tray/control_requests.h"

#include "client/control_protocol.h"

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

template <typename T>
client::ControlResult<T> ControlRequests::fetch(const client::ControlRequest& request,
                                                const char* field) {
  auto answer = send(request);
  if (!answer.ok()) return answer.error();
  try {
    return answer.value().at(field).get<T>();
  } catch (const nlohmann::json::exception&) {
    return client::ControlError{client::ControlError::Kind::kBroken,
                                std::string("The Printline client's answer (") + field +
                                    ") was not understood; check that the tray and the client "
                                    "are the same version."};
  }
}

client::ControlResult<client::StatusView> ControlRequests::status() {
  client::ControlRequest request;
  request.command = client::ControlCommand::kStatus;
  return fetch<client::StatusView>(request, "status");
}

client::ControlResult<std::vector<client::JobView>> ControlRequests::jobs() {
  client::ControlRequest request;
  request.command = client::ControlCommand::kJobs;
  return fetch<std::vector<client::JobView>>(request, "jobs");
}

client::ControlResult<std::vector<client::CandidateView>> ControlRequests::printers() {
  client::ControlRequest request;
  request.command = client::ControlCommand::kPrinters;
  return fetch<std::vector<client::CandidateView>>(request, "printers");
}

}  // namespace printline::tray
