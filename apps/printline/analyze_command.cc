#include "analyze_command.h"

#include <fmt/format.h>

#include <iostream>

#include "analysis/analysis_json.h"
#include "analysis/analyze.h"
#include "core/i18n.h"
#include "exit_codes.h"

namespace printline::cli {
namespace {

struct AnalyzeArguments {
  std::string file;
  bool json = false;
  bool no_ghostscript = false;
};

std::string yes_no_unstated(const std::optional<bool>& value) {
  return value ? (*value ? "yes" : "no") : "not stated in the document";
}

void print_human(const std::string& file, const analysis::JobAnalysis& job) {
  std::cout << "File:    " << file << "\n"
            << "Format:  " << analysis::format_name(job.format) << " ("
            << analysis::format_mime_type(job.format) << ")"
            << (job.pjl_wrapped ? ", wrapped in PJL" : "") << "\n"
            << "Pages:   " << job.page_count() << " (" << job.color_page_count() << " colour, "
            << job.page_count() - job.color_page_count() << " black & white), counted by "
            << analysis::method_name(job.page_count_method) << "; colour decided by "
            << analysis::method_name(job.color_method) << "\n"
            << "Duplex:  " << yes_no_unstated(job.duplex) << "\n"
            << "Copies:  "
            << (job.copies ? std::to_string(*job.copies) : "not stated in the document") << "\n"
            << "Large format: " << (job.large_format() ? "yes" : "no") << "\n";
  int number = 0;
  for (const auto& page : job.pages) {
    std::cout << fmt::format("  page {:>3}: {:<6} {:<7} {:.0f} x {:.0f} pt\n", ++number,
                             page.color ? "colour" : "mono", page.paper, page.width_pt,
                             page.height_pt);
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
