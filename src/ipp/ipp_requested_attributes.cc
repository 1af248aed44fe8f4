#include "ipp/ipp_requested_attributes.h"

#include <cstring>
#include <utility>

namespace printline::ipp {
namespace {

int compare_names(void* a, void* b, void*) {
  return std::strcmp(static_cast<const char*>(a), static_cast<const char*>(b));
}

}  // namespace

RequestedAttributes::RequestedAttributes(ipp_t* request)
    : array_(ippCreateRequestedArray(request)) {}

RequestedAttributes RequestedAttributes::for_get_jobs(ipp_t* request) {
  if (ippFindAttribute(request, "requested-attributes", IPP_TAG_KEYWORD)) {
    return RequestedAttributes(request);
  }
  cups_array_t* names = cupsArrayNew(compare_names, nullptr);
  cupsArrayAdd(names, const_cast<char*>("job-id"));
  cupsArrayAdd(names, const_cast<char*>("job-uri"));
  return RequestedAttributes(names);
}

RequestedAttributes::~RequestedAttributes() { cupsArrayDelete(array_); }

RequestedAttributes::RequestedAttributes(RequestedAttributes&& other) noexcept
    : array_(std::exchange(other.array_, nullptr)) {}

}  // namespace printline::ipp
