#include "transport/printer_send.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <fstream>

#include "analysis/document_format.h"
#include "render/ghostscript_stream.h"
#include "render/render_plan.h"
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
    auto source = open_document_file(document);
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
  auto plan = render::plan_render(format_of(document), printer, options.ticket);
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
  // Ghostscript applied these; the printer must not apply them again.
  if (plan->convert) {
    options.ticket.page_ranges.clear();
    options.ticket.number_up = 1;
  }
  if (!plan->convert) {
    auto source = open_document_file(document);
    if (!source.ok()) return refused(Outcome::kInvalidRequest, source.error().message);
    return send_document(device_uri, **source, options);
  }

  auto conversion =
      render::GhostscriptStream::start(render::ghostscript_command(*plan, document));
  if (!conversion.ok()) return refused(Outcome::kInvalidRequest, conversion.error().message);
  auto converted = document_from_fd((*conversion)->output_fd());
  auto result = send_document(device_uri, *converted, options);
  if (!result.delivered()) return result;  // the conversion is stopped with the stream
  if (auto failed = (*conversion)->finish()) {
    // The printer took what gs made before it failed: it may have printed part of the job.
    return refused(Outcome::kInvalidRequest,
                   fmt::format("{}: {} ({}); the printer may have printed part of it", printer.name,
                               failed->message, plan->description));
  }
  return result;
}

}  // namespace printline::transport
