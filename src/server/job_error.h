#pragma once
// Why the job service refused or failed, as a kind its callers map to their own protocol
// (IPP status, HTTP status) — never by matching message text — plus the message for a person.

#include <string>

#include "core/error.h"

namespace printline::server {

enum class JobErrorKind {
  kInvalidUuid,    // the submitted job UUID is malformed
  kUuidTaken,      // the UUID belongs to another user's job
  kNoSuchQueue,    // the queue named in the submission does not exist
  kTooLarge,       // the document is over max_upload_bytes
  kDocumentCut,    // the document stopped arriving (the submitter's connection broke)
  kUnprintable,    // the analysis cannot read the document
  kNotPriced,      // the price list has no price for this job
  kNotFound,       // no such job (or another user's, which reads the same)
  kNotPossible,    // the job's state forbids it (not held, already printed, unaffordable …)
  kNoSuchPrinter,  // the printer named in a release does not exist
  kServerFailure,  // storage or disk failed: not the submitter's fault
};

struct JobError {
  JobErrorKind kind = JobErrorKind::kServerFailure;
  std::string message;
};

template <typename T>
using JobResult = Result<T, JobError>;

// A failure of a lower layer (store, spool) that says nothing about the request.
inline JobError server_failure(const Error& error) {
  return JobError{JobErrorKind::kServerFailure, error.message};
}

}  // namespace printline::server
