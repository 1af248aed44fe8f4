#pragma once
// The tray's subscription to the daemon's events (docs/control-socket.md, `subscribe`), on its
// own thread so that the GUI never blocks on the socket. When the daemon stops or restarts the
// stream ends; the thread then connects again every `retry_interval` until the daemon is back
// (it re-sends pending prompts to the new subscriber, D3).
//
// Signals are emitted from the stream's thread; connect them queued (the default across
// threads). Events travel as their JSON object, parsed back with control_protocol's from_json.

#include <QByteArray>
#include <QString>
#include <QThread>
#include <chrono>
#include <filesystem>

namespace printline::tray {

class EventStream : public QThread {
  Q_OBJECT

 public:
  explicit EventStream(std::filesystem::path socket_path,
                       std::chrono::milliseconds retry_interval = std::chrono::seconds(1),
                       QObject* parent = nullptr);
  // Stops the thread (within about one poll interval) and waits for it.
  ~EventStream() override;

 signals:
  // The event's JSON object ({"kind":…}).
  void eventReceived(const QByteArray& event_json);
  // connected: the subscription is live; otherwise message says why not, for people.
  void connectionChanged(bool connected, const QString& message);

 protected:
  void run() override;

 private:
  std::filesystem::path socket_path_;
  std::chrono::milliseconds retry_interval_;
};

}  // namespace printline::tray
