// D11 on IPP printers, with a real ippeveprinter: the job ticket reaches a printer that supports
// it (the printer's own Get-Job-Attributes shows it), and what a printer cannot do is refused
// before anything is sent, with a message naming the printer and the option.

#include <cups/ipp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/ipp_eve_printer_peer.h"
#include "transport/document_source.h"
#include "transport/ipp_client.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

using printline::testing::IppEvePrinterPeer;

constexpr const char* kRealPdf = "/usr/share/cups/data/default-testpage.pdf";

SendOptions ticket_options(const std::string& printer_name) {
  SendOptions options;
  options.job_uuid = "6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b";
  options.user = "alice";
  options.title = "Ticket";
  options.printer_name = printer_name;
  options.document_format = "application/pdf";
  options.ticket.copies = 2;
  options.ticket.sides = model::Sides::kTwoSidedLongEdge;
  options.ticket.color_mode = model::ColorMode::kMonochrome;
  options.ticket.media.size = "iso_a4_210x297mm";
  return options;
}

SendResult send_pdf(const std::string& uri, const SendOptions& options) {
  auto document = open_document_file(kRealPdf);
  if (!document.ok()) {
    SendResult failed;
    failed.message = document.error().message;
    return failed;
  }
  return send_document(uri, **document, options);
}

std::string job_keyword(ipp_t* job, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(job, name, IPP_TAG_ZERO);
  const char* value = attr != nullptr ? ippGetString(attr, 0, nullptr) : nullptr;
  return value != nullptr ? value : "";
}

// The media the job has, from "media" or media-col's media-size-name.
std::string job_media(ipp_t* job) {
  std::string media = job_keyword(job, "media");
  if (!media.empty()) return media;
  if (ipp_attribute_t* col = ippFindAttribute(job, "media-col", IPP_TAG_BEGIN_COLLECTION)) {
    if (ipp_attribute_t* name = ippFindAttribute(ippGetCollection(col, 0), "media-size-name",
                                                 IPP_TAG_ZERO)) {
      if (const char* value = ippGetString(name, 0, nullptr)) return value;
    }
  }
  return "";
}

std::size_t spooled_files(const IppEvePrinterPeer& printer) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(printer.spool_dir())) {
    if (entry.is_regular_file()) ++count;
  }
  return count;
}

TEST(IppTicketDelivery, APrinterThatSupportsTheTicketGetsIt) {
  IppEvePrinterPeer printer("floor1-duplex", false, {"-2", "-s", "10,10"});
  const SendOptions options = ticket_options("floor1-duplex");
  for (auto operations : {IppOperations::kCreateJobSendDocument, IppOperations::kPrintJob}) {
    SendOptions sent = options;
    sent.ipp_operations = operations;
    const SendResult result = send_pdf(printer.uri(), sent);
    ASSERT_TRUE(result.delivered()) << result.message;
    ASSERT_TRUE(result.device_job_id.has_value());

    // The printer's own account of the job, asked with Get-Job-Attributes.
    IppClient client({"127.0.0.1", printer.port(), false, "/ipp/print"}, {});
    IppAnswer job = client.get_job_attributes(*result.device_job_id);
    ASSERT_TRUE(job.ok()) << job.error << " " << job.status_message();
    ipp_t* attrs = job.response.get();
    EXPECT_EQ(job_keyword(attrs, "sides"), "two-sided-long-edge");
    EXPECT_EQ(job_keyword(attrs, "print-color-mode"), "monochrome");
    EXPECT_EQ(ippGetInteger(ippFindAttribute(attrs, "copies", IPP_TAG_INTEGER), 0), 2);
    EXPECT_EQ(job_media(attrs), "iso_a4_210x297mm");
    // ippeveprinter takes one job at a time.
    printer.wait_until_job_finished(*result.device_job_id);
  }
}

TEST(IppTicketDelivery, WhatThePrinterCannotDoIsRefusedBeforeAnythingIsSent) {
  // ippeveprinter's defaults: one-sided, mono, no A3 in media-supported.
  IppEvePrinterPeer printer("floor1-mono");
  SendOptions options = ticket_options("floor1-mono");
  options.ticket.copies = 1;
  options.ticket.color_mode.reset();

  SendResult result = send_pdf(printer.uri(), options);
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_TRUE(result.ticket_refused);
  EXPECT_NE(result.message.find("floor1-mono cannot print two-sided (two-sided-long-edge)"),
            std::string::npos)
      << result.message;
  EXPECT_EQ(result.bytes_sent, 0u);

  options.ticket.sides.reset();
  options.ticket.media.size = "iso_a3_297x420mm";
  result = send_pdf(printer.uri(), options);
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_TRUE(result.ticket_refused);
  EXPECT_NE(result.message.find("floor1-mono cannot print on A3"), std::string::npos)
      << result.message;

  EXPECT_EQ(spooled_files(printer), 0u) << "the printer received a job";
}

}  // namespace
}  // namespace printline::transport
