#pragma once
// One IPP request being answered, as both Printline printers' operations see it — a server
// queue (server/ipp_queues.h) and the desktop client's local printer
// (client/local_ipp_operations.h): the checked request, the response being built, and what
// every operation does with them. Each side extends it with its own context.

#include <cups/ipp.h>

#include <string>

#include "ipp/ipp_message.h"

namespace printline::ipp {

struct IppCall {
  explicit IppCall(ipp_t* received) : request(received), response(ippNewResponse(received)) {}

  ipp_t* request;
  IppPtr response;

  // The status code, and status-message unless message is empty.
  void status(ipp_status_t code, const std::string& message);
  // The first value of the request's attribute with that name and tag, or null.
  const char* string(const char* name, ipp_tag_t tag) const;
};

}  // namespace printline::ipp
