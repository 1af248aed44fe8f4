#pragma once
// What the tray icon shows (issue 6): its colour and tooltip from the daemon's status —
// not connected to the client, server offline, jobs waiting for a choice, jobs waiting to be
// accounted, or all well online. Pure, so the look follows the state and nothing else.

#include <QIcon>
#include <QString>
#include <optional>

#include "client/client_service.h"

namespace printline::tray {

enum class TrayState {
  kNoClient,            // the control socket does not answer: the daemon is not running
  kOffline,             // D1: no server answers
  kWaitingForChoice,    // a prompt needs the user (FP-7b, D4, D5, D7)
  kAwaitingAccounting,  // printed offline, not yet accounted (D6)
  kOnline,
};

// status: nullopt when the daemon is not reachable.
TrayState tray_state(const std::optional<client::StatusView>& status);
QIcon tray_icon(TrayState state);
// One or two lines: the state, and what the user can do about it.
QString tray_tooltip(const std::optional<client::StatusView>& status, const QString& no_client_reason);

}  // namespace printline::tray
