#pragma once
// D5: the job's release condition is "only if enough credit/quota" and, offline, the client
// estimates it does not fit. The daemon's message, what the job costs and what is left; the
// job stays in the outbox: Keep waiting closes the dialog, Cancel job deletes it (confirmed).

#include <QDialog>
#include <optional>
#include <string>

#include "client/client_service.h"

class QLabel;
class QPushButton;

namespace printline::tray {

class CreditDialog : public QDialog {
  Q_OBJECT

 public:
  // status: the daemon's last status (balance and quota), when the tray has one.
  CreditDialog(const client::ClientEvent& prompt, const std::optional<client::StatusView>& status,
               QWidget* parent = nullptr);

  QLabel* message_label() const { return message_; }
  QPushButton* keep_button() const { return keep_; }
  QPushButton* cancel_button() const { return cancel_; }

 signals:
  void cancelRequested(const QString& job);

 private:
  std::string job_uuid_;
  QLabel* message_ = nullptr;
  QPushButton* keep_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

// Cents in the server's currency (empty: unknown) for people: "€12.34", "12,34 €", "-0.05".
QString money_text(std::int64_t cents, const std::string& currency);

}  // namespace printline::tray
