#pragma once
// FP-8, D4: the server is offline and fallback printing is disabled. The daemon's message,
// then Retry (keep the job, send it when the server answers) or Cancel (delete it, after a
// confirmation). The caller sends `retry` / `cancel` on the signals.

#include <QDialog>
#include <string>

#include "client/client_service.h"

class QPushButton;

namespace printline::tray {

class FallbackDisabledDialog : public QDialog {
  Q_OBJECT

 public:
  explicit FallbackDisabledDialog(const client::ClientEvent& prompt, QWidget* parent = nullptr);

  const std::string& job_uuid() const { return job_uuid_; }
  QPushButton* retry_button() const { return retry_; }
  QPushButton* cancel_button() const { return cancel_; }

 signals:
  void retryRequested(const QString& job);
  void cancelRequested(const QString& job);

 private:
  std::string job_uuid_;
  QString job_title_;
  QPushButton* retry_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

}  // namespace printline::tray
