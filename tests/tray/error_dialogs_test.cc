// The error dialogs' buttons on the offscreen platform: fallback disabled (FP-8, D4) with Retry
// and a confirmed Cancel; not enough credit/quota (D5) with the job's cost and what is left.

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "confirmation_answer.h"
#include "tray/credit_dialog.h"
#include "tray/fallback_disabled_dialog.h"

using printline::client::ClientEvent;
using printline::client::JobView;
using printline::client::StatusView;
using printline::tray::CreditDialog;
using printline::tray::FallbackDisabledDialog;

using printline::testing::answer_confirmation_with;

namespace {

const QString kJob = "0d5e5e2c-0000-4000-8000-000000000008";

ClientEvent prompt(const std::string& title, const std::string& message) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  JobView job;
  job.uuid = kJob.toStdString();
  job.title = "Report.pdf";
  job.estimated_cost_cents = 1250;
  event.job = job;
  event.title = title;
  event.message = message;
  return event;
}

}  // namespace

class ErrorDialogsTest : public QObject {
  Q_OBJECT

 private slots:
  void fallbackDisabledRetry() {
    FallbackDisabledDialog dialog(
        prompt("The print server is offline", "Fallback printing is disabled."));
    QSignalSpy retry(&dialog, &FallbackDisabledDialog::retryRequested);
    QSignalSpy cancel(&dialog, &FallbackDisabledDialog::cancelRequested);
    dialog.show();
    QVERIFY(dialog.findChild<QLabel*>("message")->text().contains("Report.pdf"));
    QVERIFY(dialog.findChild<QLabel*>("message")->text().contains("Fallback printing is disabled."));
    QTest::mouseClick(dialog.retry_button(), Qt::LeftButton);
    QCOMPARE(retry.count(), 1);
    QCOMPARE(retry.at(0).at(0).toString(), kJob);
    QCOMPARE(cancel.count(), 0);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
  }

  void fallbackDisabledCancelAsksFirstAndKeepsTheJobOnNo() {
    FallbackDisabledDialog dialog(prompt("The print server is offline", ""));
    QSignalSpy cancel(&dialog, &FallbackDisabledDialog::cancelRequested);
    dialog.show();
    bool asked = false;
    answer_confirmation_with("Keep the job", &asked);
    QTest::mouseClick(dialog.cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(cancel.count(), 0);
    QVERIFY(dialog.isVisible());  // still there: Retry or Cancel again

    asked = false;
    answer_confirmation_with("Cancel the job", &asked);
    QTest::mouseClick(dialog.cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(cancel.at(0).at(0).toString(), kJob);
    QVERIFY(!dialog.isVisible());
  }

  void creditShowsCostAndWhatIsLeft() {
    StatusView status;
    status.balance_cents = 340;
    status.currency = "EUR";
    status.quota = "20 of 500 pages left this month";
    CreditDialog dialog(prompt("Not enough credit or quota",
                               "The job costs more than your credit."),
                        status);
    const QString text = dialog.message_label()->text();
    QVERIFY2(text.contains("€12.50"), qPrintable(text));
    QVERIFY2(text.contains("€3.40"), qPrintable(text));
    QVERIFY2(text.contains("20 of 500 pages left this month"), qPrintable(text));
    QVERIFY2(text.contains("The job costs more than your credit."), qPrintable(text));
    QCOMPARE(printline::tray::money_text(-5, ""), QString("-0.05"));
  }

  void creditKeepWaitingAndConfirmedCancel() {
    CreditDialog keep(prompt("Not enough credit or quota", ""), std::nullopt);
    QSignalSpy keep_cancel(&keep, &CreditDialog::cancelRequested);
    keep.show();
    QTest::mouseClick(keep.keep_button(), Qt::LeftButton);
    QCOMPARE(keep_cancel.count(), 0);
    QCOMPARE(keep.result(), int(QDialog::Accepted));

    CreditDialog dialog(prompt("Not enough credit or quota", ""), std::nullopt);
    QSignalSpy cancel(&dialog, &CreditDialog::cancelRequested);
    dialog.show();
    bool asked = false;
    answer_confirmation_with("Cancel the job", &asked);
    QTest::mouseClick(dialog.cancel_button(), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(cancel.at(0).at(0).toString(), kJob);
  }
};

QTEST_MAIN(ErrorDialogsTest)
#include "error_dialogs_test.moc"
