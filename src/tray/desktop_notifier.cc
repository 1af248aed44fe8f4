#include "tray/desktop_notifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace printline::tray {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
}  // namespace

bool DesktopNotifier::freedesktop_available() {
  QDBusConnection bus = QDBusConnection::sessionBus();
  return bus.isConnected() && bus.interface() &&
         bus.interface()->isServiceRegistered(kService).value();
}

void DesktopNotifier::notify(const QString& title, const QString& message, bool error) {
  if (freedesktop_available()) {
    QDBusInterface notifications(kService, QStringLiteral("/org/freedesktop/Notifications"),
                                 kService, QDBusConnection::sessionBus());
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(error ? 2 : 1));
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    notifications.call(QDBus::NoBlock, QStringLiteral("Notify"), QStringLiteral("Printline"),
                       0u, QStringLiteral("printer"), title, message, QStringList(), hints, -1);
    return;
  }
  if (fallback_) {
    fallback_->showMessage(title, message,
                           error ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
  }
}

}  // namespace printline::tray
