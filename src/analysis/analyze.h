#pragma once
// The entry point of job analysis: what a print job is, from its bytes.
//
// Thread-safe: every call is independent. Ghostscript, where allowed, runs as a child process
// with a hard timeout and reads the job file by path; everything else runs in-process without
// touching the network or disk (except a temporary copy of a PJL-wrapped document that
// Ghostscript must read).
//
// Bounded memory: a file is never read whole. qpdf reads a PDF where it needs through a 64 KiB
// block; PostScript, PCL-XL, PCL 5 and text are read front to back through a bounded buffer
// (docs/analysis.md, "Memory"). Peak memory does not grow with the job's size.

#include <chrono>
#include <filesystem>
#include <span>
#include <string>

#include "analysis/job_analysis.h"
#include "core/error.h"

namespace printline::analysis {

struct AnalyzeOptions {
  // Ghostscript decides what structure cannot (PDF pages with undecodable images, PostScript
  // without trustworthy DSC comments, PostScript colour). Without it those answers are
  // heuristic: undecided pages count as colour, so a price estimate errs on the high side.
  bool allow_ghostscript = true;
  std::chrono::milliseconds ghostscript_timeout{20000};
  // Paper for plain text and PCL 5 that do not name one (PJL SET PAPER overrides it).
  std::string default_paper = "A4";
};

// Reads and analyses a job file, piece by piece. Errors (empty, unreadable, unknown format,
// truncated, damaged) carry a message for the person who printed it.
Result<JobAnalysis> analyze_file(const std::filesystem::path& path,
                                 const AnalyzeOptions& options = {});

// The same for a job held in memory.
Result<JobAnalysis> analyze_bytes(std::span<const char> data, const AnalyzeOptions& options = {});

}  // namespace printline::analysis
