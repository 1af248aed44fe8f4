#pragma once
// The attributes a request asks for (requested-attributes, RFC 8011 §4.2.5), owned: the
// cups_array_t from ippCreateRequestedArray, deleted with this object.

#include <cups/ipp.h>

namespace printline::ipp {

class RequestedAttributes {
 public:
  // Null (every attribute) when the request names none or asks for "all".
  explicit RequestedAttributes(ipp_t* request);
  // Get-Jobs answers job-id and job-uri unless the request asks for more (RFC 8011 §4.2.6.1).
  static RequestedAttributes for_get_jobs(ipp_t* request);
  ~RequestedAttributes();
  RequestedAttributes(RequestedAttributes&& other) noexcept;
  RequestedAttributes& operator=(RequestedAttributes&&) = delete;
  RequestedAttributes(const RequestedAttributes&) = delete;
  RequestedAttributes& operator=(const RequestedAttributes&) = delete;

  // What the add_*_attributes functions take; null means every attribute.
  cups_array_t* get() const { return array_; }

 private:
  explicit RequestedAttributes(cups_array_t* array) : array_(array) {}
  cups_array_t* array_;
};

}  // namespace printline::ipp
