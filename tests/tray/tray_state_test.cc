// The tray icon's state and tooltip follow the daemon's status (issue 6): not running, offline,
// jobs waiting for a choice, jobs waiting to be accounted, online.

#include <QTest>

#include "tray/tray_state.h"

using printline::client::StatusView;
using printline::tray::TrayState;
using printline::tray::tray_icon;
using printline::tray::tray_state;
using printline::tray::tray_tooltip;

class TrayStateTest : public QObject {
  Q_OBJECT

 private slots:
  void stateFromStatus() {
    QCOMPARE(tray_state(std::nullopt), TrayState::kNoClient);
    StatusView status;
    status.online = true;
    QCOMPARE(tray_state(status), TrayState::kOnline);
    status.jobs_awaiting_accounting = 2;
    QCOMPARE(tray_state(status), TrayState::kAwaitingAccounting);
    status.online = false;
    QCOMPARE(tray_state(status), TrayState::kOffline);
    status.jobs_waiting_for_choice = 1;  // the user must act: that shows first
    QCOMPARE(tray_state(status), TrayState::kWaitingForChoice);
  }

  void tooltipSaysTheStateAndWhatWaits() {
    QVERIFY(tray_tooltip(std::nullopt, "No socket at /run/x.").contains("not running"));
    QVERIFY(tray_tooltip(std::nullopt, "No socket at /run/x.").contains("No socket at /run/x."));
    StatusView status;
    status.online = false;
    status.jobs_waiting_for_choice = 2;
    status.jobs_awaiting_accounting = 1;
    const QString tooltip = tray_tooltip(status, {});
    QVERIFY2(tooltip.contains("offline"), qPrintable(tooltip));
    QVERIFY2(tooltip.contains("2 job(s) wait for you to choose a printer"), qPrintable(tooltip));
    QVERIFY2(tooltip.contains("1 job(s) printed offline"), qPrintable(tooltip));
    status.online = true;
    QVERIFY(tray_tooltip(status, {}).contains("online"));
  }

  void everyStateHasAnIcon() {
    for (auto state : {TrayState::kNoClient, TrayState::kOffline, TrayState::kWaitingForChoice,
                       TrayState::kAwaitingAccounting, TrayState::kOnline}) {
      QVERIFY(!tray_icon(state).isNull());
    }
    QVERIFY(tray_icon(TrayState::kOnline).pixmap(32).toImage() !=
            tray_icon(TrayState::kOffline).pixmap(32).toImage());
  }
};

QTEST_MAIN(TrayStateTest)
#include "tray_state_test.moc"
