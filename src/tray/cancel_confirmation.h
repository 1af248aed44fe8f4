#pragma once
// Cancelling deletes the job (D4, D5): the dialogs ask once more before they send `cancel`,
// so that a job is never lost by a slip of the hand.

#include <QString>

class QWidget;

namespace printline::tray {

// Asks "Cancel <title>?"; true only when the person confirms. Modal on `parent`.
bool confirm_cancel(QWidget* parent, const QString& job_title);

}  // namespace printline::tray
