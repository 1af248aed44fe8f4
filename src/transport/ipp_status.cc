#include "transport/ipp_status.h"

namespace printline::transport {

Outcome outcome_for_ipp_status(ipp_status_t status) {
  if (status < IPP_STATUS_REDIRECTION_OTHER_SITE) return Outcome::kDelivered;
  switch (status) {
    case IPP_STATUS_ERROR_BUSY:
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_TEMPORARY:
    case IPP_STATUS_ERROR_TOO_MANY_JOBS:
    case IPP_STATUS_ERROR_TOO_MANY_DOCUMENTS:
      return Outcome::kBusy;
    case IPP_STATUS_ERROR_NOT_AUTHENTICATED:
    case IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED:
    case IPP_STATUS_ERROR_CUPS_PKI:
      return Outcome::kAuthenticationRequired;
    case IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED:
    case IPP_STATUS_ERROR_DOCUMENT_FORMAT_ERROR:
    case IPP_STATUS_ERROR_DOCUMENT_UNPRINTABLE:
    case IPP_STATUS_ERROR_COMPRESSION_NOT_SUPPORTED:
      return Outcome::kFormatNotSupported;
    default:
      // not-authorized, forbidden, not-accepting-jobs, account-*, other refusals.
      return Outcome::kRejectedByDevice;
  }
}

}  // namespace printline::transport
