#include "tray/tray_state.h"

#include <QObject>
#include <QPainter>
#include <QPixmap>

namespace printline::tray {

TrayState tray_state(const std::optional<client::StatusView>& status) {
  if (!status) return TrayState::kNoClient;
  if (status->jobs_waiting_for_choice > 0) return TrayState::kWaitingForChoice;
  if (!status->online) return TrayState::kOffline;
  if (status->jobs_awaiting_accounting > 0) return TrayState::kAwaitingAccounting;
  return TrayState::kOnline;
}

QIcon tray_icon(TrayState state) {
  // Drawn, not themed: the state must be visible on any desktop, with no icon theme installed.
  QColor colour;
  switch (state) {
    case TrayState::kNoClient: colour = QColor(0x80, 0x80, 0x80); break;
    case TrayState::kOffline: colour = QColor(0xc0, 0x30, 0x30); break;
    case TrayState::kWaitingForChoice: colour = QColor(0xe0, 0x90, 0x00); break;
    case TrayState::kAwaitingAccounting: colour = QColor(0x20, 0x70, 0xd0); break;
    case TrayState::kOnline: colour = QColor(0x20, 0xa0, 0x40); break;
  }
  QPixmap pixmap(32, 32);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setBrush(QColor(0xf0, 0xf0, 0xf0));
  painter.setPen(QPen(Qt::black, 1.5));
  painter.drawRect(QRectF(5, 11, 22, 12));   // the printer's body
  painter.drawRect(QRectF(9, 4, 14, 7));     // paper in
  painter.setBrush(colour);
  painter.drawEllipse(QRectF(16, 16, 15, 15));  // the state
  return QIcon(pixmap);
}

QString tray_tooltip(const std::optional<client::StatusView>& status,
                     const QString& no_client_reason) {
  if (!status) {
    return QObject::tr("Printline: the desktop client is not running.") +
           (no_client_reason.isEmpty() ? QString() : QStringLiteral("\n") + no_client_reason);
  }
  QStringList lines;
  if (status->online) {
    lines << QObject::tr("Printline: the print server is online.");
  } else {
    lines << QObject::tr("Printline: the print server is offline; jobs wait or go to a "
                         "fallback printer.");
  }
  if (status->jobs_waiting_for_choice > 0) {
    lines << QObject::tr("%n job(s) wait for you to choose a printer.", nullptr,
                         status->jobs_waiting_for_choice);
  }
  if (status->jobs_waiting_for_server > 0) {
    lines << QObject::tr("%n job(s) wait for the server.", nullptr, status->jobs_waiting_for_server);
  }
  if (status->jobs_awaiting_accounting > 0) {
    lines << QObject::tr("%n job(s) printed offline, to be accounted when the server is back.",
                         nullptr, status->jobs_awaiting_accounting);
  }
  return lines.join(QStringLiteral("\n"));
}

}  // namespace printline::tray
