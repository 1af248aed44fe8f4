#include "tray/jobs_window.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <chrono>

#include "tray/cancel_confirmation.h"

namespace printline::tray {

using client::JobState;
using client::JobView;

namespace {

enum Column { kTitle, kState, kPrinter, kOrigin, kWhen, kColumns };

QDateTime local_time(model::Timestamp t) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  return QDateTime::fromSecsSinceEpoch(seconds).toLocalTime();
}

}  // namespace

QString job_state_label(JobState state) {
  switch (state) {
    case JobState::kReceived: return QObject::tr("Received");
    case JobState::kSendingToServer: return QObject::tr("Sending to the server");
    case JobState::kAtServer: return QObject::tr("At the print server");
    case JobState::kWaitingForChoice: return QObject::tr("Waiting for your choice");
    case JobState::kPrintingOnFallback: return QObject::tr("Printing on a fallback printer");
    case JobState::kPrintedOffline: return QObject::tr("Printed, not yet accounted");
    case JobState::kAccounted: return QObject::tr("Printed and accounted");
    case JobState::kWaitingForServer: return QObject::tr("Waiting for the server");
    case JobState::kHeldForCredit: return QObject::tr("Held: not enough credit");
    case JobState::kRejectedByDevice: return QObject::tr("Refused by the printer");
    case JobState::kCancelled: return QObject::tr("Cancelled");
  }
  return QString::fromLatin1(client::job_state_name(state).data());
}

QString job_origin_text(const JobView& job) {
  switch (job.state) {
    case JobState::kSendingToServer:
    case JobState::kAtServer:
      return QObject::tr("Print server");
    case JobState::kPrintingOnFallback:
    case JobState::kPrintedOffline:
    case JobState::kAccounted:
      return QObject::tr("Fallback printer");
    default:
      return QStringLiteral("—");
  }
}

QString job_when_text(const JobView& job) {
  const auto when = job.printed_at.value_or(job.received_at);
  if (when.time_since_epoch().count() == 0) return QString();
  const QDateTime local = local_time(when);
  if (local.date() == QDate::currentDate()) return local.toString(QStringLiteral("HH:mm"));
  return local.toString(QStringLiteral("d MMM HH:mm"));
}

bool job_can_choose(JobState state) {
  return state == JobState::kWaitingForChoice || state == JobState::kRejectedByDevice;
}

bool job_can_retry(JobState state) {
  return state == JobState::kWaitingForServer || state == JobState::kWaitingForChoice ||
         state == JobState::kHeldForCredit || state == JobState::kRejectedByDevice;
}

bool job_can_cancel(JobState state) {
  return state == JobState::kReceived || job_can_retry(state);
}

JobsWindow::JobsWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
  setWindowTitle(tr("My print jobs"));
  auto* layout = new QVBoxLayout(this);
  table_ = new QTableWidget(0, kColumns, this);
  table_->setHorizontalHeaderLabels(
      {tr("Title"), tr("State"), tr("Printer"), tr("Origin"), tr("When")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(kTitle, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(kState, QHeaderView::ResizeToContents);
  table_->setMinimumSize(720, 260);
  layout->addWidget(table_);

  // The selected job's sentence: why it is in this state and what to do.
  reason_ = new QLabel(this);
  reason_->setObjectName(QStringLiteral("reason"));
  reason_->setWordWrap(true);
  layout->addWidget(reason_);

  auto* buttons = new QDialogButtonBox(this);
  choose_ = buttons->addButton(tr("C&hoose a printer…"), QDialogButtonBox::ActionRole);
  retry_ = buttons->addButton(tr("&Retry"), QDialogButtonBox::ActionRole);
  cancel_ = buttons->addButton(tr("&Cancel job"), QDialogButtonBox::DestructiveRole);
  auto* refresh = buttons->addButton(tr("Re&fresh"), QDialogButtonBox::ResetRole);
  auto* close = buttons->addButton(QDialogButtonBox::Close);
  layout->addWidget(buttons);

  connect(table_, &QTableWidget::itemSelectionChanged, this, &JobsWindow::update_buttons);
  connect(choose_, &QPushButton::clicked, this,
          [this] { Q_EMIT chooseRequested(QString::fromStdString(selected_job())); });
  connect(retry_, &QPushButton::clicked, this,
          [this] { Q_EMIT retryRequested(QString::fromStdString(selected_job())); });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    const JobView* job = selected();
    if (job == nullptr) return;
    const std::string uuid = job->uuid;  // the table may change while the question is open
    if (!confirm_cancel(this, QString::fromStdString(job->title))) return;
    Q_EMIT cancelRequested(QString::fromStdString(uuid));
  });
  connect(refresh, &QPushButton::clicked, this, &JobsWindow::refreshRequested);
  connect(close, &QPushButton::clicked, this, &QWidget::close);
  update_buttons();
}

