// DesktopNotifier against a real session bus: Debian's dbus-daemon, private to the test, with
// a notification service registered on it as org.freedesktop.Notifications (what a desktop's
// notification daemon does), which records what it was asked to show.

#include "client/desktop_notifier.h"

#include <gtest/gtest.h>
#include <systemd/sd-bus.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/control_socket_client.h"
#include "client/control_socket_server.h"
#include "recording_client_service.h"
#include "support/session_bus_peer.h"
#include "support/temp_dir.h"

namespace printline::client {
namespace {

using namespace std::chrono_literals;

struct Shown {
  std::string app, summary, body;
};

// org.freedesktop.Notifications on the bus, serving Notify until destroyed.
class NotificationService {
 public:
  explicit NotificationService(const std::string& address) {
    thread_ = std::thread([this, address] { serve(address); });
    // Up to 10 s: on a loaded machine (the suite runs two tests at once) the bus can be slow.
    for (int i = 0; i < 500 && !ready_; ++i) std::this_thread::sleep_for(20ms);
  }
  ~NotificationService() {
    stop_ = true;
    thread_.join();
  }
  bool ready() const { return ready_; }
  std::vector<Shown> shown() {
    std::lock_guard lock(mutex_);
    return shown_;
  }

 private:
  static int on_notify(sd_bus_message* call, void* self_pointer, sd_bus_error*) {
    auto* self = static_cast<NotificationService*>(self_pointer);
    const char *app = nullptr, *icon = nullptr, *summary = nullptr, *body = nullptr;
    std::uint32_t replaces = 0;
    if (sd_bus_message_read(call, "susss", &app, &replaces, &icon, &summary, &body) < 0) {
      return -EINVAL;
    }
    {
      std::lock_guard lock(self->mutex_);
      self->shown_.push_back({app, summary, body});
    }
    return sd_bus_reply_method_return(call, "u", static_cast<std::uint32_t>(self->shown_.size()));
  }

  void serve(const std::string& address) {
    static const sd_bus_vtable vtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD("Notify", "susssasa{sv}i", "u", on_notify, SD_BUS_VTABLE_UNPRIVILEGED),
        SD_BUS_VTABLE_END};
    sd_bus* bus = nullptr;
    sd_bus_slot* slot = nullptr;
    if (sd_bus_new(&bus) < 0 || sd_bus_set_address(bus, address.c_str()) < 0 ||
        sd_bus_set_bus_client(bus, 1) < 0 || sd_bus_start(bus) < 0 ||
        sd_bus_add_object_vtable(bus, &slot, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", vtable, this) < 0 ||
        sd_bus_request_name(bus, "org.freedesktop.Notifications", 0) < 0) {
      sd_bus_unref(bus);
      return;
    }
    ready_ = true;
    while (!stop_) {
      if (sd_bus_process(bus, nullptr) > 0) continue;
      sd_bus_wait(bus, 50'000);
    }
    sd_bus_slot_unref(slot);
    sd_bus_flush_close_unref(bus);
  }

  std::thread thread_;
  std::atomic<bool> ready_{false};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<Shown> shown_;
};

TEST(DesktopNotifier, FP7a_NotificationReachesTheFreedesktopService) {
  testing::SessionBusPeer bus;
  NotificationService service(bus.address());
  ASSERT_TRUE(service.ready()) << "could not register org.freedesktop.Notifications";

  DesktopNotifier notifier(bus.address());
  ASSERT_TRUE(notifier.notify("Printed on fallback printer floor1",
                              "The server is offline, so \"Report\" went to floor1."));
  const auto shown = service.shown();
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].app, "Printline");
  EXPECT_EQ(shown[0].summary, "Printed on fallback printer floor1");
  EXPECT_EQ(shown[0].body, "The server is offline, so \"Report\" went to floor1.");
}

TEST(DesktopNotifier, WithoutANotificationServiceNothingIsShownAndNothingFails) {
  testing::SessionBusPeer bus;
  DesktopNotifier notifier(bus.address());
  EXPECT_FALSE(notifier.notify("title", "body"));
  DesktopNotifier no_session("unix:path=/nonexistent/printline-bus");
  EXPECT_FALSE(no_session.notify("title", "body"));
}

TEST(DesktopNotifier, AServiceThatStartsLaterIsUsed) {
  testing::SessionBusPeer bus;
  DesktopNotifier notifier(bus.address());
  EXPECT_FALSE(notifier.notify("early", "no service yet"));
  NotificationService service(bus.address());
  ASSERT_TRUE(service.ready());
  EXPECT_TRUE(notifier.notify("later", "the service is up"));
  ASSERT_EQ(service.shown().size(), 1u);
  EXPECT_EQ(service.shown()[0].summary, "later");
}

// Issue 6: with the tray connected, the tray and the daemon both notified. A subscriber that
// says "as":"desktop-app" silences the daemon's own notification for as long as it is
// connected; a plain subscriber (`printline events`) does not.
TEST(DesktopNotifier, OnlyOneNotificationWhileADesktopAppIsSubscribed) {
  testing::SessionBusPeer bus;
  NotificationService shown(bus.address());
  ASSERT_TRUE(shown.ready());
  testing::TempDir dir{"printline-control"};
  testing::RecordingClientService service;
  ControlSocketServer control(service, dir / "control.sock");
  ASSERT_TRUE(control.start().ok());
  const auto notifying = show_notifications_on_desktop(
      service, std::make_shared<DesktopNotifier>(bus.address()),
      [&control] { return control.desktop_app_connected(); });

  ClientEvent printed;
  printed.kind = ClientEvent::Kind::kNotification;
  printed.title = "Printed on fallback printer hall-mono";
  printed.message = "The server is offline, so \"Report\" went to hall-mono.";
  // Subscribes, as the tray (desktop_app) or the CLI would, and waits until it is counted.
  auto subscribe = [&](bool desktop_app) {
    auto client = ControlSocketClient::connect(dir / "control.sock");
    EXPECT_TRUE(client.ok());
    ControlRequest request;
    request.command = ControlCommand::kSubscribe;
    request.desktop_app = desktop_app;
    EXPECT_TRUE(client.value().request(request).ok());
    return std::move(client.value());
  };
  auto wait_for_subscribers = [&](int count) {
    for (int i = 0; i < 200 && service.subscribers() != count; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(service.subscribers(), count);
  };
  wait_for_subscribers(1);  // the notifier itself

  service.publish(printed);  // nobody else: the daemon notifies
  ASSERT_EQ(shown.shown().size(), 1u);

  {
    auto cli = subscribe(false);
    wait_for_subscribers(2);
    service.publish(printed);  // `printline events` shows nothing on the desktop
    EXPECT_EQ(shown.shown().size(), 2u);
    {
      auto tray = subscribe(true);
      wait_for_subscribers(3);
      EXPECT_TRUE(control.desktop_app_connected());
      service.publish(printed);
      auto received = tray.next_event(5s);  // the tray got it, to show it itself
      ASSERT_TRUE(received.ok() && received.value());
      EXPECT_EQ(received.value()->title, printed.title);
      EXPECT_EQ(shown.shown().size(), 2u) << "the daemon notified while the tray was connected";
    }
    // The tray quits: the daemon notices the closed stream and notifies again.
    for (int i = 0; i < 200 && control.desktop_app_connected(); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(control.desktop_app_connected());
  }
  service.publish(printed);
  EXPECT_EQ(shown.shown().size(), 3u);
  control.stop();
}

}  // namespace
}  // namespace printline::client
