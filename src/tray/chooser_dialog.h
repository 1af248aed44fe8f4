#pragma once
// The fallback printer chooser (FP-7b, D2, D3): the candidates of one prompt, a search field
// that filters as you type, the quick filters Colour / Black & white / Large format, history
// first and the last choice preselected (client::filter_candidates, the same list the CLI
// shows). Keyboard alone: typing goes to the search field, arrows move in the list, Enter
// chooses, Escape closes. A device rejection (D7) shows its message at the top.
//
// Accepting the dialog emits printerChosen(job, printer); the caller sends `choose`.

#include <QDialog>
#include <QString>
#include <string>
#include <vector>

#include "client/client_service.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace printline::tray {

class ChooserDialog : public QDialog {
  Q_OBJECT

 public:
  // prompt: a kPrompt event with candidates (its job, title and message are shown).
  explicit ChooserDialog(const client::ClientEvent& prompt, QWidget* parent = nullptr);

  const std::string& job_uuid() const { return job_uuid_; }
  // The name of the selected printer; empty when none is selected.
  QString selected_printer() const;
  // The printers shown now, in the order shown.
  QStringList shown_printers() const;

  QLineEdit* search_field() const { return search_; }
  QCheckBox* colour_filter() const { return colour_; }
  QCheckBox* mono_filter() const { return mono_; }
  QCheckBox* large_format_filter() const { return large_; }
  QListWidget* list() const { return list_; }
  QPushButton* print_button() const { return print_; }
  QLabel* rejection_label() const { return rejection_; }

 signals:
  void printerChosen(const QString& job, const QString& printer);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refill();
  void choose();

  std::string job_uuid_;
  std::vector<client::CandidateView> candidates_;
  QLabel* rejection_ = nullptr;
  QLineEdit* search_ = nullptr;
  QCheckBox* colour_ = nullptr;
  QCheckBox* mono_ = nullptr;
  QCheckBox* large_ = nullptr;
  QListWidget* list_ = nullptr;
  QPushButton* print_ = nullptr;
};

// One line of the list: name, location, colour or mono, large format, reachability.
QString candidate_text(const client::CandidateView& candidate);

}  // namespace printline::tray
