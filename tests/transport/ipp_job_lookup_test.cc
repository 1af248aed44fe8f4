// What a printer's job list says about an interrupted delivery (transport/ipp_job_lookup.h),
// decided from Get-Jobs answers built with libcups as printers send them. The exchange itself
// runs against real ippeveprinters in tests/server/interrupted_delivery_test.cc.

#include "transport/ipp_job_lookup.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

namespace printline::transport {
namespace {

constexpr const char* kOurs = "urn:uuid:0f4b2a6e-8c1d-4a2e-9b7f-1234567890ab";
constexpr const char* kPrinterOwn = "urn:uuid:ecf9361b-a094-3055-7c95-11d983b2a049";
constexpr const char* kSomeoneElse = "urn:uuid:11111111-2222-4333-8444-555555555555";

struct Listed {
  int id = 1;
  std::vector<const char*> uuids;
  ipp_jstate_t state = IPP_JSTATE_COMPLETED;
  const char* name = "report.pdf";
  const char* user = "alice";
  int created = 0;  // printer up-time seconds
  std::optional<int> completed;
};

Listed listed(int id, std::vector<const char*> uuids, ipp_jstate_t state, int created,
              std::optional<int> completed = std::nullopt, const char* name = "report.pdf") {
  Listed job;
  job.id = id;
  job.uuids = std::move(uuids);
  job.state = state;
  job.created = created;
  job.completed = completed;
  job.name = name;
  return job;
}

struct Answer {
  std::unique_ptr<ipp_t, void (*)(ipp_t*)> message{ippNew(), ippDelete};
  Answer(int up_time, const std::vector<Listed>& jobs) {
    for (const auto& job : jobs) {
      ippAddSeparator(message.get());
      ippAddInteger(message.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "job-id", job.id);
      if (!job.uuids.empty()) {
        ippAddStrings(message.get(), IPP_TAG_JOB, IPP_TAG_URI, "job-uuid",
                      static_cast<int>(job.uuids.size()), nullptr, job.uuids.data());
      }
      ippAddInteger(message.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", job.state);
      ippAddString(message.get(), IPP_TAG_JOB, IPP_TAG_NAME, "job-name", nullptr, job.name);
      ippAddString(message.get(), IPP_TAG_JOB, IPP_TAG_NAME, "job-originating-user-name",
                   nullptr, job.user);
      ippAddInteger(message.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "time-at-creation", job.created);
      if (job.completed) {
        ippAddInteger(message.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "time-at-completed",
                      *job.completed);
      }
      ippAddInteger(message.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "job-printer-up-time", up_time);
    }
  }
};

// Our job was submitted 60 s before the printer's up-time 1000.
JobLookup decide(const Answer& answer) {
  ipp_t* lists[] = {answer.message.get()};
  return find_in_job_lists(lists, {"0f4b2a6e-8c1d-4a2e-9b7f-1234567890ab", "alice",
                                   "report.pdf", std::chrono::seconds(60)});
}

TEST(IppJobLookup, ListedUnderItsJobUuidWaitingOrPrintingOrDoneIsTaken) {
  for (auto state : {IPP_JSTATE_PENDING, IPP_JSTATE_PROCESSING, IPP_JSTATE_COMPLETED}) {
    auto found = decide(Answer(1000, {listed(7, {kOurs, kPrinterOwn}, state, 990, std::nullopt, "renamed")}));
    EXPECT_EQ(found.found, JobAtPrinter::kTaken) << found.detail;
    EXPECT_NE(found.detail.find("its job 7"), std::string::npos) << found.detail;
  }
}

TEST(IppJobLookup, ListedButCancelledOrAbortedThereIsForAPerson) {
  for (auto state : {IPP_JSTATE_CANCELED, IPP_JSTATE_ABORTED}) {
    auto found = decide(Answer(1000, {listed(1, {kOurs}, state, 990)}));
    EXPECT_EQ(found.found, JobAtPrinter::kStopped) << found.detail;
  }
}

TEST(IppJobLookup, APrinterWithoutClientUuidsIsMatchedByUserNameAndTime) {
  auto found = decide(Answer(1000, {listed(1, {kPrinterOwn}, IPP_JSTATE_PROCESSING, 990)}));
  EXPECT_EQ(found.found, JobAtPrinter::kTaken) << found.detail;
  // The same name and user long before this job was submitted is another job.
  auto older = decide(Answer(1000, {listed(1, {kPrinterOwn}, IPP_JSTATE_COMPLETED, 100, 110)}));
  EXPECT_EQ(older.found, JobAtPrinter::kAbsent) << older.detail;
}

TEST(IppJobLookup, AbsentOnlyFromAListThatReachesBackAndWouldHaveRecognisedIt) {
  // Keeps client job-uuids and remembers a job done before ours was submitted: not there.
  auto absent = decide(Answer(
      1000, {listed(1, {kSomeoneElse, kPrinterOwn}, IPP_JSTATE_COMPLETED, 100, 120)}));
  EXPECT_EQ(absent.found, JobAtPrinter::kAbsent) << absent.detail;
  // Its memory starts after ours was submitted: it may have forgotten ours.
  auto forgotten = decide(Answer(
      1000, {listed(9, {kSomeoneElse, kPrinterOwn}, IPP_JSTATE_COMPLETED, 990, 995)}));
  EXPECT_EQ(forgotten.found, JobAtPrinter::kUnknown) << forgotten.detail;
  // No client job-uuids, and a job since ours under another name: a shortened name of ours?
  auto renamed = decide(Answer(1000, {listed(1, {kPrinterOwn}, IPP_JSTATE_COMPLETED, 100, 120),
                                      listed(2, {kPrinterOwn}, IPP_JSTATE_COMPLETED, 990, 995,
                                             "report.p")}));
  EXPECT_EQ(renamed.found, JobAtPrinter::kUnknown) << renamed.detail;
  // An empty list says nothing.
  EXPECT_EQ(decide(Answer(1000, {})).found, JobAtPrinter::kUnknown);
}

TEST(IppJobLookup, OnlyIppPrintersAreAsked) {
  auto found = look_up_job("socket://127.0.0.1:9100", {"0f4b2a6e-8c1d-4a2e-9b7f-1234567890ab",
                                                        "alice", "report.pdf", {}});
  EXPECT_EQ(found.found, JobAtPrinter::kUnknown);
  EXPECT_NE(found.detail.find("only IPP printers"), std::string::npos);
}

}  // namespace
}  // namespace printline::transport
