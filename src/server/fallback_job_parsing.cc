#include "server/fallback_job_parsing.h"

#include <fmt/format.h>

#include <optional>

#include "core/job_uuid.h"
#include "model/fallback_target.h"
#include "model/job_costing.h"
#include "model/job_outcome.h"
#include "model/job_ticket.h"
#include "model/pricing.h"

namespace printline::server {
namespace {

using model::Job;

FallbackRejection field_problem(const std::string& field, const std::string& expected) {
  return {"invalid-field",
          fmt::format("Field \"{}\" {}. Fix the job and upload it again.", field, expected)};
}

// A whole number in [min, max], `fallback` when absent or null; nullopt for anything else
// (a float, a string, a number out of range — an unsigned beyond int64 included).
std::optional<std::int64_t> bounded_integer(const nlohmann::json& entry, const char* name,
                                            std::optional<std::int64_t> fallback,
                                            std::int64_t min, std::int64_t max) {
  auto it = entry.find(name);
  if (it == entry.end() || it->is_null()) return fallback;
  if (it->is_number_unsigned()) {
    const auto n = it->get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(max)) return std::nullopt;
    if (static_cast<std::int64_t>(n) < min) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (!it->is_number_integer()) return std::nullopt;
  const auto n = it->get<std::int64_t>();
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<std::string> bounded_string(const nlohmann::json& entry, const char* name,
                                          std::optional<std::string> fallback,
                                          std::size_t max_bytes) {
  auto it = entry.find(name);
  if (it == entry.end() || it->is_null()) return fallback;
  if (!it->is_string() || it->get_ref<const std::string&>().size() > max_bytes) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

// The printer the entry names: an id (number or digits) or a name, checked by type and size
// before it is looked up or quoted in an answer.
std::variant<const model::Printer*, FallbackRejection> find_printer(
    const nlohmann::json& entry, const FallbackUploadContext& context) {
  auto it = entry.find("printer");
  if (it == entry.end()) return field_problem("printer", "is required (id or name)");
  std::optional<std::int64_t> id;
  std::string shown;
  if (it->is_number_unsigned() || it->is_number_integer()) {
    id = bounded_integer(entry, "printer", std::nullopt, 1, INT64_MAX);
    if (!id) return field_problem("printer", "must be a positive id or a name");
    shown = std::to_string(*id);
  } else if (it->is_string() &&
             it->get_ref<const std::string&>().size() <= kMaxPrinterReferenceBytes) {
    const auto& text = it->get_ref<const std::string&>();
    shown = nlohmann::json(text).dump();  // quoted and escaped for the message
    bool digits = !text.empty() && text.size() < 19;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (digits) {
      id = std::stoll(text);
    } else if (auto named = context.printer_ids_by_name.find(text);
               named != context.printer_ids_by_name.end()) {
      id = named->second;
    }
  } else {
    return field_problem("printer", fmt::format("must be an id or a name of at most {} bytes",
                                                kMaxPrinterReferenceBytes));
  }
  auto found = id ? context.printers_by_id.find(*id) : context.printers_by_id.end();
  if (found == context.printers_by_id.end()) {
    return FallbackRejection{"unknown-printer",
                             fmt::format("The server has no printer {}. Ask an administrator to "
                                         "add it, then upload the job again.",
                                         shown)};
  }
  if (!context.fallback_printers.contains(found->first)) {
    return FallbackRejection{
        "not-a-fallback-printer",
        fmt::format("Printer \"{}\" is not a fallback printer of your profile, so the client "
                    "cannot have printed on it offline. Ask an administrator to check the "
                    "profile; the job is not charged.",
                    found->second.name)};
  }
  return &found->second;
}

// A parser's message as it may be echoed: printable ASCII, at most 160 bytes (it may quote
// what the client sent).
std::string short_ascii(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 160) {
      out += "...";
      break;
    }
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return out;
}

// Why counts reported for a ticket cannot be what it printed, or none.
std::optional<std::string> ticket_mismatch(const model::JobTicket& ticket,
                                           const model::PageCounts& counts) {
  if (ticket.color_mode == model::ColorMode::kMonochrome && counts.color_pages > 0)
    return fmt::format("{} colour pages for a monochrome ticket", counts.color_pages);
  if (ticket.copies > 1 && counts.copies != ticket.copies)
    return fmt::format("{} copies for a ticket of {}", counts.copies, ticket.copies);
  if (ticket.sides && counts.duplex != (*ticket.sides != model::Sides::kOneSided))
    return fmt::format("{} for a {} ticket", counts.duplex ? "duplex" : "simplex",
                       model::sides_keyword(*ticket.sides));
  if (!ticket.page_ranges.empty()) {
    std::int64_t selected = 0;
    for (const auto& range : ticket.page_ranges) selected += range.last - range.first + 1;
    const std::int64_t most = (selected + ticket.number_up - 1) / ticket.number_up;
    if (counts.pages > most)
      return fmt::format("{} pages where page-ranges {} with {} per side print at most {}",
                         counts.pages, model::format_page_ranges(ticket.page_ranges),
                         ticket.number_up, most);
  }
  return std::nullopt;
}

}  // namespace

std::variant<Job, FallbackRejection> parse_fallback_job(const nlohmann::json& entry,
                                                        const FallbackUploadContext& context) {
  if (!entry.is_object()) return field_problem("jobs[]", "must be an object");
  auto uuid = entry.find("uuid");
  if (uuid == entry.end() || !uuid->is_string() ||
      !is_valid_job_uuid(uuid->get_ref<const std::string&>())) {
    return FallbackRejection{"invalid-uuid",
                             "The job has no valid UUID (like 1b4e28ba-2fa1-4d2b-a3f6-0123456789ab); "
                             "the client must send the UUID it gave the job."};
  }
  Job job;
  job.uuid = uuid->get<std::string>();
  job.owner_id = context.owner.id;
  job.origin = model::JobOrigin::kFallback;
  job.state = model::JobState::kPrinted;

  auto printer = find_printer(entry, context);
  if (auto* why = std::get_if<FallbackRejection>(&printer)) return *why;
  const model::Printer& on = *std::get<const model::Printer*>(printer);
  job.printer_id = on.id;

  auto printed_at = bounded_string(entry, "printed_at", std::nullopt, 32);
  auto when = printed_at ? model::parse_timestamp(*printed_at) : std::nullopt;
  if (!when) return field_problem("printed_at", "must be a time like 2026-11-24T01:39:51Z");
  if (*when > context.now + kFallbackClockSkew || *when < context.now - kMaxFallbackJobAge) {
    return FallbackRejection{
        "printed-at-outside-outage",
        fmt::format("The job says it printed at {}, {}; a job printed offline is uploaded "
                    "within {} days and never dated after the server's clock ({}). Check the "
                    "workstation's clock; the job is not charged.",
                    *printed_at, *when > context.now ? "in the future" : "too long ago",
                    std::chrono::duration_cast<std::chrono::days>(kMaxFallbackJobAge).count(),
                    model::format_timestamp(context.now))};
  }
  job.printed_at = *when;
  job.submitted_at = *when;  // reports place the job when it printed

  const auto out_of_bounds = [](const char* field, const std::string& expected) {
    return FallbackRejection{
        "out-of-bounds",
        fmt::format("Field \"{}\" must be {}; the job is not charged. Fix the job and upload "
                    "it again.",
                    field, expected)};
  };
  if (!entry.contains("pages")) {
    return field_problem("pages", "is required: the number of pages of one copy (0 or more)");
  }
  auto pages = bounded_integer(entry, "pages", std::nullopt, 0, kMaxFallbackPages);
  if (!pages) {
    return out_of_bounds("pages", fmt::format("a whole number of pages of one copy from 0 to {}",
                                              kMaxFallbackPages));
  }
  job.counts.pages = *pages;
  auto color = bounded_integer(entry, "color_pages", 0, 0, *pages);
  if (!color) return out_of_bounds("color_pages", "a whole number from 0 to pages");
  job.counts.color_pages = *color;
  auto copies = bounded_integer(entry, "copies", 1, 1, kMaxFallbackCopies);
  if (!copies) {
    return out_of_bounds("copies", fmt::format("a whole number from 1 to {}", kMaxFallbackCopies));
  }
  job.counts.copies = *copies;
  auto duplex = entry.find("duplex");
  if (duplex != entry.end() && !duplex->is_null() && !duplex->is_boolean()) {
    return field_problem("duplex", "must be true or false");
  }
  job.counts.duplex = duplex != entry.end() && duplex->is_boolean() && duplex->get<bool>();
  auto paper = bounded_string(entry, "paper", "A4", 16);
  auto paper_size = paper ? model::paper_from_name(*paper) : std::nullopt;
  if (!paper_size) {
    return field_problem("paper", "must be one of A5 A4 A3 A2 A1 A0 Letter Legal Tabloid");
  }
  job.counts.paper = *paper_size;
  auto title = bounded_string(entry, "title", "", kMaxFallbackTitleBytes);
  if (!title) {
    return field_problem("title",
                         fmt::format("must be a string of at most {} bytes", kMaxFallbackTitleBytes));
  }
  job.title = *title;

  // What the user asked (D11), checked like the rest; the counts must be what it prints (D12).
  if (auto it = entry.find("ticket"); it != entry.end() && !it->is_null()) {
    try {
      job.ticket = it->get<model::JobTicket>();  // from_json applies ticket_problem
    } catch (const nlohmann::json::exception& e) {
      return field_problem("ticket", fmt::format("is not a valid job ticket ({})",
                                                 short_ascii(e.what())));
    }
  }
  if (auto mismatch = ticket_mismatch(job.ticket, job.counts)) {
    return FallbackRejection{
        "does-not-add-up",
        fmt::format("The job's counts do not match its ticket: {}; the job is not charged. The "
                    "client must report the pages as the ticket printed them.",
                    *mismatch)};
  }
  auto format = bounded_string(entry, "document_format", "", model::kMaxDocumentFormatLength);
  if (!format || !model::is_document_format(*format)) {
    return field_problem("document_format", "must be a MIME type such as application/pdf");
  }
  job.document_format = *format;
  // A mono printer printed every side mono, whatever the document held.
  job.counts = model::counts_on_printer(job.counts, on.color);

  auto cost = model::price_job(context.prices, job.counts, on.color);
  if (!cost) {
    return FallbackRejection{"no-price",
                             fmt::format("{}. An administrator must complete the price list; the "
                                         "client uploads the job again later.",
                                         cost.error().message)};
  }
  job.cost_cents = *cost;
  // D8: a Kyocera device reached through a non-spooling port may count the job itself too.
  auto target = model::fallback_target(on, context.fallback);
  job.may_be_counted_twice =
      target ? target->may_be_counted_twice : on.is_kyocera() && !on.spooling_port;
  job.outcome = model::outcome_note("Printed offline on {printer} by the desktop client.",
                                    {{"printer", on.name}});
  return job;
}

nlohmann::json rejected_fallback_job(const nlohmann::json& entry, const FallbackRejection& why) {
  // Always a string, so clients can key their answers by it: "" when none was sent. Only a
  // valid UUID is echoed, never whatever else the entry held.
  std::string uuid;
  if (entry.is_object()) {
    auto it = entry.find("uuid");
    if (it != entry.end() && it->is_string() && is_valid_job_uuid(it->get_ref<const std::string&>())) {
      uuid = it->get<std::string>();
    }
  }
  return {{"uuid", uuid}, {"status", "rejected"}, {"reason", why.reason}, {"message", why.message}};
}

}  // namespace printline::server
