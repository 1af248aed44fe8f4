#pragma once
// An interrupted delivery asked of the printer itself (docs/server.md "Restart rule",
// docs/client.md "Crash recovery"): when the sender stopped (a crash, a kill, a power cut) between sending a job to an IPP printer and writing
// down the answer, the printer's own job list (Get-Jobs) says whether it took the job.
//
// The job is recognised by the job-uuid Printline sends with every IPP job; a printer that
// does not keep client job-uuids is matched by requesting user + job name + creation time
// within the window. "Not there" is only concluded when the printer would have recognised it
// (it keeps client job-uuids, or lists no job created since: printers may shorten names) and
// still remembers a job that finished before this one was even submitted (printers forget
// finished jobs after a while, and a restarted printer forgets them all); otherwise the
// answer is "cannot say".

#include <cups/ipp.h>

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "core/tls_trust.h"

namespace printline::transport {

enum class JobAtPrinter {
  kTaken,    // on the printer's list, waiting, printing or completed: it prints (or printed)
  kStopped,  // on the list but cancelled or aborted there: a person should look
  kAbsent,   // not on a list that reaches back before the job was submitted
  kUnknown,  // no answer, not an IPP printer, or its memory does not reach back far enough
};

struct JobToLookUp {
  std::string uuid;
  std::string user;   // the requesting-user-name it was sent with
  std::string title;  // the job-name it was sent with
  // Since when it may have been sent: how long ago it was submitted.
  std::chrono::seconds age{0};
};

struct JobLookup {
  JobAtPrinter found = JobAtPrinter::kUnknown;
  std::string detail;  // for people: what the printer said, or why it could not say
};

JobLookup look_up_job(std::string_view device_uri, const JobToLookUp& job,
                      const TlsTrust& trust = {});

// The decision alone, from the printer's Get-Jobs answers as libcups decoded them (network
// input: fuzzed by tests/fuzz/transport/job_list_fuzzer.cc).
JobLookup find_in_job_lists(std::span<ipp_t* const> answers, const JobToLookUp& job);

}  // namespace printline::transport
