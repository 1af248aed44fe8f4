#include "ipp/ipp_call.h"

namespace printline::ipp {

void IppCall::status(ipp_status_t code, const std::string& message) {
  ippSetStatusCode(response.get(), code);
  if (!message.empty()) {
    ippAddString(response.get(), IPP_TAG_OPERATION, IPP_TAG_TEXT, "status-message", nullptr,
                 message.c_str());
  }
}

const char* IppCall::string(const char* name, ipp_tag_t tag) const {
  ipp_attribute_t* attr = ippFindAttribute(request, name, tag);
  return attr ? ippGetString(attr, 0, nullptr) : nullptr;
}

}  // namespace printline::ipp
