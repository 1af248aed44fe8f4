#include "render/render_plan.h"

#include <fmt/format.h>

#include <cctype>

namespace printline::render {
namespace {

using analysis::DocumentFormat;
using model::PrinterLanguage;

std::optional<PrinterLanguage> language_of(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kPdf: return PrinterLanguage::kPdf;
    case DocumentFormat::kPostScript: return PrinterLanguage::kPostScript;
    case DocumentFormat::kPclXl: return PrinterLanguage::kPclXl;
    case DocumentFormat::kPcl5: return PrinterLanguage::kPcl5;
    default: return std::nullopt;
  }
}

std::string_view mime_type(PrinterLanguage language) {
  switch (language) {
    case PrinterLanguage::kPdf: return "application/pdf";
    case PrinterLanguage::kPostScript: return "application/postscript";
    case PrinterLanguage::kPclXl: return "application/vnd.hp-pclxl";
    case PrinterLanguage::kPcl5: return "application/vnd.hp-pcl";
    case PrinterLanguage::kAuto: break;
  }
  return "application/octet-stream";
}

std::string_view language_title(PrinterLanguage language) {
  switch (language) {
    case PrinterLanguage::kPdf: return "PDF";
    case PrinterLanguage::kPostScript: return "PostScript";
    case PrinterLanguage::kPclXl: return "PCL-XL";
    case PrinterLanguage::kPcl5: return "PCL 5";
    case PrinterLanguage::kAuto: break;
  }
  return "the printer's own language";
}

// Ghostscript's -sPAPERSIZE names for the sizes the model knows.
std::string gs_paper_name(model::PaperSize paper) {
  std::string name(model::paper_name(paper));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "tabloid") return "11x17";
  return name;
}

std::vector<std::string> device_for(PrinterLanguage language, bool grey) {
  const std::vector<std::string> grey_colour = {"-sColorConversionStrategy=Gray",
                                                "-dProcessColorModel=/DeviceGray"};
  std::vector<std::string> args;
  switch (language) {
    case PrinterLanguage::kPdf:
      args = {"-sDEVICE=pdfwrite"};
      if (grey) args.insert(args.end(), grey_colour.begin(), grey_colour.end());
      break;
    case PrinterLanguage::kPostScript:
      args = {"-sDEVICE=ps2write"};
      if (grey) args.insert(args.end(), grey_colour.begin(), grey_colour.end());
      break;
    case PrinterLanguage::kPclXl: args = {grey ? "-sDEVICE=pxlmono" : "-sDEVICE=pxlcolor"}; break;
    // ljet4 is mono only; a colour PCL 5 printer gets PCL 5c.
    case PrinterLanguage::kPcl5: args = {grey ? "-sDEVICE=ljet4" : "-sDEVICE=cljet5"}; break;
    case PrinterLanguage::kAuto: break;
  }
  return args;
}

}  // namespace

std::string pjl_language_name(PrinterLanguage language) {
  switch (language) {
    case PrinterLanguage::kPdf: return "PDF";
    case PrinterLanguage::kPostScript: return "POSTSCRIPT";
    case PrinterLanguage::kPclXl: return "PCLXL";
    case PrinterLanguage::kPcl5: return "PCL";
    case PrinterLanguage::kAuto: break;
  }
  return "";
}

Result<RenderPlan> plan_render(DocumentFormat source, const model::Printer& printer,
                               const model::JobTicket& ticket) {
  const auto source_language = language_of(source);
  const bool gs_reads = source == DocumentFormat::kPdf || source == DocumentFormat::kPostScript;
  const bool mono_asked = ticket.color_mode == model::ColorMode::kMonochrome;

  RenderPlan plan;
  // kAuto keeps the document's language; an unknown one (text, …) goes as it is.
  plan.language = printer.language != PrinterLanguage::kAuto
                      ? printer.language
                      : source_language.value_or(PrinterLanguage::kAuto);
  // A mono printer cannot print colour anyway: it gets the smaller mono form of its language.
  plan.grey = mono_asked || !printer.color;
  const bool language_differs = source_language != plan.language;
  // Grey matters only where the printer could print colour.
  const bool grey_to_apply = mono_asked && printer.color;

  if (!language_differs && !grey_to_apply) {
    plan.document_format = source_language ? std::string(mime_type(plan.language))
                                           : std::string(analysis::format_mime_type(source));
    plan.description = "as it is";
    return plan;
  }
  if (!gs_reads) {
    if (!language_differs) {
      // PCL in, the same PCL out: the PJL ticket (render mode, copies) is all that applies.
      plan.document_format = std::string(mime_type(plan.language));
      plan.description = "as it is";
      return plan;
    }
    return Error{fmt::format(
        "{} speaks {} and the job is {}, which Printline cannot convert: print from an "
        "application as PDF or PostScript, or set the printer's language to auto",
        printer.name, language_title(plan.language), analysis::format_name(source))};
  }

  plan.convert = true;
  plan.document_format = std::string(mime_type(plan.language));
  plan.device_arguments = device_for(plan.language, plan.grey);
  plan.output_enters_language = plan.language == PrinterLanguage::kPclXl;
  if (auto paper = model::ticket_paper(ticket)) {
    plan.device_arguments.push_back("-sPAPERSIZE=" + gs_paper_name(*paper));
    plan.device_arguments.push_back("-dFIXEDMEDIA");
    plan.device_arguments.push_back("-dPDFFitPage");
  }
  plan.description = fmt::format("{} → {} ({})", analysis::format_name(source),
                                 language_title(plan.language),
                                 plan.device_arguments.front().substr(9));
  return plan;
}

std::vector<std::string> ghostscript_command(const RenderPlan& plan,
                                             const std::filesystem::path& document) {
  // -sstdout=%stderr: PostScript's own prints must not mix into the printer's data.
  std::vector<std::string> argv = {"gs",       "-q",          "-dSAFER",         "-dBATCH",
                                   "-dNOPAUSE", "-dQUIET",    "-sstdout=%stderr", "-sOutputFile=-"};
  argv.insert(argv.end(), plan.device_arguments.begin(), plan.device_arguments.end());
  argv.push_back("-f");
  argv.push_back(document.string());
  return argv;
}

}  // namespace printline::render
