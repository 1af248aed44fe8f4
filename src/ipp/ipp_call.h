#pragma once
// One IPP request being answered by the IPP core (ipp_printer.h), for a server queue or the
// desktop client's local printer: the checked request, the response being built, and the
// attributes the printer could not honour as asked (the unsupported-attributes group).

#include <cups/ipp.h>

#include <string>

#include "ipp/ipp_message.h"

namespace printline::ipp {

struct IppCall {
  explicit IppCall(ipp_t* received)
      : request(received), response(ippNewResponse(received)), unsupported(ippNew()) {}

  ipp_t* request;
  IppPtr response;
  // Attributes to answer in the unsupported-attributes group; they follow the operation group
  // (status-message) whenever status() is set, as RFC 8011 §4.1.7 orders the groups.
  IppPtr unsupported;
  // Some attribute was ignored or substituted: a successful status becomes
  // successful-ok-ignored-or-substituted-attributes.
  bool substituted = false;
  std::string substitution_note;  // status-message of a successful status when substituted

  // The status code, and status-message unless message is empty; then the unsupported group.
  void status(ipp_status_t code, const std::string& message);
  // The first value of the request's attribute with that name and tag, or null.
  const char* string(const char* name, ipp_tag_t tag) const;
  // Answers `attr` (of the request) in the unsupported-attributes group.
  void mark_unsupported(ipp_attribute_t* attr);
};

}  // namespace printline::ipp
