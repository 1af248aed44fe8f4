#include "tray/fallback_disabled_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "tray/cancel_confirmation.h"

namespace printline::tray {

FallbackDisabledDialog::FallbackDisabledDialog(const client::ClientEvent& prompt, QWidget* parent)
    : QDialog(parent) {
  if (prompt.job) {
    job_uuid_ = prompt.job->uuid;
    job_title_ = QString::fromStdString(prompt.job->title);
  }
  setWindowTitle(prompt.title.empty() ? tr("The print server is offline")
                                      : QString::fromStdString(prompt.title));
  auto* layout = new QVBoxLayout(this);
  auto* message = new QLabel(this);
  message->setObjectName(QStringLiteral("message"));
  message->setWordWrap(true);
  message->setMinimumWidth(420);
  message->setText(
      tr("\"%1\" was not printed: the print server cannot be reached and printing on another "
         "printer is turned off for your account.")
          .arg(job_title_) +
      (prompt.message.empty() ? QString() : QStringLiteral("\n\n") + QString::fromStdString(prompt.message)) +
      tr("\n\nRetry keeps the job and prints it as soon as the server is back. Cancel deletes it."));
  layout->addWidget(message);

  auto* buttons = new QDialogButtonBox(this);
  retry_ = buttons->addButton(tr("&Retry"), QDialogButtonBox::AcceptRole);
  cancel_ = buttons->addButton(tr("&Cancel job"), QDialogButtonBox::DestructiveRole);
  retry_->setDefault(true);
  layout->addWidget(buttons);

  connect(retry_, &QPushButton::clicked, this, [this] {
    Q_EMIT retryRequested(QString::fromStdString(job_uuid_));
    accept();
  });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (!confirm_cancel(this, job_title_)) return;
    Q_EMIT cancelRequested(QString::fromStdString(job_uuid_));
    accept();
  });
}

}  // namespace printline::tray
