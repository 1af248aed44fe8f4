#pragma once
// How an IPP status code maps to an Outcome, like the CUPS ipp backend decides what to do.

#include <cups/ipp.h>

#include "transport/send_outcome.h"

namespace printline::transport {

// successful-ok* → delivered; server-error-busy / service-unavailable / temporary-error → busy;
// not-authorized, forbidden, not-accepting-jobs, account errors, other client errors →
// rejected-by-device; not-authenticated → authentication required;
// document-format-not-supported (and other document errors) → format not supported.
Outcome outcome_for_ipp_status(ipp_status_t status);

}  // namespace printline::transport
