// Fuzzes what a printer answers to Get-Jobs when an interrupted delivery is looked up
// (transport/ipp_job_lookup.h): the bytes are decoded with libcups as two answers, the rest
// read as the second one. The first answer is also read as a release station reads a
// printer's Get-Printer-Attributes (transport/ipp_printer_readiness.h).
// Properties: never crashes; every decision says why; "absent" is never concluded when a listed
// job carries the looked-up job-uuid; a printer is "not ready" exactly when a problem is named,
// and at most 16 problems of at most 64 characters are kept.

#include <cups/ipp.h>
#include <strings.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

#include "ipp/ipp_message.h"
#include "transport/ipp_job_lookup.h"
#include "transport/ipp_printer_readiness.h"

namespace {

using namespace printline;

constexpr const char* kUuid = "0f4b2a6e-8c1d-4a2e-9b7f-1234567890ab";
constexpr const char* kUrn = "urn:uuid:0f4b2a6e-8c1d-4a2e-9b7f-1234567890ab";

bool lists_our_uuid(ipp_t* answer) {
  for (ipp_attribute_t* a = ippFirstAttribute(answer); a != nullptr; a = ippNextAttribute(answer)) {
    const char* name = ippGetName(a);
    if (name == nullptr || std::string_view(name) != "job-uuid") continue;
    if (ippGetGroupTag(a) != IPP_TAG_JOB) continue;
    for (int i = 0; i < ippGetCount(a); ++i) {
      const char* value = ippGetString(a, i, nullptr);
      if (value != nullptr && strcasecmp(value, kUrn) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const char> bytes(reinterpret_cast<const char*>(data), size);
  std::vector<ipp::IppPtr> answers;
  for (int i = 0; i < 2 && !bytes.empty(); ++i) {
    std::size_t consumed = 0;
    ipp::IppPtr answer = ipp::read_ipp_from_memory(bytes, &consumed);
    if (!answer) break;
    answers.push_back(std::move(answer));
    bytes = bytes.subspan(consumed);
  }
  std::vector<ipp_t*> lists;
  bool ours_listed = false;
  for (const auto& answer : answers) {
    lists.push_back(answer.get());
    ours_listed = ours_listed || lists_our_uuid(answer.get());
  }
  transport::JobToLookUp wanted{kUuid, "alice", "report.pdf", std::chrono::seconds(60)};
  const auto found = transport::find_in_job_lists(lists, wanted);
  if (found.detail.empty()) std::abort();
  if (ours_listed && (found.found == transport::JobAtPrinter::kAbsent ||
                      found.found == transport::JobAtPrinter::kUnknown)) {
    std::abort();
  }
  if (!answers.empty()) {
    const auto readiness = transport::readiness_from(answers.front().get());
    if (readiness.ready != readiness.problems.empty()) std::abort();
    if (readiness.problems.size() > 16 || readiness.message.size() > 255) std::abort();
    for (const auto& problem : readiness.problems) {
      if (problem.size() > 64) std::abort();
    }
  }
  return 0;
}
