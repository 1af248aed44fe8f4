#pragma once
// Notifications for people (FP-7a: printed on a fallback printer and why; accounted after the
// server came back; errors): through the freedesktop notification service over D-Bus when the
// session has one, the tray icon's own balloon otherwise.

#include <QString>

class QSystemTrayIcon;

namespace printline::tray {

class DesktopNotifier {
 public:
  // fallback: the tray icon whose showMessage is used without the D-Bus service (not owned).
  explicit DesktopNotifier(QSystemTrayIcon* fallback) : fallback_(fallback) {}

  // Whether org.freedesktop.Notifications is on the session bus now.
  static bool freedesktop_available();
  void notify(const QString& title, const QString& message, bool error = false);

 private:
  QSystemTrayIcon* fallback_;
};

}  // namespace printline::tray
