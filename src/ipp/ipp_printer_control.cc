// The IPP core's job holds and printer control (RFC 8011 §4.3.5-4.3.7 and §4.4, RFC 3380,
// PWG 5100.12 §6.3) and its event subscriptions (RFC 3995): what IPP/2.1 adds to printing.
// Holding, and keeping the printer's paused or disabled state, are the backend's (a server
// queue keeps them in the database); the core decides what they mean. Subscriptions are the
// core's own, per printer, in memory.

#include <fmt/format.h>

#include <string_view>

#include "core/i18n.h"
#include "ipp/ipp_job_request.h"
#include "ipp/ipp_printer.h"
#include "ipp/ipp_printer_call.h"
#include "model/job_outcome.h"

namespace printline::ipp {

bool IppPrinter::operator_only(Call& call, const char* what) {
  if (!call.authenticate()) return false;
  if (call.session.sees_every_job()) return true;
  call.status(IPP_STATUS_ERROR_FORBIDDEN,
              fmt::format("Only an administrator may {} {}.", what, call.session.printer_name()));
  return false;
}

bool IppPrinter::holds_jobs(Call& call, const char* what) {
  if (call.session.job_template().holds) return true;
  call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
              fmt::format("{} passes every job on at once, so it cannot {}; hold jobs at a "
                          "Printline server queue instead.",
                          call.session.printer_name(), what));
  return false;
}

void IppPrinter::publish_job(Call& call, const char* kind, std::optional<JobDescription> job,
                             const std::string& text) {
  if (!job) return;
  if (job->job_id == 0) job->job_id = ids_.id_for(job->uuid, job->number);
  PrinterEvent event;
  event.kind = kind;
  event.text = text;
  event.job = std::move(job);
  subscriptions_.publish(call.session.printer_name(), event, up_time());
}

void IppPrinter::publish_printer(Call& call, const char* kind, const std::string& text) {
  const model::QueueControl control = call.session.control();
  PrinterState state;
  state.stopped = control.paused;
  PrinterEvent event;
  event.kind = kind;
  event.text = text;
  event.printer_state = printer_state_of(state);
  event.printer_reason = printer_state_reason_of(state);
  event.accepting = control.accepting;
  subscriptions_.publish(call.session.printer_name(), event, up_time());
}

// --- Jobs: hold, release, restart, set job-hold-until ---

std::optional<IppProblem> IppPrinter::hold(Call& call, const JobDescription& job,
                                           const std::string& reason) {
  if (job.state == IPP_JSTATE_HELD) return std::nullopt;
  if (job.state != IPP_JSTATE_PENDING) {
    return IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE,
                      trf("Job {job} is {state}; only a job waiting to print can be held.",
                          fmt::arg("job", job.job_id),
                          fmt::arg("state", ippEnumString("job-state", job.state)))};
  }
  return call.session.hold(job, reason, false);
}

std::optional<IppProblem> IppPrinter::release(Call& call, const JobDescription& job) {
  if (job.state != IPP_JSTATE_HELD) {
    return IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE,
                      trf("Job {job} is not held (it is {state}); only a held job can be "
                          "released.",
                          fmt::arg("job", job.job_id),
                          fmt::arg("state", ippEnumString("job-state", job.state)))};
  }
  return call.session.release(job);
}

// Holds (true) or releases a job: a Create-Job still waiting for its document keeps the wish
// for when it arrives; a received job is the backend's.
void IppPrinter::set_hold(Call& call, bool held, const std::string& reason) {
  const int id = requested_job_id(call.request);
  {
    std::lock_guard lock(mutex_);
    if (auto it = waiting_.find(id); it != waiting_.end() && may_use(call, it->second)) {
      if (!held && !it->second.job.hold) {
        call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                    trf("Job {job} is not held; only a held job can be released.",
                        fmt::arg("job", id)));
        return;
      }
      it->second.job.hold = held;
      it->second.job.hold_reason = reason;
      call.status(IPP_STATUS_OK, "");
      return;
    }
  }
  auto job = target_job(call, nullptr);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  job->job_id = id;
  if (!call.ok(held ? hold(call, *job, reason) : release(call, *job))) return;
  call.status(IPP_STATUS_OK, "");
  publish_job(call, "job-state-changed", target_job(call, nullptr),
              held ? trf("Job {job} is held.", fmt::arg("job", id))
                   : trf("Job {job} was released.", fmt::arg("job", id)));
}

namespace {

std::string held_by(const std::string& who) {
  return who.empty() ? model::outcome_note("Held by its owner until released.")
                     : model::outcome_note("Held by {user} until released.", {{"user", who}});
}

}  // namespace

