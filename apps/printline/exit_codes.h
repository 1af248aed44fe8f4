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
  kInvalidRequest = 10,     // bad device URI, unreadable file
  kDocumentDamaged = 11,    // analyze: the document cannot be understood
  kNotLoggedIn = 12,        // no saved login, or the server no longer accepts the token
  kRefusedByServer = 13,    // the server answered with an error (4xx): its message says why
  kServerUnreachable = 14,  // no server address answered (refused, timeout, TLS, 5xx)
  kFallbackTestFailed =
      15,  // admin fallback-test: a printer is unreachable, rejected or misconfigured
  kClientNotRunning = 16,  // the desktop client (printline-client) does not answer its socket
  kRefusedByClient = 17,   // the desktop client refused (no such job, not possible now…)
};

}  // namespace printline::cli
