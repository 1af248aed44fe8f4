#include "transport/printer_send.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>

#include "analysis/document_format.h"
#include "core/temporary_file.h"
#include "render/ghostscript_stream.h"
#include "render/pdf_pages.h"
#include "render/render_plan.h"
#include "transport/device_uri.h"
#include "transport/ipp_transport.h"
#include "transport/pjl.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

SendResult refused(Outcome outcome, std::string message) {
  SendResult result;
  result.outcome = outcome;
  result.message = std::move(message);
  return result;
}

// The document's language from its first bytes (a PJL header is looked through).
analysis::DocumentFormat format_of(const std::filesystem::path& document) {
  std::array<char, 8192> head{};
  std::ifstream in(document, std::ios::binary);
  in.read(head.data(), head.size());
  return analysis::detect_format({head.data(), static_cast<std::size_t>(in.gcount())}).format;
}

bool speaks_pjl(std::string_view uri) {
  return uri.starts_with("socket://") || uri.starts_with("lpd://");
}

bool speaks_ipp(std::string_view uri) {
  return uri.starts_with("ipp://") || uri.starts_with("ipps://");
}

bool lists(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Ghostscript reads these, so pdftopdf can apply their pages (render/pdf_pages.h).
bool pages_can_be_applied(analysis::DocumentFormat format) {
  return format == analysis::DocumentFormat::kPdf ||
         format == analysis::DocumentFormat::kPostScript;
}

// D11: page ranges or number-up an IPP printer does not do itself are applied by pdftopdf
// when the document is PDF or PostScript and the printer takes PDF. False, and then the
// ticket goes as it is (what the printer cannot do is refused by ipp_ticket_fit.h before a
// byte is sent).
bool ipp_printer_lacks_pages(std::string_view device_uri, const std::filesystem::path& document,
                             const SendOptions& options) {
  const auto& asked = options.ticket;
  if (!render::asks_pages(asked) || !pages_can_be_applied(format_of(document))) return false;
  auto uri = parse_device_uri(device_uri);
  if (!uri.ok()) return false;
  const IppPrinterSupport support =
      IppClient(ipp_endpoint(*uri), ipp_settings(options)).printer_support();
  if (!support.answered || !lists(support.document_formats, "application/pdf")) return false;
  const std::vector<int>& ups = support.number_up;
  return (!asked.page_ranges.empty() && !support.page_ranges) ||
         (asked.number_up != 1 && std::find(ups.begin(), ups.end(), asked.number_up) == ups.end());
}

// `argv`'s standard output (a conversion: Ghostscript, pdftopdf) streamed to the printer.
SendResult send_converted(const model::Printer& printer, std::string_view device_uri,
                          const std::vector<std::string>& argv, std::string_view description,
                          const SendOptions& options) {
  auto conversion = render::GhostscriptStream::start(argv);
  if (!conversion.ok()) return refused(Outcome::kInvalidRequest, conversion.error().message);
  auto converted = document_from_fd((*conversion)->output_fd());
  auto result = send_document(device_uri, *converted, options);
  if (!result.delivered()) return result;  // the conversion is stopped with the stream
  if (auto failed = (*conversion)->finish()) {
    // The printer took what was made before it failed: it may have printed part of the job.
    return refused(Outcome::kInvalidRequest,
                   fmt::format("{}: {} ({}); the printer may have printed part of it", printer.name,
                               failed->message, description));
  }
  return result;
}

// The ticket's page ranges and number-up applied (render/pdf_pages.h) into `paged`, a PDF,
// which is then what leaves: the printer is not asked for them again. A result when that
// failed.
std::optional<SendResult> lay_out_pages(const model::Printer& printer,
                                        const std::filesystem::path& document,
                                        SendOptions& options, TemporaryFile& paged) {
  if (auto failed = render::apply_pages(options.ticket, document, format_of(document), paged)) {
    return refused(Outcome::kInvalidRequest,
                   fmt::format("{}: page ranges and number-up could not be applied: {}. Nothing "
                               "was printed and nothing is charged. Print without them, or ask "
                               "an administrator to check that cups-filters (pdftopdf) is "
                               "installed.",
                               printer.name, failed->message));
  }
  options.ticket.page_ranges.clear();
  options.ticket.number_up = 1;
  return std::nullopt;
}

}  // namespace

