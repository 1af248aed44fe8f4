#pragma once
// printline-tray's heart: the tray icon and its menu (status, my jobs, open the web interface,
// quit), the subscription to the daemon (EventStream) and what each event opens — the chooser
// for a choice (FP-7b, D7), the fallback-disabled dialog (D4), the credit dialog (D5), a
// notification otherwise (FP-7a) — and the "My jobs" window, kept current by job events.
// Answers go back over the control socket. GUI thread only.

#include <QObject>
#include <QPointer>
#include <QString>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "client/client_service.h"
#include "tray/control_requests.h"

class QAction;
class QDialog;
class QMenu;
class QSystemTrayIcon;

namespace printline::tray {

class DesktopNotifier;
class EventStream;
class JobsWindow;

class TrayApp : public QObject {
  Q_OBJECT

 public:
  // web_url: the web interface's address; empty = the server the client talks to.
  TrayApp(std::filesystem::path socket_path, QString web_url, QObject* parent = nullptr);
  ~TrayApp() override;

  // Shows the icon and starts listening to the daemon.
  void start();

  // The dialog open for this job's prompt, if any.
  QDialog* dialog_for(const std::string& job_uuid) const;
  const std::optional<client::StatusView>& status() const { return status_; }
  QSystemTrayIcon* icon() const { return icon_; }

  // The menu's "My jobs": opens (or raises) the jobs window, filled from the daemon.
  void show_jobs();
  // The jobs window, once opened and while it exists.
  JobsWindow* jobs_window() const;

 signals:
  // A prompt's dialog is shown (tests and screenshots find it this way).
  void dialogOpened(QDialog* dialog);

 private:
  void on_event(const QByteArray& event_json);
  void on_connection(bool connected, const QString& message);
  void show_prompt(const client::ClientEvent& event);
  void open_chooser(const client::ClientEvent& prompt);
  void choose_from_jobs_window(const QString& job);
  void reload_jobs();
  void open_dialog(const std::string& job_uuid, QDialog* dialog);
  void close_dialog(const std::string& job_uuid);
  void refresh_status();
  // An answer the daemon refused, or a connection that failed, as an error notification.
  void report(const char* what, const client::ControlResult<nlohmann::json>& result);
  void report(const char* what, const client::ControlError& error);
  void open_web_interface();

  ControlRequests requests_;
  QString web_url_;
  QString no_client_reason_;
  std::optional<client::StatusView> status_;
  QSystemTrayIcon* icon_ = nullptr;
  std::unique_ptr<QMenu> menu_;
  QAction* status_action_ = nullptr;
  std::unique_ptr<DesktopNotifier> notifier_;
  std::unique_ptr<EventStream> stream_;
  std::map<std::string, QPointer<QDialog>> dialogs_;
  QPointer<JobsWindow> jobs_window_;
};

}  // namespace printline::tray
