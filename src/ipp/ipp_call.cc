#include "ipp/ipp_call.h"

namespace printline::ipp {

void IppCall::status(ipp_status_t code, const std::string& message) {
  std::string text = message;
  if (code == IPP_STATUS_OK && substituted) {
    code = IPP_STATUS_OK_IGNORED_OR_SUBSTITUTED;
    if (text.empty()) text = substitution_note;
  }
  ippSetStatusCode(response.get(), code);
  if (!text.empty()) {
    ippAddString(response.get(), IPP_TAG_OPERATION, IPP_TAG_TEXT, "status-message", nullptr,
                 text.c_str());
  }
  for (ipp_attribute_t* attr = ippFirstAttribute(unsupported.get()); attr;
       attr = ippNextAttribute(unsupported.get())) {
    ipp_attribute_t* copy = ippCopyAttribute(response.get(), attr, 0);
    if (copy) ippSetGroupTag(response.get(), &copy, IPP_TAG_UNSUPPORTED_GROUP);
  }
  unsupported.reset(ippNew());
}

const char* IppCall::string(const char* name, ipp_tag_t tag) const {
  ipp_attribute_t* attr = ippFindAttribute(request, name, tag);
  return attr ? ippGetString(attr, 0, nullptr) : nullptr;
}

void IppCall::mark_unsupported(ipp_attribute_t* attr) {
  ippCopyAttribute(unsupported.get(), attr, 0);
}

}  // namespace printline::ipp
