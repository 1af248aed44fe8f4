// D11 on the server's delivery to IPP printers, with real ippeveprinters: a job's ticket
// reaches a printer that supports it (the printer's own Get-Jobs shows it), number-up the
// printer does not do is applied by Ghostscript before it is sent (counted with qpdf), and a
// job asking what the printer cannot do is held with a message naming printer and option —
// nothing printed, nothing charged.

#include <cups/ipp.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/job_uuid.h"
#include "job_test_fixture.h"
#include "store/actor.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/must.h"
#include "transport/document_source.h"
#include "transport/ipp_client.h"

namespace printline::testing {
namespace {

using model::JobState;

model::Printer duplex_printer(JobFixture& fixture, const std::string& name, const std::string& uri,
                              bool color) {
  auto printer = fixture.printer(name, uri, color);
  // The stored description says duplex: whether the printer really can is asked of it.
  printer.duplex = true;
  return must(fixture.store().update_printer(printer, store::system_actor()));
}

server::JobResult<store::RecordedJob> submit(JobFixture& fixture, const model::User& owner,
                                             const std::string& queue, const std::string& uuid,
                                             const model::JobTicket& ticket,
                                             const std::filesystem::path& pdf = kTestPdf) {
  server::JobSubmission submission;
  submission.uuid = uuid;
  submission.owner = owner;
  submission.queue_name = queue;
  submission.title = "ticket";
  submission.document_format = "application/pdf";
  submission.ticket = ticket;
  auto document = must(transport::open_document_file(pdf));
  return fixture.jobs().submit(submission, *document);
}

model::JobTicket duplex_mono_a4_two_copies() {
  model::JobTicket ticket;
  ticket.copies = 2;
  ticket.sides = model::Sides::kTwoSidedLongEdge;
  ticket.color_mode = model::ColorMode::kMonochrome;
  ticket.media.size = "iso_a4_210x297mm";
  return ticket;
}

std::string keyword(ipp_t* message, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(message, name, IPP_TAG_ZERO);
  const char* value = attr != nullptr ? ippGetString(attr, 0, nullptr) : nullptr;
  return value != nullptr ? value : "";
}

TEST(JobTicketDelivery, TheIppPrinterGetsTheJobsTicket) {
  JobFixture fixture;
  IppEvePrinterPeer device("floor1-duplex", false, {"-2", "-s", "10,10"});
  fixture.direct_queue("floor1", duplex_printer(fixture, "floor1-duplex", device.uri(), true));
  auto alice = fixture.user("alice", 5000);
  const std::string uuid = new_job_uuid();
  auto recorded = submit(fixture, alice, "floor1", uuid, duplex_mono_a4_two_copies());
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto job = fixture.wait_for(uuid, JobState::kPrinted, std::chrono::seconds(60));
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(fixture.charges(alice.id), 1);

  // The printer's own account of its jobs.
  transport::IppClient client({"127.0.0.1", device.port(), false, "/ipp/print"}, {});
  transport::IppMessage request = client.new_request(IPP_OP_GET_JOBS);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
               nullptr, "all");
  auto jobs = client.exchange(std::move(request));
  ASSERT_TRUE(jobs.ok()) << jobs.error << " " << jobs.status_message();
  ipp_t* attrs = jobs.response.get();
  EXPECT_EQ(keyword(attrs, "sides"), "two-sided-long-edge");
  EXPECT_EQ(keyword(attrs, "print-color-mode"), "monochrome");
  EXPECT_EQ(ippGetInteger(ippFindAttribute(attrs, "copies", IPP_TAG_INTEGER), 0), 2);
  EXPECT_EQ(keyword(attrs, "media"), "iso_a4_210x297mm");
}

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buffer;
  while (pipe && !feof(pipe.get())) {
    const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe.get());
    if (n == 0) break;
    out.append(buffer.data(), n);
  }
  return out;
}

// ippeveprinter takes page-ranges but not number-up: Printline applies both with Ghostscript
// (ranges first, as IPP orders them) and sends neither attribute.
TEST(JobTicketDelivery, NumberUpTheIppPrinterLacksIsAppliedBeforeSending) {
  JobFixture fixture;
  IppEvePrinterPeer device("floor1");
  fixture.direct_queue("floor1", fixture.printer("floor1", device.uri(), false));
  auto alice = fixture.user("alice", 5000);
  const std::filesystem::path four_pages = device.spool_dir().parent_path() / "four-pages.pdf";
  const std::string page = "'" + kTestPdf.string() + "' ";
  run("qpdf --empty --pages " + page + page + page + page + "-- '" + four_pages.string() + "'");
  ASSERT_EQ(run("qpdf --show-npages '" + four_pages.string() + "'"), "4\n");

  model::JobTicket ticket;
  ticket.page_ranges = {{1, 3}};
  ticket.number_up = 2;
  const std::string uuid = new_job_uuid();
  auto recorded = submit(fixture, alice, "floor1", uuid, ticket, four_pages);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto job = fixture.wait_for(uuid, JobState::kPrinted, std::chrono::seconds(60));
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(fixture.charges(alice.id), 1);

  // Pages 1-3, two per side: two pages reach the printer, asked for nothing more.
  auto received = device.spooled_document(1);
  ASSERT_TRUE(received);
  EXPECT_EQ(run("qpdf --show-npages '" + received->string() + "'"), "2\n");
  transport::IppClient client({"127.0.0.1", device.port(), false, "/ipp/print"}, {});
  transport::IppMessage request = client.new_request(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", 1);
  auto attributes = client.exchange(std::move(request));
  ASSERT_TRUE(attributes.ok()) << attributes.error << " " << attributes.status_message();
  EXPECT_EQ(ippFindAttribute(attributes.response.get(), "number-up", IPP_TAG_ZERO), nullptr);
  EXPECT_EQ(ippFindAttribute(attributes.response.get(), "page-ranges", IPP_TAG_ZERO), nullptr);
}

TEST(JobTicketDelivery, WhatTheIppPrinterCannotDoHoldsTheJobUnprintedAndUncharged) {
  JobFixture fixture;
  IppEvePrinterPeer device("floor1-mono");  // one-sided, whatever the stored description says
  fixture.direct_queue("floor1", duplex_printer(fixture, "floor1-mono", device.uri(), false));
  auto alice = fixture.user("alice", 5000);
  const std::string uuid = new_job_uuid();
  auto ticket = duplex_mono_a4_two_copies();
  auto recorded = submit(fixture, alice, "floor1", uuid, ticket);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto job = fixture.wait_for(uuid, JobState::kHeld, std::chrono::seconds(60));
  ASSERT_EQ(job.state, JobState::kHeld) << job.outcome;
  // Asked of the printer itself (its sides-supported), not read from the stored description.
  EXPECT_NE(job.outcome.find("floor1-mono cannot print two-sided (two-sided-long-edge): it takes "
                             "one-sided"),
            std::string::npos)
      << job.outcome;
  EXPECT_EQ(fixture.charges(alice.id), 0);
  EXPECT_EQ(fixture.balance(alice.id), 5000);
  EXPECT_EQ(device.documents_received(), 0) << "the printer received the job";
}

}  // namespace
}  // namespace printline::testing
