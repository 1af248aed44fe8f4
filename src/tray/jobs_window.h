#pragma once
// "My jobs" (issue 6): the user's jobs in this client's outbox as a table — title, state,
// printer, origin (print server or fallback printer), when — newest first, kept current by
// the daemon's job events. A job that waits for the user (a choice, the server, credit, or a
// device that refused it) can be answered here: Choose… (FP-7b), Retry (D4), Cancel (asks to
// confirm). The window only shows and asks; the caller sends the requests and feeds it jobs.
// GUI thread only.

#include <QString>
#include <QWidget>
#include <string>
#include <vector>

#include "client/client_service.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace printline::tray {

class JobsWindow : public QWidget {
  Q_OBJECT

 public:
  explicit JobsWindow(QWidget* parent = nullptr);

  // Replaces every row (newest first, as the daemon's `jobs` answers).
  void set_jobs(const std::vector<client::JobView>& jobs);
  // A job-changed event: updates its row, or adds it at the top when it is new.
  void update_job(const client::JobView& job);
  // Shown instead of the table's contents when the daemon cannot be asked.
  void set_problem(const QString& message);

  // The selected job's UUID; empty when none.
  std::string selected_job() const;
  // Selects the row of this job, if shown.
  void select_job(const std::string& uuid);

  QTableWidget* table() const { return table_; }
  QPushButton* choose_button() const { return choose_; }
  QPushButton* retry_button() const { return retry_; }
  QPushButton* cancel_button() const { return cancel_; }
  QLabel* reason_label() const { return reason_; }

 signals:
  void chooseRequested(const QString& job);
  void retryRequested(const QString& job);
  void cancelRequested(const QString& job);
  // The Refresh button: the caller asks the daemon again and calls set_jobs.
  void refreshRequested();

 private:
  void fill_row(int row, const client::JobView& job);
  void update_buttons();
  const client::JobView* selected() const;

  std::vector<client::JobView> jobs_;  // in the table's order
  QTableWidget* table_ = nullptr;
  QLabel* reason_ = nullptr;
  QPushButton* choose_ = nullptr;
  QPushButton* retry_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

// What the table shows, for people.
QString job_state_label(client::JobState state);
// "Print server", "Fallback printer", or "—" while it has gone nowhere yet.
QString job_origin_text(const client::JobView& job);
// When it was printed, else received: "14:05" today, "24 Nov 14:05" otherwise (local time).
QString job_when_text(const client::JobView& job);

// Which answers a job in this state takes (the daemon's own rules, client_daemon.cc).
bool job_can_choose(client::JobState state);
bool job_can_retry(client::JobState state);
bool job_can_cancel(client::JobState state);

}  // namespace printline::tray
