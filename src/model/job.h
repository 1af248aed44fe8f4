#pragma once
// A print job as accounted by the server, whether it came through a server queue or was
// printed by a desktop client in fallback and uploaded later (D6). The UUID is born at the
// client and identifies the job everywhere: the store records and charges a UUID once.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/job_ticket.h"
#include "model/paper_size.h"
#include "model/timestamp.h"

namespace printline::model {

enum class JobOrigin { kServer, kFallback };
enum class JobState { kPending, kHeld, kPrinting, kPrinted, kFailed, kCancelled };

// What a job prints, per copy, as the analysis library counts it.
struct PageCounts {
  std::int64_t pages = 0;        // printed pages (sides) of one copy
  std::int64_t color_pages = 0;  // of those, pages with colour
  PaperSize paper = PaperSize::kA4;
  bool duplex = false;
  std::int64_t copies = 1;

  std::int64_t total_pages() const { return pages * copies; }
  bool operator==(const PageCounts&) const = default;
};

struct Job {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t owner_id = 0;
  std::optional<std::int64_t> queue_id;    // none for fallback jobs
  std::optional<std::int64_t> printer_id;  // where it printed / will print
  JobOrigin origin = JobOrigin::kServer;
  JobState state = JobState::kPending;
  std::string title;
  // What the user asked (D11): read at intake, sent to the printer, and what counts is priced by.
  JobTicket ticket;
  // The document's MIME type as the analysis found it ("application/pdf", ...), so delivery
  // never re-analyses the document to learn it. Empty: not known (jobs from before it was kept).
  std::string document_format;
  PageCounts counts;
  std::int64_t cost_cents = 0;
  Timestamp submitted_at{};
  std::optional<Timestamp> printed_at;
  std::string outcome;  // the transport's or the client's message, for people
  // D8: a Kyocera printer used through a non-spooling port may count the job itself too.
  bool may_be_counted_twice = false;
  // D10: a desktop client's submission the client has not confirmed yet: recorded, neither
  // printed nor charged, expired unprinted if the confirmation never comes.
  bool awaiting_commit = false;
  // The last moment the commit is taken: the submission's time (or its repetition's) plus the
  // client's answer timeout. A commit arriving later may be one its client gave up waiting
  // for, having printed the job elsewhere: it is refused, and the job waits for its expiry.
  std::optional<Timestamp> commit_before;
  // Held because its queue was paused (IPP Pause-Printer), so Resume-Printer releases it, on
  // whichever server node resumes the queue. Meaningful only while the job is held.
  bool held_by_pause = false;
  // Acknowledged before its analysis (a hold queue's job): its counts and price are not known
  // until the analysis stores them (Store::set_job_price). Meaningful only while the job is
  // held or pending: one cancelled or failed first is never analysed.
  bool unanalysed = false;
  // D10: the fallback printer that printed this job too, after the server had printed it
  // ("printed twice"; charged once).
  std::optional<std::int64_t> also_printed_on;

  bool printed_twice() const { return also_printed_on.has_value(); }
  bool operator==(const Job&) const = default;
};

// A MIME type as stored with a job: type/subtype of token characters, at most this long; empty
// (unknown) is allowed.
inline constexpr std::size_t kMaxDocumentFormatLength = 127;
bool is_document_format(std::string_view format);

std::string_view origin_name(JobOrigin origin);  // "server", "fallback"
std::string_view state_name(JobState state);     // "pending", "held", ...
std::optional<JobOrigin> origin_from_name(std::string_view name);
std::optional<JobState> state_from_name(std::string_view name);

void to_json(nlohmann::json& j, JobOrigin origin);
void from_json(const nlohmann::json& j, JobOrigin& origin);
void to_json(nlohmann::json& j, JobState state);
void from_json(const nlohmann::json& j, JobState& state);
// Job JSON is flat: pages, color_pages, paper, duplex, copies sit beside the other fields; the
// ticket is a "ticket" object (job_ticket.h), with "ticket_text" its describe() for people
// (read back never), and document_format a string. from_json checks the
// ticket (ticket_problem) and bounds document_format to a MIME type's length.
void to_json(nlohmann::json& j, const Job& job);
void from_json(const nlohmann::json& j, Job& job);

}  // namespace printline::model