void IppPrinter::hold_job(Call& call) {
  if (!call.authenticate() || !holds_jobs(call, "hold a job")) return;
  if (ipp_attribute_t* until = ippFindAttribute(call.request, "job-hold-until", IPP_TAG_ZERO)) {
    const char* value = ippGetString(until, 0, nullptr);
    if (!value || std::string_view(value) != "indefinite") {
      call.mark_unsupported(until);
      call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                  "This printer holds a job until it is released (job-hold-until "
                  "\"indefinite\"); times of day are not offered.");
      return;
    }
  }
  const char* user = call.string("requesting-user-name", IPP_TAG_NAME);
  set_hold(call, true, held_by(user ? user : ""));
}

void IppPrinter::release_job(Call& call) {
  if (!call.authenticate()) return;
  set_hold(call, false, "");
}

void IppPrinter::restart_job(Call& call) {
  if (!call.authenticate()) return;
  int id = 0;
  auto job = target_job(call, &id);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  job->job_id = id;
  if (job->state < IPP_JSTATE_CANCELED) {
    call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                trf("Job {job} is {state}; only a job that has ended can be restarted.",
                    fmt::arg("job", id),
                    fmt::arg("state", ippEnumString("job-state", job->state))));
    return;
  }
  if (!call.ok(call.session.restart(*job))) return;
  call.status(IPP_STATUS_OK, "");
  publish_job(call, "job-state-changed", target_job(call, nullptr),
              trf("Job {job} was restarted.", fmt::arg("job", id)));
}

void IppPrinter::set_job_attributes(Call& call) {
  if (!call.authenticate()) return;
  const bool holds = call.session.job_template().holds;
  ipp_attribute_t* until = nullptr;
  bool not_settable = false;
  bool any = false;
  for (ipp_attribute_t* attr = ippFirstAttribute(call.request); attr;
       attr = ippNextAttribute(call.request)) {
    if (ippGetGroupTag(attr) != IPP_TAG_JOB || !ippGetName(attr)) continue;
    any = true;
    if (holds && std::string_view(ippGetName(attr)) == "job-hold-until") {
      until = attr;
    } else {
      call.mark_unsupported(attr);
      not_settable = true;
    }
  }
  if (!any) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "The request sets no job attribute.");
    return;
  }
  if (not_settable) {
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_NOT_SETTABLE,
                holds ? "Only job-hold-until can be set on a job here (see "
                        "job-settable-attributes-supported)."
                      : "No job attribute can be set on this printer (see "
                        "job-settable-attributes-supported).");
    return;
  }
  const char* value = ippGetString(until, 0, nullptr);
  const std::string_view wanted = value ? value : "";
  if ((ippGetValueTag(until) != IPP_TAG_KEYWORD && ippGetValueTag(until) != IPP_TAG_NAME) ||
      (wanted != "indefinite" && wanted != "no-hold")) {
    call.mark_unsupported(until);
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                "job-hold-until may be \"indefinite\" (hold) or \"no-hold\" (release) here.");
    return;
  }
  if (wanted == "indefinite") {
    const char* user = call.string("requesting-user-name", IPP_TAG_NAME);
    set_hold(call, true, held_by(user ? user : ""));
    return;
  }
  // "no-hold" of a job that is not held changes nothing.
  int id = 0;
  auto job = target_job(call, &id);
  if (job && job->state != IPP_JSTATE_HELD) {
    call.status(IPP_STATUS_OK, "");
    return;
  }
  set_hold(call, false, "");
}

// --- The printer: pause, resume, enable, disable, purge, settable attributes ---

// Pausing, resuming, enabling and disabling are kept by the backend (control()), so a server
// queue's state holds across restarts and nodes; the jobs a pause holds are marked so
// (held_by_pause) and are the ones Resume-Printer releases, whichever node resumes.
void IppPrinter::pause_printer(Call& call) {
  if (!operator_only(call, "pause") || !holds_jobs(call, "pause")) return;
  const std::string printer = call.session.printer_name();
  model::QueueControl control = call.session.control();
  if (!control.paused) {
    control.paused = true;
    control.changed_at = model::now_seconds();
    if (!call.ok(call.session.set_control(control))) return;
  }
  // Jobs waiting to print are held; the one printing finishes (RFC 8011 §4.3.5 lets it). A
  // repeated Pause-Printer holds what arrived pending meanwhile (another node's release).
  const std::string reason = model::paused_hold_reason();
  int failed = 0;
  std::string why;
  for (auto& job : call.session.jobs(false, nullptr)) {
    if (job.state != IPP_JSTATE_PENDING) continue;
    job.job_id = ids_.id_for(job.uuid, job.number);
    if (auto problem = call.session.hold(job, reason, true)) {
      ++failed;
      why = problem->message;
    }
  }
  call.status(IPP_STATUS_OK,
              failed == 0 ? "" : fmt::format("{} jobs could not be held: {}", failed, why));
  publish_printer(call, "printer-stopped", fmt::format("{} is paused.", printer));
}

