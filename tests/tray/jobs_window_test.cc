// "My jobs" on the offscreen platform: the table's columns, newest first; a job event updates
// its row or adds one on top; the buttons follow the selected job's state (Choose for a
// choice or a device refusal, Retry and Cancel for any job that waits) and Cancel asks first.

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QRegularExpression>
#include <QTest>

#include "confirmation_answer.h"
#include "model/timestamp.h"
#include "tray/jobs_window.h"

using printline::client::JobState;
using printline::client::JobView;
using printline::tray::JobsWindow;

using printline::testing::answer_confirmation_with;

namespace {

JobView job(const char* uuid, const char* title, JobState state, const char* printer = "") {
  JobView j;
  j.uuid = uuid;
  j.title = title;
  j.state = state;
  j.printer = printer;
  j.reason = std::string("Reason of ") + title + ".";
  j.received_at = j.updated_at = printline::model::now_seconds();
  return j;
}

QStringList row(const QTableWidget* table, int r) {
  QStringList cells;
  for (int c = 0; c < table->columnCount(); ++c) cells << table->item(r, c)->text();
  return cells;
}

}  // namespace

class JobsWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void tableShowsTitleStatePrinterOriginWhen() {
    JobsWindow window;
    auto printed = job("a", "Minutes", JobState::kPrintedOffline, "floor1-mono");
    printed.printed_at = printed.received_at;
    window.set_jobs({job("c", "Poster", JobState::kWaitingForChoice), printed,
                     job("b", "Report", JobState::kAtServer)});
    auto* table = window.table();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->horizontalHeaderItem(0)->text(), QString("Title"));
    QCOMPARE(table->horizontalHeaderItem(3)->text(), QString("Origin"));
    QCOMPARE(row(table, 0).mid(0, 4),
             QStringList({"Poster", "Waiting for your choice", "", "—"}));
    QCOMPARE(row(table, 1).mid(0, 4),
             QStringList({"Minutes", "Printed, not yet accounted", "floor1-mono",
                          "Fallback printer"}));
    QCOMPARE(row(table, 2).mid(1, 3), QStringList({"At the print server", "", "Print server"}));
    // Today's jobs show the time of day only.
    QVERIFY2(QRegularExpression("^\\d\\d:\\d\\d$").match(row(table, 1)[4]).hasMatch(),
             qPrintable(row(table, 1)[4]));
  }

  void aJobEventUpdatesItsRowOrAddsOneOnTop() {
    JobsWindow window;
    window.set_jobs({job("b", "Report", JobState::kWaitingForServer)});
    window.select_job("b");
    QVERIFY(window.retry_button()->isEnabled());

    auto sent = job("b", "Report", JobState::kAtServer);
    window.update_job(sent);
    QCOMPARE(window.table()->rowCount(), 1);
    QCOMPARE(window.table()->item(0, 1)->text(), QString("At the print server"));
    QVERIFY(!window.retry_button()->isEnabled());  // nothing to answer any more
    QCOMPARE(window.reason_label()->text(), QString("Reason of Report."));

    window.update_job(job("d", "New one", JobState::kReceived));
    QCOMPARE(window.table()->rowCount(), 2);
    QCOMPARE(window.table()->item(0, 0)->text(), QString("New one"));
    QCOMPARE(window.selected_job(), std::string("b"));  // the selection stays on its job
  }

  void buttonsFollowTheSelectedJobAndSendItsUuid() {
    JobsWindow window;
    window.set_jobs({job("c", "Poster", JobState::kWaitingForChoice),
                     job("h", "Thesis", JobState::kHeldForCredit),
                     job("x", "Done", JobState::kAccounted)});
    window.show();
    QVERIFY(!window.choose_button()->isEnabled());  // nothing selected

    QSignalSpy choose(&window, &JobsWindow::chooseRequested);
    QSignalSpy retry(&window, &JobsWindow::retryRequested);
    window.select_job("c");
    QVERIFY(window.choose_button()->isEnabled());
    QTest::mouseClick(window.choose_button(), Qt::LeftButton);
    QCOMPARE(choose.count(), 1);
    QCOMPARE(choose.at(0).at(0).toString(), QString("c"));

    window.select_job("h");  // D5: no printer to choose, but Retry and Cancel
    QVERIFY(!window.choose_button()->isEnabled());
    QVERIFY(window.retry_button()->isEnabled());
    QVERIFY(window.cancel_button()->isEnabled());
    QTest::mouseClick(window.retry_button(), Qt::LeftButton);
    QCOMPARE(retry.count(), 1);
    QCOMPARE(retry.at(0).at(0).toString(), QString("h"));

    window.select_job("x");  // final: nothing to do
    QVERIFY(!window.choose_button()->isEnabled());
    QVERIFY(!window.retry_button()->isEnabled());
    QVERIFY(!window.cancel_button()->isEnabled());
  }

  void cancelAsksFirst() {
    JobsWindow window;
    window.set_jobs({job("w", "Letter", JobState::kWaitingForServer)});
    window.show();
    window.select_job("w");
    QSignalSpy cancel(&window, &JobsWindow::cancelRequested);
    answer_confirmation_with("Keep the job");
    QTest::mouseClick(window.cancel_button(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 0);
    answer_confirmation_with("Cancel the job");
    QTest::mouseClick(window.cancel_button(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(cancel.at(0).at(0).toString(), QString("w"));
  }

  void aProblemReplacesTheRows() {
    JobsWindow window;
    window.set_jobs({job("w", "Letter", JobState::kWaitingForServer)});
    window.set_problem("The Printline client is not running; start it.");
    QCOMPARE(window.table()->rowCount(), 0);
    QCOMPARE(window.reason_label()->text(),
             QString("The Printline client is not running; start it."));
    window.set_jobs({});
    QVERIFY(window.reason_label()->text().contains("no print jobs"));
  }
};

QTEST_MAIN(JobsWindowTest)
#include "jobs_window_test.moc"
