#include "transport/ipp_job_lookup.h"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "transport/device_uri.h"
#include "transport/ipp_client.h"
#include "transport/ipp_transport.h"

namespace printline::transport {
namespace {

// One job of a Get-Jobs answer, as far as the lookup needs it.
struct PrinterJob {
  int id = 0;
  std::vector<std::string> uuids;  // a printer that keeps the client's job-uuid lists two
  int state = 0;                   // ipp_jstate_t
  std::string name;
  std::string user;
  std::optional<int> created;    // time-at-creation, in the printer's up-time seconds
  std::optional<int> completed;  // time-at-completed
  std::optional<int> up_time;    // job-printer-up-time: the printer's clock at the answer
};

std::string text_of(ipp_attribute_t* attribute) {
  const char* value = ippGetString(attribute, 0, nullptr);
  return value != nullptr ? value : "";
}

// The job groups of an answer (libcups separates them with a nameless attribute).
std::vector<PrinterJob> jobs_of(ipp_t* response) {
  std::vector<PrinterJob> jobs;
  bool in_job = false;
  for (ipp_attribute_t* a = ippFirstAttribute(response); a != nullptr;
       a = ippNextAttribute(response)) {
    const char* name = ippGetName(a);
    if (ippGetGroupTag(a) != IPP_TAG_JOB || name == nullptr) {
      in_job = false;
      continue;
    }
    if (!in_job) jobs.emplace_back();
    in_job = true;
    PrinterJob& job = jobs.back();
    const std::string_view attribute = name;
    const int integer = ippGetInteger(a, 0);
    if (attribute == "job-id") job.id = integer;
    if (attribute == "job-state") job.state = integer;
    if (attribute == "job-name") job.name = text_of(a);
    if (attribute == "job-originating-user-name") job.user = text_of(a);
    if (attribute == "time-at-creation") job.created = integer;
    if (attribute == "time-at-completed" && ippGetValueTag(a) == IPP_TAG_INTEGER) {
      job.completed = integer;
    }
    if (attribute == "job-printer-up-time") job.up_time = integer;
    if (attribute == "job-uuid") {
      for (int i = 0; i < ippGetCount(a); ++i) {
        if (const char* uuid = ippGetString(a, i, nullptr)) job.uuids.emplace_back(uuid);
      }
    }
  }
  return jobs;
}

bool is_taken(int state) {
  return state == IPP_JSTATE_PENDING || state == IPP_JSTATE_HELD ||
         state == IPP_JSTATE_PROCESSING || state == IPP_JSTATE_STOPPED ||
         state == IPP_JSTATE_COMPLETED;
}

JobLookup answer_for(const PrinterJob& job) {
  const char* state = ippEnumString("job-state", job.state);
  if (is_taken(job.state)) {
    return {JobAtPrinter::kTaken, fmt::format("the printer lists it as its job {} ({})", job.id,
                                              state)};
  }
  return {JobAtPrinter::kStopped,
          fmt::format("the printer lists it as its job {}, {} there", job.id, state)};
}

// Seconds between an event on the printer's clock and the answer, when both are known.
std::optional<std::int64_t> seconds_ago(const PrinterJob& job, std::optional<int> when) {
  if (!when || !job.up_time) return std::nullopt;
  return std::int64_t{*job.up_time} - *when;  // any two ints a printer says: no overflow
}

}  // namespace

JobLookup look_up_job(std::string_view device_uri, const JobToLookUp& wanted,
                      const TlsTrust& trust) {
  auto uri = parse_device_uri(device_uri);
  if (!uri.ok() || (uri->scheme != "ipp" && uri->scheme != "ipps")) {
    return {JobAtPrinter::kUnknown, "only IPP printers list the jobs they took"};
  }
  SendOptions options;
  options.io_timeout = std::chrono::seconds(10);
  options.tls_trust = trust;
  options.user = wanted.user;
  IppClient client(ipp_endpoint(*uri), ipp_settings(options));
  std::vector<IppMessage> answers;
  for (const char* which : {"not-completed", "completed"}) {
    IppMessage request = client.new_request(IPP_OP_GET_JOBS);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, which);
    static const char* const kWanted[] = {
        "job-id",   "job-uuid",         "job-state",          "job-name",
        "job-originating-user-name", "time-at-creation", "time-at-completed",
        "job-printer-up-time"};
    ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(std::size(kWanted)), nullptr, kWanted);
    IppAnswer answer = client.exchange(std::move(request));
    if (!answer.ok()) {
      return {JobAtPrinter::kUnknown,
              fmt::format("the printer did not list its jobs ({})",
                          answer.answered() ? answer.status_message() : answer.error)};
    }
    answers.push_back(std::move(answer.response));
  }
  std::vector<ipp_t*> lists;
  for (const auto& answer : answers) lists.push_back(answer.get());
  return find_in_job_lists(lists, wanted);
}

JobLookup find_in_job_lists(std::span<ipp_t* const> answers, const JobToLookUp& wanted) {
  std::vector<PrinterJob> jobs;
  for (ipp_t* answer : answers) {
    auto listed = jobs_of(answer);
    jobs.insert(jobs.end(), listed.begin(), listed.end());
  }

  const std::string urn = "urn:uuid:" + wanted.uuid;
  bool keeps_client_uuids = false;
  for (const auto& job : jobs) {
    for (const auto& uuid : job.uuids) {
      if (strcasecmp(uuid.c_str(), urn.c_str()) == 0) return answer_for(job);
    }
    if (job.uuids.size() > 1) keeps_client_uuids = true;
  }
  // A printer that drops the client's job-uuid: the same user and name, created since.
  if (!keeps_client_uuids) {
    for (const auto& job : jobs) {
      const auto created_ago = seconds_ago(job, job.created);
      if (job.user == wanted.user && job.name == wanted.title && created_ago &&
          *created_ago <= wanted.age.count() + 1) {
        return answer_for(job);
      }
    }
  }
  // Absent only if the printer would have named it (it keeps client job-uuids, or it lists no
  // job at all since this one was submitted: a renamed copy cannot hide there) and remembers a
  // job that ended before this one was submitted.
  const bool would_recognise =
      keeps_client_uuids || std::none_of(jobs.begin(), jobs.end(), [&](const PrinterJob& job) {
        const auto created_ago = seconds_ago(job, job.created);
        return !created_ago || *created_ago <= wanted.age.count() + 1;
      });
  if (!would_recognise) {
    return {JobAtPrinter::kUnknown,
            "the printer lists jobs since then but keeps no job-uuid to recognise this one by"};
  }
  for (const auto& job : jobs) {
    const auto completed_ago = seconds_ago(job, job.completed);
    if (completed_ago && *completed_ago > wanted.age.count() + 1) {
      return {JobAtPrinter::kAbsent,
              fmt::format("the printer's job list, which goes back to its job {}, does not have it",
                          job.id)};
    }
  }
  return {JobAtPrinter::kUnknown,
          "the printer's job list does not go back far enough to say whether it took it"};
}

}  // namespace printline::transport