void IppPrinter::resume_printer(Call& call) {
  if (!operator_only(call, "resume")) return;
  const std::string printer = call.session.printer_name();
  model::QueueControl control = call.session.control();
  if (control.paused) {
    control.paused = false;
    control.changed_at = model::now_seconds();
    if (!call.ok(call.session.set_control(control))) return;
  }
  // A repeated Resume-Printer releases what a pause still holds (one that failed half way).
  int failed = 0;
  std::string why;
  for (auto& job : call.session.jobs(false, nullptr)) {
    if (job.state != IPP_JSTATE_HELD || !job.held_by_pause) continue;
    job.job_id = ids_.id_for(job.uuid, job.number);  // kept by the job the client sees
    if (auto problem = call.session.release(job)) {
      ++failed;
      why = problem->message;
    }
  }
  call.status(IPP_STATUS_OK,
              failed == 0 ? ""
                          : fmt::format("{} jobs stay held: {} Release them one by one.",
                                        failed, why));
  publish_printer(call, "printer-state-changed", fmt::format("{} was resumed.", printer));
}

void IppPrinter::set_accepting(Call& call, bool accepting) {
  if (!operator_only(call, accepting ? "enable" : "disable")) return;
  model::QueueControl control = call.session.control();
  if (control.accepting != accepting) {
    control.accepting = accepting;
    control.changed_at = model::now_seconds();
    if (!call.ok(call.session.set_control(control))) return;
  }
  call.status(IPP_STATUS_OK, "");
  publish_printer(call, "printer-state-changed",
                  call.session.printer_name() +
                      (accepting ? " accepts jobs." : " does not accept jobs."));
}

void IppPrinter::purge_jobs(Call& call) {
  if (!operator_only(call, "purge the jobs of")) return;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(waiting_, [&](const auto& entry) {
      return entry.second.printer == call.session.printer_name() && !entry.second.sending;
    });
  }
  // Ended jobs stay: they are the accounting history, not the queue.
  int cancelled = 0;
  int failed = 0;
  std::string why;
  for (const auto& job : call.session.jobs(false, nullptr)) {
    if (job.state >= IPP_JSTATE_CANCELED) continue;
    if (auto problem = call.session.cancel(job)) {
      ++failed;
      why = problem->message;
    } else {
      ++cancelled;
    }
  }
  call.status(IPP_STATUS_OK,
              failed == 0 ? fmt::format("{} jobs were cancelled.", cancelled)
                          : fmt::format("{} jobs were cancelled, {} were not: {}", cancelled,
                                        failed, why));
}

void IppPrinter::set_printer_attributes(Call& call) {
  if (!operator_only(call, "change")) return;
  bool any = false;
  for (ipp_attribute_t* attr = ippFirstAttribute(call.request); attr;
       attr = ippNextAttribute(call.request)) {
    if (ippGetGroupTag(attr) != IPP_TAG_PRINTER || !ippGetName(attr)) continue;
    call.mark_unsupported(attr);
    any = true;
  }
  if (!any) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "The request sets no printer attribute.");
    return;
  }
  // printer-settable-attributes-supported is "none": a printer's settings are Printline's.
  call.status(IPP_STATUS_ERROR_ATTRIBUTES_NOT_SETTABLE,
              "No printer attribute can be set over IPP; change the printer in Printline's "
              "administration (web interface or printline admin) instead.");
}

void IppPrinter::get_printer_supported_values(Call& call) {
  // RFC 3380 §4.2: the supported values of the settable printer attributes — there are none.
  call.status(IPP_STATUS_OK, "");
}

// --- Subscriptions (ipp_subscriptions.h) ---

SubscriptionCaller IppPrinter::subscription_caller(Call& call) {
  SubscriptionCaller caller;
  caller.printer = call.session.printer_name();
  caller.printer_uri = call.session.printer_uri();
  caller.requester = call.session.requester();
  const char* user = call.string("requesting-user-name", IPP_TAG_NAME);
  caller.user_name = user ? user : caller.requester;
  caller.sees_every_one = call.session.sees_every_job();
  caller.up_time = up_time();
  return caller;
}

void IppPrinter::subscription_operation(Call& call, ipp_op_t operation) {
  if (!call.authenticate()) return;
  const SubscriptionCaller caller = subscription_caller(call);
  switch (operation) {
    case IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS:
      subscriptions_.create(call, caller);
      break;
    case IPP_OP_GET_SUBSCRIPTION_ATTRIBUTES:
      subscriptions_.get_attributes(call, caller);
      break;
    case IPP_OP_GET_SUBSCRIPTIONS:
      subscriptions_.list(call, caller);
      break;
    case IPP_OP_RENEW_SUBSCRIPTION:
      subscriptions_.renew(call, caller);
      break;
    case IPP_OP_CANCEL_SUBSCRIPTION:
      subscriptions_.cancel(call, caller);
      break;
    default:
      subscriptions_.notifications(call, caller, [&](const std::string& uuid) {
        auto job = call.session.find_job(uuid);
        if (job && job->job_id == 0) job->job_id = ids_.id_for(job->uuid, job->number);
        return job;
      });
  }
}

}  // namespace printline::ipp
