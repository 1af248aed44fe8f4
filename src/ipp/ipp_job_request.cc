#include "ipp/ipp_job_request.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "core/i18n.h"
#include "core/job_uuid.h"
#include "ipp/ipp_printer_description.h"

namespace printline::ipp {

IppJobNames read_job_names(ipp_t* request) {
  IppJobNames names;
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-uuid", IPP_TAG_URI)) {
    std::string value = ippGetString(attr, 0, nullptr);
    names.uuid = value.rfind("urn:uuid:", 0) == 0 ? value.substr(9) : value;
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-name", IPP_TAG_NAME)) {
    names.title = ippGetString(attr, 0, nullptr);
  } else if (ipp_attribute_t* doc = ippFindAttribute(request, "document-name", IPP_TAG_NAME)) {
    names.title = ippGetString(doc, 0, nullptr);
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "document-format", IPP_TAG_MIMETYPE)) {
    names.document_format = ippGetString(attr, 0, nullptr);
  }
  return names;
}

bool check_document_format(IppCall& call, const char* format) {
  if (is_supported_document_format(format)) return true;
  call.status(IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
              trf("Document format {format} is not supported; print PDF, PostScript, PCL or "
                  "plain text.",
                  fmt::arg("format", format)));
  return false;
}

bool check_job_operation(IppCall& call) {
  if (const char* compression = call.string("compression", IPP_TAG_KEYWORD);
      compression && std::string_view(compression) != "none") {
    call.status(IPP_STATUS_ERROR_COMPRESSION_NOT_SUPPORTED,
                trf("Compression \"{compression}\" is not supported; send the document "
                    "uncompressed.",
                    fmt::arg("compression", compression)));
    return false;
  }
  if (const char* format = call.string("document-format", IPP_TAG_MIMETYPE);
      format && !check_document_format(call, format)) {
    return false;
  }
  // The desktop client's resubmissions carry a job-uuid, which makes them idempotent.
  if (ipp_attribute_t* uuid = ippFindAttribute(call.request, "job-uuid", IPP_TAG_ZERO)) {
    const char* text = ippGetString(uuid, 0, nullptr);
    std::string_view value = text ? text : "";
    if (value.rfind("urn:uuid:", 0) == 0) value.remove_prefix(9);
    if (ippGetValueTag(uuid) != IPP_TAG_URI || !is_valid_job_uuid(value)) {
      call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                  "job-uuid must be a urn:uuid: URI (like "
                  "urn:uuid:1b4e28ba-2fa1-4d2b-a3f6-0123456789ab).");
      return false;
    }
  }
  return true;
}

int requested_job_id(ipp_t* request) {
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-id", IPP_TAG_INTEGER)) {
    return ippGetInteger(attr, 0);
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-uri", IPP_TAG_URI)) {
    const char* uri = ippGetString(attr, 0, nullptr);
    const char* slash = uri ? std::strrchr(uri, '/') : nullptr;
    return slash ? std::atoi(slash + 1) : 0;
  }
  return 0;
}

std::optional<GetJobsRequest> read_get_jobs_request(IppCall& call) {
  const char* which = call.string("which-jobs", IPP_TAG_KEYWORD);
  const std::string_view which_jobs = which ? which : "not-completed";
  WhichJobs kind = WhichJobs::kNotCompleted;
  if (which_jobs == "completed") {
    kind = WhichJobs::kCompleted;
  } else if (which_jobs == "all") {
    kind = WhichJobs::kAll;
  } else if (which_jobs != "not-completed") {
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                fmt::format("which-jobs \"{}\" is not supported; use completed, not-completed "
                            "or all.",
                            which_jobs));
    ippAddString(call.response.get(), IPP_TAG_UNSUPPORTED_GROUP, IPP_TAG_KEYWORD, "which-jobs",
                 nullptr, which);
    return std::nullopt;
  }
  int limit = 1000;
  if (ipp_attribute_t* attr = ippFindAttribute(call.request, "limit", IPP_TAG_INTEGER)) {
    limit = std::clamp(ippGetInteger(attr, 0), 1, 1000);
  }
  ipp_attribute_t* mine = ippFindAttribute(call.request, "my-jobs", IPP_TAG_BOOLEAN);
  return GetJobsRequest{kind, limit, mine && ippGetBoolean(mine, 0),
                        RequestedAttributes::for_get_jobs(call.request)};
}

}  // namespace printline::ipp
