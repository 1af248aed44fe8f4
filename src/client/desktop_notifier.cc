#include "client/desktop_notifier.h"

#include <spdlog/spdlog.h>
#include <systemd/sd-bus.h>

#include <cstdlib>

namespace printline::client {
namespace {

constexpr const char* kService = "org.freedesktop.Notifications";
constexpr const char* kPath = "/org/freedesktop/Notifications";
constexpr std::uint64_t kCallTimeoutUsec = 2'000'000;

}  // namespace

DesktopNotifier::DesktopNotifier(std::string bus_address) : address_(std::move(bus_address)) {
  if (address_.empty()) {
    if (const char* session = std::getenv("DBUS_SESSION_BUS_ADDRESS")) address_ = session;
  }
}

DesktopNotifier::~DesktopNotifier() {
  if (bus_ != nullptr) sd_bus_flush_close_unref(bus_);
}

bool DesktopNotifier::connect() {
  if (bus_ != nullptr) return true;
  if (address_.empty()) return false;  // no desktop session
  sd_bus* bus = nullptr;
  if (sd_bus_new(&bus) < 0) return false;
  if (sd_bus_set_address(bus, address_.c_str()) < 0 || sd_bus_set_bus_client(bus, 1) < 0 ||
      sd_bus_start(bus) < 0) {
    sd_bus_unref(bus);
    return false;
  }
  sd_bus_set_method_call_timeout(bus, kCallTimeoutUsec);
  bus_ = bus;
  return true;
}

bool DesktopNotifier::notify(const std::string& title, const std::string& body) {
  std::lock_guard lock(mutex_);
  if (!connect()) return false;
  sd_bus_error error{};  // SD_BUS_ERROR_NULL, without the C99 compound literal
  sd_bus_message* reply = nullptr;
  // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
  const int result = sd_bus_call_method(bus_, kService, kPath, kService, "Notify", &error, &reply,
                                        "susssasa{sv}i", "Printline", 0u, "printer",
                                        title.c_str(), body.c_str(), 0, 0, -1);
  const bool shown = result >= 0;
  if (!shown) {
    spdlog::debug("desktop notification not shown: {}",
                error.message != nullptr ? error.message : "no notification service");
    if (!sd_bus_is_open(bus_)) {  // the session bus went away: reconnect next time
      sd_bus_flush_close_unref(bus_);
      bus_ = nullptr;
    }
  }
  sd_bus_error_free(&error);
  sd_bus_message_unref(reply);
  return shown;
}

std::unique_ptr<Subscription> show_notifications_on_desktop(
    ClientService& service, std::shared_ptr<DesktopNotifier> notifier,
    std::function<bool()> shown_elsewhere) {
  return service.subscribe([notifier, shown_elsewhere](const ClientEvent& event) {
    if (event.kind != ClientEvent::Kind::kNotification) return;
    if (shown_elsewhere && shown_elsewhere()) {
      spdlog::debug("desktop notification left to the desktop app: {}", event.title);
      return;
    }
    notifier->notify(event.title, event.message);
  });
}

}  // namespace printline::client
