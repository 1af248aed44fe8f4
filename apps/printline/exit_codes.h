#pragma once
// Exit codes of the `printline` command, one per outcome, so scripts can act on them.
// Documented in docs/cli.md; keep the two in step.

namespace printline::cli {

enum ExitCode : int {
  kOk = 0,
  kFailure = 1,  // anything not listed below
  kUsage = 2,
  kUnreachable = 3,
  kBusy = 4,
  kRejectedByDevice = 5,
  kAuthenticationRequired = 6,
  kFormatNotSupported = 7,
  kTimedOut = 8,
  kCancelled = 9,
  kInvalidRequest = 10,   // bad device URI, unreadable file
  kDocumentDamaged = 11,  // analyze: the document cannot be understood
};

}  // namespace printline::cli
