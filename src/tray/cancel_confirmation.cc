#include "tray/cancel_confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace printline::tray {

bool confirm_cancel(QWidget* parent, const QString& job_title) {
  QMessageBox box(QMessageBox::Warning, QObject::tr("Cancel the print job?"),
                  QObject::tr("Cancel \"%1\"? The job is deleted and is not printed.")
                      .arg(job_title),
                  QMessageBox::NoButton, parent);
  box.setObjectName(QStringLiteral("cancel-confirmation"));
  auto* yes = box.addButton(QObject::tr("Cancel the job"), QMessageBox::DestructiveRole);
  auto* no = box.addButton(QObject::tr("Keep the job"), QMessageBox::RejectRole);
  box.setDefaultButton(no);  // Enter keeps the job: deleting needs a deliberate choice
  box.setEscapeButton(no);
  box.exec();
  return box.clickedButton() == yes;
}

}  // namespace printline::tray
