#pragma once
// Answers the "Cancel the job?" question (tray/cancel_confirmation.h) the way a person would:
// once the modal box is up, clicks its button with this text. Call before the click that opens
// it — the box runs its own event loop, and this answers from inside it.

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace printline::testing {

// *seen (optional) becomes true once the question was asked.
inline void answer_confirmation_with(const QString& button_text, bool* seen = nullptr) {
  QTimer::singleShot(0, [button_text, seen] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box) {
      answer_confirmation_with(button_text, seen);  // not shown yet: look again
      return;
    }
    if (seen) *seen = true;
    for (auto* button : box->buttons()) {
      if (button->text() == button_text) {
        button->click();
        return;
      }
    }
    box->reject();
  });
}

}  // namespace printline::testing
