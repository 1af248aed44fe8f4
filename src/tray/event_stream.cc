#include "tray/event_stream.h"

#include <nlohmann/json.hpp>

#include "client/control_socket_client.h"

namespace printline::tray {

namespace {
// How often the blocked read wakes up to notice that the tray quits.
constexpr std::chrono::milliseconds kPoll{200};
}  // namespace

EventStream::EventStream(std::filesystem::path socket_path,
                         std::chrono::milliseconds retry_interval, QObject* parent)
    : QThread(parent), socket_path_(std::move(socket_path)), retry_interval_(retry_interval) {}

EventStream::~EventStream() {
  requestInterruption();
  wait();
}

void EventStream::run() {
  bool was_connected = false;
  bool told_offline = false;
  while (!isInterruptionRequested()) {
    auto connection = client::ControlSocketClient::connect(socket_path_);
    std::string why;
    if (connection.ok()) {
      client::ControlRequest subscribe;
      subscribe.command = client::ControlCommand::kSubscribe;
      subscribe.desktop_app = true;  // we notify, so the daemon does not (one notification)
      auto answer = connection.value().request(subscribe);
      if (answer.ok()) {
        was_connected = true;
        told_offline = false;
        Q_EMIT connectionChanged(true, QString());
        while (!isInterruptionRequested()) {
          auto event = connection.value().next_event(kPoll);
          if (!event.ok()) {
            if (event.error().message.find("timed out") != std::string::npos) continue;
            why = event.error().message;
            break;
          }
          if (!event.value()) {
            why = "The Printline client stopped.";
            break;
          }
          nlohmann::json j = *event.value();
          Q_EMIT eventReceived(QByteArray::fromStdString(j.dump()));
        }
      } else {
        why = answer.error().message;
      }
    } else {
      why = connection.error().message;
    }
    if (isInterruptionRequested()) break;
    // Say it once per outage, not on every attempt.
    if (was_connected || !told_offline) {
      Q_EMIT connectionChanged(false, QString::fromStdString(why));
      was_connected = false;
      told_offline = true;
    }
    for (auto waited = std::chrono::milliseconds(0);
         waited < retry_interval_ && !isInterruptionRequested(); waited += kPoll) {
      msleep(static_cast<unsigned long>(kPoll.count()));
    }
  }
}

}  // namespace printline::tray
