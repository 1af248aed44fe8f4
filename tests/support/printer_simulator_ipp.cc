// The simulator's IPP face: a minimal IPP server built on libcups (httpReadRequest, ippRead,
// ippWrite) that answers job operations with the configured status, or every request with an
// answer too large for any client to take (kIppOversizedAnswer).

#include <cups/cups.h>

#include <csignal>
#include <string>

#include "support/printer_simulator.h"

namespace printline::testing {
namespace {

// Reads one request; nullptr when the client closed the connection or sent garbage.
ipp_t* read_request(http_t* http) {
  char resource[1024];
  if (httpReadRequest(http, resource, sizeof resource) != HTTP_STATE_POST) return nullptr;
  http_status_t status;
  while ((status = httpUpdate(http)) == HTTP_STATUS_CONTINUE) {
  }
  if (status != HTTP_STATUS_OK) return nullptr;
  if (httpGetExpect(http) == HTTP_STATUS_CONTINUE) httpWriteResponse(http, HTTP_STATUS_CONTINUE);
  ipp_t* request = ippNew();
  ipp_state_t state;
  while ((state = ippRead(http, request)) != IPP_STATE_DATA) {
    if (state == IPP_STATE_ERROR) {
      ippDelete(request);
      return nullptr;
    }
  }
  return request;
}

// chunked: the length is not declared, so the client learns the size only by reading it.
void write_response(http_t* http, ipp_t* response, bool chunked = false) {
  httpClearFields(http);
  httpSetField(http, HTTP_FIELD_CONTENT_TYPE, "application/ipp");
  httpSetLength(http, chunked ? 0 : ippLength(response));
  httpWriteResponse(http, HTTP_STATUS_OK);
  ipp_state_t state;
  while ((state = ippWrite(http, response)) != IPP_STATE_DATA) {
    if (state == IPP_STATE_ERROR) break;
  }
  httpFlushWrite(http);
}

}  // namespace

void PrinterSimulator::serve_ipp() {
  http_t* http = httpAcceptConnection(listen_fd_, 1);
  if (http == nullptr) return;
  ++connections_;
  active_fd_ = httpGetFd(http);
  while (!stopping_) {
    if (!httpWait(http, 200)) continue;
    ipp_t* request = read_request(http);
    if (request == nullptr) break;
    char buffer[8192];
    ssize_t got;
    while ((got = httpRead2(http, buffer, sizeof buffer)) > 0) {
      keep(std::string_view(buffer, static_cast<std::size_t>(got)));
    }
    ipp_t* response = ippNewResponse(request);
    if (config_.fault == SimulatedFault::kIppOversizedAnswer) {
      std::signal(SIGPIPE, SIG_IGN);          // the client hangs up in the middle of the answer
      const std::string kibibyte(1023, 'x');  // text values hold at most 1023 bytes
      for (int i = 0; i < 20 * 1024; ++i) {
        ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-info", nullptr,
                     kibibyte.c_str());
      }
      write_response(http, response, true);
      ippDelete(response);
      ippDelete(request);
      break;  // the client has hung up by now
    }
    if (ippGetOperation(request) == IPP_OP_GET_PRINTER_ATTRIBUTES) {
      const int operations[] = {IPP_OP_PRINT_JOB, IPP_OP_GET_PRINTER_ATTRIBUTES};
      ippAddIntegers(response, IPP_TAG_PRINTER, IPP_TAG_ENUM, "operations-supported", 2,
                     operations);
    } else {
      ippSetStatusCode(response, config_.ipp_status);
      ippAddString(response, IPP_TAG_OPERATION, IPP_TAG_TEXT, "status-message", nullptr,
                   config_.message.c_str());
    }
    write_response(http, response);
    ippDelete(response);
    ippDelete(request);
  }
  active_fd_ = -1;
  httpClose(http);
}

}  // namespace printline::testing
