#pragma once
// Submits one spooled job to a server print queue (/ipp/print/<queue>) over IPP with the one
// libcups client (transport/ipp_client.h), with the job's ticket (D11), authenticated with the Bearer token, carrying the job's UUID as job-uuid (urn:uuid:…) so
// that a resubmission is one job at the server (D6). Addresses are tried in order (D1).
// Over https the server's certificate is checked against `trust` before the token or a byte
// of the job is sent (D13); an untrusted peer counts as unreachable (D1's TLS failure).
//
// D10: the job is submitted uncommitted (model/two_phase_submission.h): the server records it
// but neither prints nor charges it until the daemon commits it by UUID
// (api_client::commit_job); one never committed expires unprinted. `io_timeout` is the
// profile's answer timeout: a server that accepts the connection and then says nothing for
// that long is treated as down.
//
// What happened is classified for the daemon, which decides:
//   kAccepted      the server answered successful-ok: it holds the job for the commit;
//   kUnreachable   no address took the whole request: the server cannot have the job, so
//                  fallback may start (D1);
//   kUncertain     the whole job was sent but no answer came: the server may hold an
//                  uncommitted copy, which never prints unless committed (D10);
//   kRefused       the server answered and refused it (the message says why).
//
// Threading: independent calls may run on any thread.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "api_client/server_url.h"
#include "core/tls_trust.h"
#include "model/job_ticket.h"

namespace printline::client {

enum class SubmissionOutcome { kAccepted, kUnreachable, kUncertain, kRefused };

struct ServerSubmission {
  std::string uuid;
  std::string title;
  std::string document_format;  // MIME type the server accepts
  model::JobTicket ticket;       // what the user asked (D11): the server prices and prints it
  std::string user;  // requesting-user-name (the server trusts the token, this is for logs)
  std::filesystem::path document;
};

struct SubmissionResult {
  SubmissionOutcome outcome = SubmissionOutcome::kUnreachable;
  std::string message;  // for people
  std::string server;   // the address that answered (or failed last)
  int server_job_id = 0;
};

SubmissionResult submit_to_server(const std::vector<api_client::ServerUrl>& servers,
                                  const std::string& token, const TlsTrust& trust,
                                  const std::string& queue, const ServerSubmission& job,
                                  std::chrono::milliseconds connect_timeout,
                                  std::chrono::milliseconds io_timeout = std::chrono::seconds(5));

}  // namespace printline::client
