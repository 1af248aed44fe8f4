#include "analyze_command.h"

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "analysis/analysis_json.h"
#include "analysis/analyze.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "output.h"

namespace printline::cli {
namespace {

struct AnalyzeArguments {
  std::string file;
  bool json = false;
  bool no_ghostscript = false;
};

std::string yes_no_unstated(const std::optional<bool>& value) {
  return value ? yes_no(*value) : tr("not stated in the document");
}

void print_human(const std::string& file, const analysis::JobAnalysis& job) {
  const std::string format = fmt::format("{} ({})", analysis::format_name(job.format),
                                         analysis::format_mime_type(job.format));
  print_fields(
      std::cout,
      {{tr("File"), file},
       {tr("Format"),
        job.pjl_wrapped ? trf("{format}, wrapped in PJL", fmt::arg("format", format)) : format},
       {tr("Pages"),
        trf("{pages} ({colour} colour, {mono} black & white), counted by {counted}; colour "
            "decided by {decided}",
            fmt::arg("pages", job.page_count()), fmt::arg("colour", job.color_page_count()),
            fmt::arg("mono", job.page_count() - job.color_page_count()),
            fmt::arg("counted", analysis::method_name(job.page_count_method)),
            fmt::arg("decided", analysis::method_name(job.color_method)))},
       {tr("Duplex"), yes_no_unstated(job.duplex)},
       {tr("Copies"), job.copies ? std::to_string(*job.copies)
                                 : std::string(tr("not stated in the document"))},
       {tr("Large format"), yes_no(job.large_format())}});
  int number = 0;
  for (const auto& page : job.pages) {
    std::cout << "  "
              << trf("page {number}: {colour}, {paper}, {width} x {height} pt",
                     fmt::arg("number", ++number),
                     fmt::arg("colour", page.color ? tr("colour") : tr("mono")),
                     fmt::arg("paper", page.paper), fmt::arg("width", std::lround(page.width_pt)),
                     fmt::arg("height", std::lround(page.height_pt)))
              << "\n";
  }
}

int run_analyze(const AnalyzeArguments& args) {
  analysis::AnalyzeOptions options;
  options.allow_ghostscript = !args.no_ghostscript;
  auto result = analysis::analyze_file(args.file, options);
  if (!result.ok()) {
    std::cerr << "printline analyze: " << result.error().message << "\n";
    return kDocumentDamaged;
  }
  if (args.json) {
    std::cout << analysis::to_json(*result).dump(2) << "\n";
  } else {
    print_human(args.file, *result);
  }
  return kOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, std::function<int()>& run) {
  auto args = std::make_shared<AnalyzeArguments>();
  CLI::App* analyze =
      app.add_subcommand("analyze", tr("Tell what a print job is: format, pages, colour, paper."));
  analyze->add_option("FILE", args->file, tr("The document to analyse"))
      ->required()
      ->check(CLI::ExistingFile);
  analyze->add_flag("--json", args->json, tr("Print the result as JSON"));
  analyze->add_flag("--no-ghostscript", args->no_ghostscript,
                    tr("Use only the document's structure, never render it"));
  analyze->callback([args, &run] { run = [args] { return run_analyze(*args); }; });
}

}  // namespace printline::cli
