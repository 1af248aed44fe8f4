#include "tray/chooser_dialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/candidate_filter.h"

namespace printline::tray {

namespace {
QString from_std(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

QString candidate_text(const client::CandidateView& candidate) {
  QStringList parts;
  parts << from_std(candidate.name);
  if (!candidate.location.empty()) parts << from_std(candidate.location);
  parts << (candidate.color ? QObject::tr("Colour") : QObject::tr("Black & white"));
  if (candidate.large_format) parts << QObject::tr("Large format");
  if (candidate.reachable) {
    parts << QObject::tr("reachable");
  } else {
    parts << (candidate.note.empty() ? QObject::tr("not reachable now")
                                     : QObject::tr("not reachable: %1").arg(from_std(candidate.note)));
  }
  if (candidate.reachable && !candidate.note.empty()) parts << from_std(candidate.note);
  QString text = parts.join(QStringLiteral(" · "));
  if (candidate.last_choice) {
    text += QObject::tr("  (your last choice)");
  } else if (candidate.in_history) {
    text += QObject::tr("  (used before)");
  }
  return text;
}

ChooserDialog::ChooserDialog(const client::ClientEvent& prompt, QWidget* parent)
    : QDialog(parent), candidates_(prompt.candidates) {
  if (prompt.job) job_uuid_ = prompt.job->uuid;
  setWindowTitle(prompt.title.empty() ? tr("Choose a printer") : from_std(prompt.title));

  auto* layout = new QVBoxLayout(this);
  // D7: the printer chosen before refused the job; say so first, in the printer's words.
  rejection_ = new QLabel(this);
  rejection_->setObjectName(QStringLiteral("rejection"));
  rejection_->setWordWrap(true);
  rejection_->setStyleSheet(QStringLiteral("QLabel { color: #a00000; font-weight: bold; }"));
  const bool rejected = prompt.job && prompt.job->state == client::JobState::kRejectedByDevice;
  if (rejected) {
    rejection_->setText(tr("%1\nChoose another printer.")
                            .arg(prompt.message.empty() ? tr("The printer refused the job.")
                                                        : from_std(prompt.message)));
  }
  rejection_->setVisible(rejected);
  layout->addWidget(rejection_);

  auto* explanation = new QLabel(this);
  explanation->setWordWrap(true);
  QString job_title = prompt.job ? from_std(prompt.job->title) : QString();
  explanation->setText(
      (rejected || prompt.message.empty()
           ? tr("The print server cannot be reached. Choose a printer for \"%1\", or close this "
                "window to keep the job until the server is back.")
                 .arg(job_title)
           : from_std(prompt.message)));
  layout->addWidget(explanation);

  search_ = new QLineEdit(this);
  search_->setPlaceholderText(tr("Search by name or location"));
  search_->setClearButtonEnabled(true);
  layout->addWidget(search_);

  auto* filters = new QHBoxLayout;
  colour_ = new QCheckBox(tr("&Colour"), this);
  mono_ = new QCheckBox(tr("&Black && white"), this);
  large_ = new QCheckBox(tr("&Large format"), this);
  for (auto* box : {colour_, mono_, large_}) {
    box->setFocusPolicy(Qt::TabFocus);
    filters->addWidget(box);
    connect(box, &QCheckBox::toggled, this, &ChooserDialog::refill);
  }
  filters->addStretch();
  layout->addLayout(filters);

  list_ = new QListWidget(this);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setMinimumWidth(640);
  layout->addWidget(list_);

  auto* buttons = new QDialogButtonBox(this);
  print_ = buttons->addButton(tr("&Print here"), QDialogButtonBox::AcceptRole);
  print_->setDefault(true);
  buttons->addButton(QDialogButtonBox::Cancel);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::accepted, this, &ChooserDialog::choose);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(search_, &QLineEdit::textChanged, this, &ChooserDialog::refill);
  connect(list_, &QListWidget::itemDoubleClicked, this, &ChooserDialog::choose);
  connect(list_, &QListWidget::currentRowChanged, this,
          [this](int row) { print_->setEnabled(row >= 0); });

  search_->installEventFilter(this);
  list_->installEventFilter(this);
  refill();
  search_->setFocus();
}

QString ChooserDialog::selected_printer() const {
  auto* item = list_->currentItem();
  return item ? item->data(Qt::UserRole).toString() : QString();
}

QStringList ChooserDialog::shown_printers() const {
  QStringList names;
  for (int row = 0; row < list_->count(); ++row) {
    names << list_->item(row)->data(Qt::UserRole).toString();
  }
  return names;
}

void ChooserDialog::refill() {
  const QString previous = selected_printer();
  client::PrinterFilter filter;
  filter.search = search_->text().trimmed().toStdString();
  filter.color = colour_->isChecked();
  filter.mono = mono_->isChecked();
  filter.large_format = large_->isChecked();
  const auto shown = client::filter_candidates(candidates_, filter);

  list_->clear();
  int keep = -1;
  int last_choice = -1;
  for (const auto& candidate : shown) {
    auto* item = new QListWidgetItem(candidate_text(candidate), list_);
    item->setData(Qt::UserRole, from_std(candidate.name));
    if (!candidate.reachable) item->setForeground(Qt::darkGray);
    const int row = list_->count() - 1;
    if (from_std(candidate.name) == previous) keep = row;
    if (candidate.last_choice) last_choice = row;
  }
  // Keep what the user selected; else the last choice (D2); else the first printer.
  int row = keep >= 0 ? keep : (last_choice >= 0 ? last_choice : (list_->count() > 0 ? 0 : -1));
  list_->setCurrentRow(row);
  print_->setEnabled(row >= 0);
}

void ChooserDialog::choose() {
  const QString printer = selected_printer();
  if (printer.isEmpty()) return;
  Q_EMIT printerChosen(QString::fromStdString(job_uuid_), printer);
  accept();
}

bool ChooserDialog::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::KeyPress) return QDialog::eventFilter(watched, event);
  auto* key = static_cast<QKeyEvent*>(event);
  const bool navigation = key->key() == Qt::Key_Up || key->key() == Qt::Key_Down ||
                          key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown;
  if (watched == search_ && navigation) {
    // Arrows move in the list while the typing stays in the search field.
    QKeyEvent copy(QEvent::KeyPress, key->key(), key->modifiers());
    QCoreApplication::sendEvent(list_, &copy);
    return true;
  }
  if (watched == list_ && !key->text().isEmpty() && key->text().at(0).isPrint()) {
    // Typing anywhere in the chooser searches.
    search_->setFocus();
    QCoreApplication::sendEvent(search_, key);
    return true;
  }
  return QDialog::eventFilter(watched, event);
}

}  // namespace printline::tray
