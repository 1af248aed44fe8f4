#include "ipp/ipp_request_check.h"

#include <fmt/format.h>
#include <strings.h>

namespace printline::ipp {
namespace {

bool named(ipp_attribute_t* attr, const char* name, ipp_tag_t tag) {
  const char* actual = attr ? ippGetName(attr) : nullptr;
  return actual && std::string_view(actual) == name && ippGetValueTag(attr) == tag &&
         ippGetGroupTag(attr) == IPP_TAG_OPERATION && ippGetCount(attr) == 1;
}

}  // namespace

std::optional<IppProblem> check_ipp_request(ipp_t* request) {
  int minor = 0;
  const int major = ippGetVersion(request, &minor);
  if (major < 1 || major > 2) {
    return IppProblem{
        IPP_STATUS_ERROR_VERSION_NOT_SUPPORTED,
        fmt::format("IPP version {}.{} is not supported (1.0 to 2.x are).", major, minor)};
  }
  if (ippGetRequestId(request) <= 0) {
    return IppProblem{IPP_STATUS_ERROR_BAD_REQUEST,
                      fmt::format("Bad request-id {}.", ippGetRequestId(request))};
  }
  ipp_tag_t previous = IPP_TAG_ZERO;
  for (ipp_attribute_t* attr = ippFirstAttribute(request); attr; attr = ippNextAttribute(request)) {
    const ipp_tag_t group = ippGetGroupTag(attr);
    if (group == IPP_TAG_ZERO) continue;  // separator
    if (group < previous) {
      return IppProblem{IPP_STATUS_ERROR_BAD_REQUEST,
                        fmt::format("Attribute groups are out of order ({:#x} < {:#x}).",
                                    static_cast<int>(group), static_cast<int>(previous))};
    }
    previous = group;
  }
  ipp_attribute_t* charset = ippFirstAttribute(request);
  ipp_attribute_t* language = ippNextAttribute(request);
  if (!named(charset, "attributes-charset", IPP_TAG_CHARSET)) {
    return IppProblem{IPP_STATUS_ERROR_BAD_REQUEST,
                      "The first attribute must be attributes-charset."};
  }
  if (!named(language, "attributes-natural-language", IPP_TAG_LANGUAGE)) {
    return IppProblem{IPP_STATUS_ERROR_BAD_REQUEST,
                      "The second attribute must be attributes-natural-language."};
  }
  const char* charset_value = ippGetString(charset, 0, nullptr);
  if (!charset_value ||
      (strcasecmp(charset_value, "utf-8") != 0 && strcasecmp(charset_value, "us-ascii") != 0)) {
    return IppProblem{IPP_STATUS_ERROR_CHARSET,
                      fmt::format("Charset \"{}\" is not supported (utf-8 is).",
                                  charset_value ? charset_value : "")};
  }
  ipp_attribute_t* uri = ippFindAttribute(request, "printer-uri", IPP_TAG_URI);
  if (!uri) uri = ippFindAttribute(request, "job-uri", IPP_TAG_URI);
  if (!uri || ippGetGroupTag(uri) != IPP_TAG_OPERATION || ippGetCount(uri) != 1) {
    return IppProblem{IPP_STATUS_ERROR_BAD_REQUEST, "Missing printer-uri or job-uri."};
  }
  return std::nullopt;
}

}  // namespace printline::ipp
