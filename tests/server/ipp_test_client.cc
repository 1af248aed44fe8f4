#include "ipp_test_client.h"

#include <httplib.h>

#include <cstring>

namespace printline::testing {

int IppReply::integer(const char* name) const {
  ipp_attribute_t* attr = response ? ippFindAttribute(response.get(), name, IPP_TAG_ZERO) : nullptr;
  return attr ? ippGetInteger(attr, 0) : -1;
}

std::string IppReply::string(const char* name) const {
  ipp_attribute_t* attr = response ? ippFindAttribute(response.get(), name, IPP_TAG_ZERO) : nullptr;
  const char* value = attr ? ippGetString(attr, 0, nullptr) : nullptr;
  return value ? value : "";
}

int IppReply::count(const char* name) const {
  int found = 0;
  if (!response) return 0;
  for (ipp_attribute_t* attr = ippFirstAttribute(response.get()); attr;
       attr = ippNextAttribute(response.get())) {
    if (ippGetName(attr) && std::strcmp(ippGetName(attr), name) == 0) ++found;
  }
  return found;
}

ipp::IppPtr ipp_request(ipp_op_t operation, const std::string& printer_uri) {
  ipp::IppPtr request(ippNewRequest(operation));
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri.c_str());
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               "tester");
  return request;
}

IppReply post_ipp(int port, const std::string& queue, ipp_t* request, const std::string& document,
                  const std::optional<Credentials>& credentials) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(std::chrono::seconds(30));
  if (credentials) client.set_basic_auth(credentials->login, credentials->password);
  std::string body = ipp::encode_ipp(request) + document;
  IppReply reply;
  auto result = client.Post("/ipp/print/" + queue, body, "application/ipp");
  if (!result) return reply;
  reply.http_status = result->status;
  reply.www_authenticate = result->get_header_value("WWW-Authenticate");
  if (result->get_header_value("Content-Type") == "application/ipp") {
    std::size_t used = 0;
    reply.response = ipp::read_ipp_from_memory(result->body, &used);
  }
  return reply;
}

}  // namespace printline::testing