SendResult send_to_printer(const model::Printer& printer, std::string_view device_uri,
                           const std::filesystem::path& document, SendOptions options) {
  if (auto problem = model::unsupported_option(printer, options.ticket)) {
    auto result = refused(Outcome::kRejectedByDevice,
                          *problem + ". Nothing was printed and nothing is charged.");
    result.ticket_refused = true;
    return result;
  }
  if (!speaks_pjl(device_uri)) {
    TemporaryFile paged;
    std::filesystem::path source_path = document;
    if (speaks_ipp(device_uri) && ipp_printer_lacks_pages(device_uri, document, options)) {
      if (auto failed = lay_out_pages(printer, document, options, paged)) return *failed;
      source_path = paged.path();
      options.document_format = "application/pdf";
    }
    auto source = open_document_file(source_path);
    if (!source.ok()) return refused(Outcome::kInvalidRequest, source.error().message);
    return send_document(device_uri, **source, options);
  }

  // PJL carries no finishing instruction Printline could trust a RAW or LPR printer to
  // honour: a staple asked there is refused, not dropped (D11).
  if (!options.ticket.finishings.empty()) {
    auto result = refused(
        Outcome::kRejectedByDevice,
        fmt::format("{} cannot finish with {}: Printline sends RAW and LPR printers no finishing "
                    "instructions; leave the finishing out or choose an IPP printer that does "
                    "it. Nothing was printed and nothing is charged.",
                    printer.name, fmt::join(options.ticket.finishings, ", ")));
    result.ticket_refused = true;
    return result;
  }
  // A PDF or PostScript document gets its pages first (pdf_pages.h), as a PDF the conversion
  // then reads. Other languages go without them (Ghostscript cannot read them).
  TemporaryFile paged;
  std::filesystem::path source = document;
  if (render::asks_pages(options.ticket) && pages_can_be_applied(format_of(document))) {
    if (auto failed = lay_out_pages(printer, document, options, paged)) return *failed;
    source = paged.path();
  }
  auto plan = render::plan_render(format_of(source), printer, options.ticket);
  if (!plan.ok()) {
    return refused(Outcome::kFormatNotSupported,
                   plan.error().message + ". Nothing was printed and nothing is charged.");
  }
  options.document_format = plan->document_format;
  // ENTER LANGUAGE only where the printer's language is set and the output does not enter it
  // itself; an "auto" printer recognises what it gets.
  if (printer.language != model::PrinterLanguage::kAuto && !plan->output_enters_language) {
    options.pjl_language = render::pjl_language_name(plan->language);
  }
  // The PJL ticket is how a RAW/LPR printer hears what was asked; a document going as it is
  // to a printer that recognises it, with nothing asked, goes without PJL as before.
  if (plan->convert || !options.pjl_language.empty() || !pjl_ticket(options.ticket).empty()) {
    options.pjl_wrap = true;
  }
  // What leaves is grey: the printer is told so too (PJL RENDERMODE=GRAYSCALE).
  if (plan->grey) options.ticket.color_mode = model::ColorMode::kMonochrome;
  if (!plan->convert) {
    auto as_it_is = open_document_file(source);
    if (!as_it_is.ok()) return refused(Outcome::kInvalidRequest, as_it_is.error().message);
    return send_document(device_uri, **as_it_is, options);
  }
  return send_converted(printer, device_uri, render::ghostscript_command(*plan, source),
                        plan->description, options);
}

}  // namespace printline::transport
