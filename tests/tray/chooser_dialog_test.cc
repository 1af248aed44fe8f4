// The chooser (FP-7b, D2, D3, D7) on the offscreen platform: filtering as you type, the quick
// filters, history first with the last choice preselected, the keyboard alone, the buttons.

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "candidate_view_for_tests.h"
#include "tray/chooser_dialog.h"

using printline::client::ClientEvent;
using printline::client::JobState;
using printline::client::JobView;
using printline::testing::candidate;
using printline::tray::ChooserDialog;

namespace {

ClientEvent prompt(JobState state = JobState::kWaitingForChoice, std::string message = {}) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  JobView job;
  job.uuid = "6f1c2a4e-0000-4000-8000-000000000006";
  job.title = "Thesis.pdf";
  job.state = state;
  event.job = job;
  event.title = "Choose a printer";
  event.message = message.empty() ? "The print server is offline. Choose a printer." : message;
  event.candidates = {
      candidate("Plotter A0", "Design studio", true, true, false, false, false),
      candidate("Library Colour", "Library, 1st floor", true, false, true, false, true),
      candidate("Basement Mono", "Basement", false, false, false, false, true),
      candidate("Annex Mono", "Annex", false, false, true, true, true),
  };
  return event;
}

// Sends a key to whatever has the keyboard focus, as a person typing would.
void press(Qt::Key key) {
  QWidget* focus = QApplication::focusWidget();
  QVERIFY2(focus, "nothing has the keyboard focus");
  QTest::keyClick(focus, key);
}

void type(const QString& text) {
  QWidget* focus = QApplication::focusWidget();
  QVERIFY2(focus, "nothing has the keyboard focus");
  QTest::keyClicks(focus, text);
}

void show_active(ChooserDialog& dialog) {
  dialog.show();
  QApplication::setActiveWindow(&dialog);
  QVERIFY(QTest::qWaitForWindowActive(&dialog));
}

}  // namespace

class ChooserDialogTest : public QObject {
  Q_OBJECT

 private slots:
  void historyFirstThenByNameAndLastChoicePreselected() {
    ChooserDialog dialog(prompt());
    QCOMPARE(dialog.shown_printers(),
             QStringList({"Annex Mono", "Library Colour", "Basement Mono", "Plotter A0"}));
    QCOMPARE(dialog.selected_printer(), QString("Annex Mono"));
    QVERIFY(dialog.list()->item(0)->text().contains("your last choice"));
    QVERIFY(dialog.list()->item(3)->text().contains("not reachable"));
    QVERIFY(dialog.list()->item(3)->text().contains("Large format"));
    QVERIFY(dialog.list()->item(1)->text().contains("Library, 1st floor"));
    QVERIFY(dialog.rejection_label()->isHidden());
  }

  void searchFiltersAsYouTypeByNameOrLocation() {
    ChooserDialog dialog(prompt());
    QTest::keyClicks(dialog.search_field(), "mo");
    QCOMPARE(dialog.shown_printers(), QStringList({"Annex Mono", "Basement Mono"}));
    QTest::keyClicks(dialog.search_field(), "n");
    QCOMPARE(dialog.shown_printers(), QStringList({"Annex Mono", "Basement Mono"}));
    dialog.search_field()->clear();
    QTest::keyClicks(dialog.search_field(), "STUDIO");
    QCOMPARE(dialog.shown_printers(), QStringList({"Plotter A0"}));
    QCOMPARE(dialog.selected_printer(), QString("Plotter A0"));
    QTest::keyClicks(dialog.search_field(), "x");
    QCOMPARE(dialog.shown_printers(), QStringList());
    QVERIFY(!dialog.print_button()->isEnabled());
  }

  void quickFiltersNarrowTheList() {
    ChooserDialog dialog(prompt());
    dialog.colour_filter()->setChecked(true);
    QCOMPARE(dialog.shown_printers(), QStringList({"Library Colour", "Plotter A0"}));
    dialog.large_format_filter()->setChecked(true);
    QCOMPARE(dialog.shown_printers(), QStringList({"Plotter A0"}));
    dialog.large_format_filter()->setChecked(false);
    dialog.mono_filter()->setChecked(true);  // colour and black & white together: either
    QCOMPARE(dialog.shown_printers().size(), 4);
    dialog.colour_filter()->setChecked(false);
    QCOMPARE(dialog.shown_printers(), QStringList({"Annex Mono", "Basement Mono"}));
  }

  void keyboardAloneTypeArrowsEnter() {
    ChooserDialog dialog(prompt());
    QSignalSpy chosen(&dialog, &ChooserDialog::printerChosen);
    show_active(dialog);
    QCOMPARE(QApplication::focusWidget(), dialog.search_field());
    type("o");  // Annex Mono, Library Colour, Basement Mono, Plotter A0 all have an "o"
    press(Qt::Key_Down);
    QCOMPARE(dialog.selected_printer(), QString("Library Colour"));
    press(Qt::Key_Down);
    press(Qt::Key_Up);
    QCOMPARE(dialog.selected_printer(), QString("Library Colour"));
    QCOMPARE(QApplication::focusWidget(), dialog.search_field());
    press(Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QString("6f1c2a4e-0000-4000-8000-000000000006"));
    QCOMPARE(chosen.at(0).at(1).toString(), QString("Library Colour"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
  }

  void typingInTheListGoesToTheSearchField() {
    ChooserDialog dialog(prompt());
    show_active(dialog);
    dialog.list()->setFocus();
    type("base");
    QCOMPARE(dialog.search_field()->text(), QString("base"));
    QCOMPARE(dialog.shown_printers(), QStringList({"Basement Mono"}));
  }

  void escapeClosesWithoutChoosing() {
    ChooserDialog dialog(prompt());
    QSignalSpy chosen(&dialog, &ChooserDialog::printerChosen);
    show_active(dialog);
    press(Qt::Key_Escape);
    QCOMPARE(chosen.count(), 0);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
  }

  void buttons() {
    ChooserDialog dialog(prompt());
    QSignalSpy chosen(&dialog, &ChooserDialog::printerChosen);
    show_active(dialog);
    dialog.list()->setCurrentRow(2);
    QTest::mouseClick(dialog.print_button(), Qt::LeftButton);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(1).toString(), QString("Basement Mono"));

    ChooserDialog other(prompt());
    QSignalSpy other_chosen(&other, &ChooserDialog::printerChosen);
    show_active(other);
    auto* cancel = other.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(other_chosen.count(), 0);
    QCOMPARE(other.result(), int(QDialog::Rejected));
  }

  void deviceRejectionIsShownAtTheTop() {
    ChooserDialog dialog(prompt(JobState::kRejectedByDevice,
                                "Library Colour refused the job: the document is too large."));
    QVERIFY(!dialog.rejection_label()->isHidden());
    QVERIFY(dialog.rejection_label()->text().contains("too large"));
    QVERIFY(dialog.rejection_label()->text().contains("Choose another printer"));
  }
};

QTEST_MAIN(ChooserDialogTest)
#include "chooser_dialog_test.moc"
