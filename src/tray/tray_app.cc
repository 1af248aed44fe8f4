#include "tray/tray_app.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QMenu>
#include <QMessageBox>
#include <QSystemTrayIcon>
#include <QUrl>
#include <string_view>

#include "client/control_protocol.h"
#include "tray/chooser_dialog.h"
#include "tray/credit_dialog.h"
#include "tray/desktop_notifier.h"
#include "tray/event_stream.h"
#include "tray/fallback_disabled_dialog.h"
#include "tray/jobs_window.h"
#include "tray/tray_state.h"

namespace printline::tray {

using client::ClientEvent;
using client::JobState;

TrayApp::TrayApp(std::filesystem::path socket_path, QString web_url, QObject* parent)
    : QObject(parent), requests_(socket_path), web_url_(std::move(web_url)) {
  icon_ = new QSystemTrayIcon(this);
  notifier_ = std::make_unique<DesktopNotifier>(icon_);
  menu_ = std::make_unique<QMenu>();
  status_action_ = menu_->addAction(tr("Status: starting"));
  status_action_->setEnabled(false);
  menu_->addSeparator();
  connect(menu_->addAction(tr("My jobs")), &QAction::triggered, this, &TrayApp::show_jobs);
  connect(menu_->addAction(tr("Open the web interface")), &QAction::triggered, this,
          &TrayApp::open_web_interface);
  menu_->addSeparator();
  connect(menu_->addAction(tr("Quit")), &QAction::triggered, qApp, &QApplication::quit);
  icon_->setContextMenu(menu_.get());

  stream_ = std::make_unique<EventStream>(std::move(socket_path));
  connect(stream_.get(), &EventStream::eventReceived, this, &TrayApp::on_event);
  connect(stream_.get(), &EventStream::connectionChanged, this, &TrayApp::on_connection);
  refresh_status();
}

TrayApp::~TrayApp() {
  stream_.reset();  // stop the thread before the slots' object goes
  for (auto& [uuid, dialog] : dialogs_) delete dialog.data();
  delete jobs_window_.data();
}

void TrayApp::start() {
  icon_->show();
  stream_->start();
}

QDialog* TrayApp::dialog_for(const std::string& job_uuid) const {
  auto it = dialogs_.find(job_uuid);
  return it == dialogs_.end() ? nullptr : it->second.data();
}

void TrayApp::on_connection(bool connected, const QString& message) {
  no_client_reason_ = connected ? QString() : message;
  reload_jobs();  // the daemon (re)started or went away: the window says which
  if (!connected) {
    status_.reset();
    notifier_->notify(tr("Printline is not running"),
                      message + tr("\nPrinting waits until the desktop client is started."), true);
  }
  refresh_status();
}

void TrayApp::on_event(const QByteArray& event_json) {
  ClientEvent event;
  try {
    event = nlohmann::json::parse(event_json.toStdString()).get<ClientEvent>();
  } catch (const nlohmann::json::exception&) {
    return;  // the stream already checked it; a newer kind we do not know is ignored
  }
  if (jobs_window_ && event.job) jobs_window_->update_job(*event.job);
  switch (event.kind) {
    case ClientEvent::Kind::kPrompt:
      show_prompt(event);
      break;
    case ClientEvent::Kind::kPromptWithdrawn:
      if (event.job) close_dialog(event.job->uuid);
      if (!event.message.empty()) {
        notifier_->notify(tr("Printline"), QString::fromStdString(event.message));
      }
      break;
    case ClientEvent::Kind::kNotification:
      notifier_->notify(QString::fromStdString(event.title), QString::fromStdString(event.message));
      break;
    case ClientEvent::Kind::kOnlineChanged:
      if (event.status) status_ = event.status;
      break;
    case ClientEvent::Kind::kJobChanged:
      break;
  }
  refresh_status();
}

void TrayApp::show_prompt(const ClientEvent& event) {
  if (!event.job) return;
  const std::string uuid = event.job->uuid;
  if (event.job->state == JobState::kHeldForCredit) {
    auto* dialog = new CreditDialog(event, status_);
    connect(dialog, &CreditDialog::cancelRequested, this,
            [this](const QString& job) { report("cancel", requests_.cancel(job)); });
    open_dialog(uuid, dialog);
  } else if (!event.candidates.empty()) {
    open_chooser(event);
  } else if (event.job->state == JobState::kWaitingForServer &&
             event.title != "No fallback printer available") {
    auto* dialog = new FallbackDisabledDialog(event);
    connect(dialog, &FallbackDisabledDialog::retryRequested, this,
            [this](const QString& job) { report("retry", requests_.retry(job)); });
    connect(dialog, &FallbackDisabledDialog::cancelRequested, this,
            [this](const QString& job) { report("cancel", requests_.cancel(job)); });
    open_dialog(uuid, dialog);
  } else {
    notifier_->notify(QString::fromStdString(event.title), QString::fromStdString(event.message),
                      true);
  }
}

void TrayApp::open_chooser(const ClientEvent& prompt) {
  auto* dialog = new ChooserDialog(prompt);
  connect(dialog, &ChooserDialog::printerChosen, this,
          [this](const QString& job, const QString& printer) {
            report("choose", requests_.choose(job, printer));
          });
  open_dialog(prompt.job->uuid, dialog);
}

void TrayApp::open_dialog(const std::string& job_uuid, QDialog* dialog) {
  // A new prompt for the same job (a re-sent one after reconnecting, or D7's rejection)
  // replaces the dialog that is open for it.
  close_dialog(job_uuid);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialogs_[job_uuid] = dialog;
  dialog->show();
  dialog->raise();
  dialog->activateWindow();
  Q_EMIT dialogOpened(dialog);
}

void TrayApp::close_dialog(const std::string& job_uuid) {
  auto it = dialogs_.find(job_uuid);
  if (it == dialogs_.end()) return;
  if (it->second) {
    it->second->disconnect(this);  // closing is not an answer
    it->second->close();
  }
  dialogs_.erase(it);
}

void TrayApp::report(const char* what, const client::ControlResult<nlohmann::json>& result) {
  if (!result.ok()) report(what, result.error());
}

void TrayApp::report(const char* what, const client::ControlError& error) {
  // A whole sentence per action: a translation cannot fit a verb into another language's one.
  const std::string_view action(what);
  const QString title =
      action == "retry"    ? tr("Printline could not retry the job")
      : action == "choose" ? tr("Printline could not print the job on that printer")
      : action == "cancel" ? tr("Printline could not cancel the job")
                           : tr("Printline could not choose a printer for the job");
  notifier_->notify(title, QString::fromStdString(error.message), true);
}

void TrayApp::refresh_status() {
  auto status = requests_.status();
  if (status.ok()) {
    status_ = status.value();
  } else {
    status_.reset();
    if (no_client_reason_.isEmpty()) no_client_reason_ = QString::fromStdString(status.error().message);
  }
  const TrayState state = tray_state(status_);
  icon_->setIcon(tray_icon(state));
  const QString tooltip = tray_tooltip(status_, no_client_reason_);
  icon_->setToolTip(tooltip);
  status_action_->setText(tooltip.section(QLatin1Char('\n'), 0, 0));
}

JobsWindow* TrayApp::jobs_window() const { return jobs_window_.data(); }

void TrayApp::show_jobs() {
  if (!jobs_window_) {
    jobs_window_ = new JobsWindow();
    jobs_window_->setAttribute(Qt::WA_DeleteOnClose);
    connect(jobs_window_, &JobsWindow::refreshRequested, this, &TrayApp::reload_jobs);
    connect(jobs_window_, &JobsWindow::chooseRequested, this, &TrayApp::choose_from_jobs_window);
    connect(jobs_window_, &JobsWindow::retryRequested, this,
            [this](const QString& job) { report("retry", requests_.retry(job)); });
    connect(jobs_window_, &JobsWindow::cancelRequested, this,
            [this](const QString& job) { report("cancel", requests_.cancel(job)); });
  }
  reload_jobs();
  jobs_window_->show();
  jobs_window_->raise();
  jobs_window_->activateWindow();
}

void TrayApp::reload_jobs() {
  if (!jobs_window_) return;
  auto jobs = requests_.jobs();
  if (jobs.ok()) {
    jobs_window_->set_jobs(jobs.value());
  } else {
    jobs_window_->set_problem(QString::fromStdString(jobs.error().message));
  }
}

// Choose… in the jobs window: the same chooser a prompt opens, with the candidates as the
// daemon sees them now.
void TrayApp::choose_from_jobs_window(const QString& job) {
  auto printers = requests_.printers();
  if (!printers.ok()) {
    report("choose a printer for", printers.error());
    return;
  }
  auto answer = requests_.jobs();
  if (!answer.ok()) {
    report("choose a printer for", answer.error());
    return;
  }
  ClientEvent prompt;
  prompt.kind = ClientEvent::Kind::kPrompt;
  for (const auto& view : answer.value()) {
    if (QString::fromStdString(view.uuid) == job) prompt.job = view;
  }
  if (!prompt.job) return;  // gone meanwhile: the window shows it on the next event
  prompt.title = "Choose a printer";
  prompt.message = prompt.job->reason;
  prompt.candidates = std::move(printers.value());
  if (prompt.candidates.empty()) {
    notifier_->notify(tr("No fallback printer"),
                      tr("Your profile names no fallback printer; the job waits for the print "
                         "server. Ask your administrator, or cancel the job."),
                      true);
    return;
  }
  open_chooser(prompt);
}

void TrayApp::open_web_interface() {
  QString url = web_url_;
  if (url.isEmpty() && status_) url = QString::fromStdString(status_->server);
  if (url.isEmpty()) {
    notifier_->notify(tr("No web interface known"),
                      tr("The client has not reached a server yet; start printline-tray with "
                         "--web-url to open it."),
                      true);
    return;
  }
  QDesktopServices::openUrl(QUrl::fromUserInput(url));
}

}  // namespace printline::tray
