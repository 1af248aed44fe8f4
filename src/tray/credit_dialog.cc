#include "tray/credit_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/money_text.h"
#include "tray/cancel_confirmation.h"

namespace printline::tray {

QString money_text(std::int64_t cents, const std::string& currency) {
  // The conventions of the tray's language, as its texts (QLocale follows LANG/LC_MESSAGES).
  return QString::fromStdString(
      printline::money_text(cents, currency, QLocale().name().toStdString()));
}

CreditDialog::CreditDialog(const client::ClientEvent& prompt,
                           const std::optional<client::StatusView>& status, QWidget* parent)
    : QDialog(parent) {
  QString title;
  std::int64_t cost = 0;
  if (prompt.job) {
    job_uuid_ = prompt.job->uuid;
    title = QString::fromStdString(prompt.job->title);
    cost = prompt.job->estimated_cost_cents;
  }
  setWindowTitle(prompt.title.empty() ? tr("Not enough credit or quota")
                                      : QString::fromStdString(prompt.title));
  auto* layout = new QVBoxLayout(this);
  message_ = new QLabel(this);
  message_->setObjectName(QStringLiteral("message"));
  message_->setWordWrap(true);
  message_->setMinimumWidth(420);
  QString text = tr("\"%1\" is held: it may only print with enough credit or quota, and the "
                    "print server cannot be asked now.")
                     .arg(title);
  if (!prompt.message.empty()) text += QStringLiteral("\n\n") + QString::fromStdString(prompt.message);
  // The server's currency as the daemon last heard it; a bare amount until it has.
  const std::string currency = status ? status->currency : std::string();
  text += QStringLiteral("\n\n") + tr("The job costs %1.").arg(money_text(cost, currency));
  if (status) {
    text += QStringLiteral(" ") +
            tr("Your credit left: %1.").arg(money_text(status->balance_cents, currency));
    if (!status->quota.empty()) {
      text += QStringLiteral(" ") + tr("Quota: %1.").arg(QString::fromStdString(status->quota));
    }
  }
  text += QStringLiteral("\n\n") +
          tr("The job stays in the queue and prints once the server confirms your credit; top up "
             "your account or cancel the job.");
  message_->setText(text);
  layout->addWidget(message_);

  auto* buttons = new QDialogButtonBox(this);
  keep_ = buttons->addButton(tr("&Keep waiting"), QDialogButtonBox::AcceptRole);
  cancel_ = buttons->addButton(tr("&Cancel job"), QDialogButtonBox::DestructiveRole);
  keep_->setDefault(true);
  layout->addWidget(buttons);
  connect(keep_, &QPushButton::clicked, this, &QDialog::accept);
  connect(cancel_, &QPushButton::clicked, this, [this, title] {
    if (!confirm_cancel(this, title)) return;
    Q_EMIT cancelRequested(QString::fromStdString(job_uuid_));
    accept();
  });
}

}  // namespace printline::tray
