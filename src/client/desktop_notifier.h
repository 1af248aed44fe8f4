#pragma once
// Shows the daemon's notifications (printed on a fallback printer — FP-7a, accounted after the
// outage, errors) on the user's desktop through the freedesktop notification service
// (org.freedesktop.Notifications on the session bus), when the session has one. Without one,
// nothing is shown: the log and `printline jobs` always carry the same text.
//
// Threading: notify() may be called from any thread; calls are serialised.

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "client/client_service.h"

struct sd_bus;

namespace printline::client {

class DesktopNotifier {
 public:
  // bus_address: a D-Bus address ("unix:path=…"); empty → $DBUS_SESSION_BUS_ADDRESS.
  explicit DesktopNotifier(std::string bus_address = {});
  ~DesktopNotifier();
  DesktopNotifier(const DesktopNotifier&) = delete;
  DesktopNotifier& operator=(const DesktopNotifier&) = delete;

  // True when the notification service took it. Connects (again) when needed, so a session
  // bus that appears later is used; a missing service costs one failed call per notification.
  bool notify(const std::string& title, const std::string& body);

 private:
  bool connect();

  std::string address_;
  std::mutex mutex_;
  sd_bus* bus_ = nullptr;
};

// Forwards every kNotification event of `service` to `notifier` until the subscription ends,
// except while `shown_elsewhere()` is true (a desktop app such as printline-tray is subscribed
// and shows it itself: one notification per event, not two). Called on the emitting thread.
std::unique_ptr<Subscription> show_notifications_on_desktop(
    ClientService& service, std::shared_ptr<DesktopNotifier> notifier,
    std::function<bool()> shown_elsewhere = {});

}  // namespace printline::client
