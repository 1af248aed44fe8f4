#include "render/pdf_pages.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "analysis/analyze.h"
#include "core/fd_io.h"
#include "render/ghostscript_stream.h"
#include "render/render_plan.h"

namespace printline::render {

bool asks_pages(const model::JobTicket& ticket) {
  return !ticket.page_ranges.empty() || ticket.number_up > 1;
}

std::vector<std::string> pdftopdf_passes(const model::JobTicket& ticket) {
  std::vector<std::string> passes;
  if (!ticket.page_ranges.empty()) {
    passes.push_back("page-ranges=" + model::format_page_ranges(ticket.page_ranges));
  }
  if (ticket.number_up > 1) passes.push_back(fmt::format("number-up={}", ticket.number_up));
  return passes;
}

std::vector<std::string> pdftopdf_command(std::string_view pass, model::PaperSize sheet,
                                          const std::filesystem::path& pdf) {
  // CUPS filter arguments: job-id user title copies options [file]. Copies stay with the
  // printer (IPP copies, PJL); without a PPD the sheet is named by PageSize.
  const std::string options = fmt::format("PageSize={} {}", model::paper_name(sheet), pass);
  // CUPS_SERVERBIN as CUPS itself reads it; Debian's cups-filters installs under /usr/lib/cups.
  const char* server_bin = std::getenv("CUPS_SERVERBIN");
  const std::string filter_dir = std::string(server_bin != nullptr && *server_bin != '\0'
                                                 ? server_bin
                                                 : "/usr/lib/cups") +
                                 "/filter";
  return {filter_dir + "/pdftopdf", "1", "printline", "job", "1", options, pdf.string()};
}

model::PaperSize pages_sheet(const model::JobTicket& ticket, const std::filesystem::path& pdf) {
  if (auto asked = model::ticket_paper(ticket)) return *asked;
  analysis::AnalyzeOptions quick;
  quick.allow_ghostscript = false;
  if (auto found = analysis::analyze_file(pdf, quick); found.ok() && !found->pages.empty()) {
    if (auto paper = model::paper_from_name(found->pages.front().paper)) return *paper;
  }
  return model::PaperSize::kA4;
}

namespace {

// Runs `argv` (a converter writing to standard output) into `output`, opened here.
std::optional<Error> run_into(const std::vector<std::string>& argv, TemporaryFile& output) {
  if (auto failed = output.open("printline-pages")) return failed;
  auto run = GhostscriptStream::start(argv);
  if (!run.ok()) return run.error();
  std::array<char, 65536> buffer;
  while (true) {
    const ssize_t n = ::read((*run)->output_fd(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (!write_all(output.fd(), buffer.data(), static_cast<std::size_t>(n))) {
      return Error{fmt::format("cannot write a temporary file: {}", std::strerror(errno))};
    }
  }
  return (*run)->finish();
}

}  // namespace

std::optional<Error> apply_pages(const model::JobTicket& ticket,
                                 const std::filesystem::path& document,
                                 analysis::DocumentFormat format, TemporaryFile& into) {
  const auto passes = pdftopdf_passes(ticket);
  std::vector<std::unique_ptr<TemporaryFile>> between;  // each step reads the one before
  const auto next_output = [&](bool last) -> TemporaryFile& {
    return last ? into : *between.emplace_back(std::make_unique<TemporaryFile>());
  };
  std::filesystem::path input = document;
  if (format == analysis::DocumentFormat::kPostScript) {
    RenderPlan to_pdf;
    to_pdf.device_arguments = {"-sDEVICE=pdfwrite"};
    TemporaryFile& pdf = next_output(passes.empty());
    if (auto failed = run_into(ghostscript_command(to_pdf, document), pdf)) return failed;
    input = pdf.path();
  } else if (format != analysis::DocumentFormat::kPdf) {
    return Error{fmt::format("page ranges and number-up apply to PDF and PostScript, not {}",
                             analysis::format_name(format))};
  }
  const model::PaperSize sheet = pages_sheet(ticket, input);
  for (std::size_t i = 0; i < passes.size(); ++i) {
    TemporaryFile& output = next_output(i + 1 == passes.size());
    if (auto failed = run_into(pdftopdf_command(passes[i], sheet, input), output)) return failed;
    input = output.path();
  }
  return std::nullopt;
}

}  // namespace printline::render