void JobsWindow::set_jobs(const std::vector<JobView>& jobs) {
  const std::string keep = selected_job();
  jobs_ = jobs;
  table_->setRowCount(static_cast<int>(jobs_.size()));
  for (int row = 0; row < static_cast<int>(jobs_.size()); ++row) fill_row(row, jobs_[row]);
  if (jobs_.empty()) reason_->setText(tr("You have no print jobs on this computer."));
  select_job(keep);
  update_buttons();
}

void JobsWindow::update_job(const JobView& job) {
  for (int row = 0; row < static_cast<int>(jobs_.size()); ++row) {
    if (jobs_[row].uuid == job.uuid) {
      jobs_[row] = job;
      fill_row(row, job);
      update_buttons();
      return;
    }
  }
  const std::string keep = selected_job();
  jobs_.insert(jobs_.begin(), job);
  table_->insertRow(0);
  fill_row(0, job);
  select_job(keep);
  update_buttons();
}

void JobsWindow::set_problem(const QString& message) {
  jobs_.clear();
  table_->setRowCount(0);
  reason_->setText(message);
  update_buttons();
}

std::string JobsWindow::selected_job() const {
  const JobView* job = selected();
  return job == nullptr ? std::string() : job->uuid;
}

void JobsWindow::select_job(const std::string& uuid) {
  for (int row = 0; row < static_cast<int>(jobs_.size()); ++row) {
    if (!uuid.empty() && jobs_[row].uuid == uuid) {
      table_->selectRow(row);
      return;
    }
  }
  table_->clearSelection();
}

void JobsWindow::fill_row(int row, const JobView& job) {
  const QString texts[kColumns] = {QString::fromStdString(job.title), job_state_label(job.state),
                                   QString::fromStdString(job.printer), job_origin_text(job),
                                   job_when_text(job)};
  for (int column = 0; column < kColumns; ++column) {
    auto* item = new QTableWidgetItem(texts[column]);
    item->setToolTip(QString::fromStdString(job.reason));
    if (job_can_retry(job.state)) {
      QFont bold = item->font();
      bold.setBold(true);  // waits for the user: stands out
      item->setFont(bold);
    }
    table_->setItem(row, column, item);
  }
}

const JobView* JobsWindow::selected() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return nullptr;
  const int row = rows.first().row();
  return row < static_cast<int>(jobs_.size()) ? &jobs_[row] : nullptr;
}

void JobsWindow::update_buttons() {
  const JobView* job = selected();
  choose_->setEnabled(job != nullptr && job_can_choose(job->state));
  retry_->setEnabled(job != nullptr && job_can_retry(job->state));
  cancel_->setEnabled(job != nullptr && job_can_cancel(job->state));
  if (job != nullptr) {
    reason_->setText(QString::fromStdString(job->reason));
  } else if (!jobs_.empty()) {
    reason_->setText(tr("Select a job to see why it is in its state and what you can do."));
  }
}

}  // namespace printline::tray
