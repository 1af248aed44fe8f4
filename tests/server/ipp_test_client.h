#pragma once
// Building and sending IPP requests to a RunningServer's queues in tests.

#include <cups/ipp.h>

#include <optional>
#include <string>

#include "ipp/ipp_message.h"

namespace printline::testing {

struct Credentials {
  std::string login;
  std::string password;
};

struct IppReply {
  int http_status = 0;
  std::string www_authenticate;
  ipp::IppPtr response;  // null unless the body was IPP

  ipp_status_t status() const {
    return response ? ippGetStatusCode(response.get()) : IPP_STATUS_ERROR_INTERNAL;
  }
  int integer(const char* name) const;
  std::string string(const char* name) const;
  int count(const char* name) const;  // how many times the attribute occurs
};

// A request with attributes-charset, attributes-natural-language, printer-uri and
// requesting-user-name.
ipp::IppPtr ipp_request(ipp_op_t operation, const std::string& printer_uri);

// POSTs the encoded request (plus document bytes) with httplib; credentials optional.
IppReply post_ipp(int port, const std::string& queue, ipp_t* request,
                  const std::string& document = "",
                  const std::optional<Credentials>& credentials = std::nullopt);

}  // namespace printline::testing
