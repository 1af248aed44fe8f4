#pragma once
// The checks every IPP request passes before its operation runs, as ippeveprinter does
// (RFC 8011 section 4.1): version, request-id, attribute-group order, attributes-charset and
// attributes-natural-language first, a target URI. A failure names the precise status.

#include <cups/ipp.h>

#include <optional>
#include <string>

namespace printline::ipp {

struct IppProblem {
  ipp_status_t status = IPP_STATUS_ERROR_BAD_REQUEST;
  std::string message;
  bool authentication_required = false;  // over HTTP: answer 401 with a challenge
};

std::optional<IppProblem> check_ipp_request(ipp_t* request);

}  // namespace printline::ipp
