// The job worker: takes each job of the outbox from where it is to where it should go next
// (server, fallback printer, a prompt), committing every state before acting on it.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api_client/job_calls.h"
#include "client/client_daemon.h"
#include "client/fallback_printing.h"
#include "client/release_condition.h"
#include "client/server_submission.h"
#include "core/crash_point.h"
#include "core/i18n.h"
#include "core/logging.h"

namespace printline::client {

namespace {

// Jobs that go to the server once it answers (D3). Not those on hold: refused by the server,
// or possibly printed already (a fallback send interrupted) — those wait for the user.
bool waits_for_server(const OutboxJob& job) {
  switch (job.state) {
    case JobState::kWaitingForServer:
    case JobState::kWaitingForChoice:
    case JobState::kHeldForCredit:
    case JobState::kRejectedByDevice:
      return !job.hold_until_retry;
    default:
      return false;
  }
}

}  // namespace

void ClientDaemon::wake_worker() {
  {
    std::lock_guard lock(wake_mutex_);
    wake_requested_ = true;
  }
  wake_.notify_all();
}

void ClientDaemon::work() {
  for (;;) {
    {
      std::lock_guard lock(wake_mutex_);
      if (stopping_) return;
      wake_requested_ = false;
    }
    // Passes repeat while one moved a job to a state another pass acts on.
    for (int pass = 0; pass < 8 && process_pass(); ++pass) {
    }
    std::unique_lock lock(wake_mutex_);
    wake_.wait_for(lock, std::chrono::seconds(30), [this] { return stopping_ || wake_requested_; });
    if (stopping_) return;
  }
}

bool ClientDaemon::begin_job(const std::string& uuid) {
  std::lock_guard lock(jobs_mutex_);
  {
    std::lock_guard wake_lock(wake_mutex_);
    if (stopping_) return false;
  }
  busy_uuid_ = uuid;
  send_cancel_.reset();
  return true;
}

void ClientDaemon::end_job() {
  {
    std::lock_guard lock(jobs_mutex_);
    busy_uuid_.clear();
  }
  job_done_.notify_all();
}

bool ClientDaemon::process_pass() {
  bool again = false;
  const bool online = link_.state().known && link_.state().online;
  // Only the states the worker acts on are read: final jobs can be many (accounted history).
  std::vector<OutboxJob> candidates = outbox_->in_state(JobState::kReceived);
  for (const auto& job : outbox_->in_state(JobState::kPrintingOnFallback)) candidates.push_back(job);
  if (online) {
    for (auto state : {JobState::kWaitingForServer, JobState::kWaitingForChoice,
                       JobState::kHeldForCredit, JobState::kRejectedByDevice}) {
      for (const auto& job : outbox_->in_state(state)) candidates.push_back(job);
    }
  }
  for (const auto& listed : candidates) {
    const bool actionable =
        listed.state == JobState::kReceived ||
        (listed.state == JobState::kPrintingOnFallback && !listed.fallback_send_started) ||
        (online && waits_for_server(listed));
    if (!actionable) continue;
    if (!begin_job(listed.uuid)) return false;
    // Read again under the busy mark: the user may have answered or cancelled meanwhile.
    auto job = outbox_->find(listed.uuid);
    if (job && job->state == listed.state) {
      if (job->state == JobState::kReceived) {
        route(*job);
      } else if (job->state == JobState::kPrintingOnFallback) {
        print_on(*job, false);
      } else if (link_.state().online) {
        send_waiting_to_server(*job);
      }
    }
    end_job();
  }
  return again;
}

ClientDaemon::ServerTry ClientDaemon::try_server(OutboxJob& job, JobState state_if_unreachable) {
  auto log = object_logger("job", job.uuid);
  const bool had_prompt = job.prompt != PendingPrompt::kNone;
  const std::string reason_before = job.reason;
  job.state = JobState::kSendingToServer;
  job.reason = tr("Being sent to the print server.");
  // Durable before the first byte: after a crash the server is asked about this UUID (D6).
  auto saved = save(job);
  if (!saved.ok()) return ServerTry::kKeep;
  job = *saved;
  emit_job(job);
  const auto api = link_.api();
  // The address that answered last first, then the others in order (D1).
  std::vector<api_client::ServerUrl> servers{api->preferred_server()};
  for (const auto& server : link_.servers()) {
    if (server.to_string() != servers.front().to_string()) servers.push_back(server);
  }
  crash_point("client.sending-to-server");
  // D10: the server keeps the job uncommitted — neither printed nor charged — until it is
  // committed below; whatever does not answer within the profile's answer timeout is a server
  // that is down, and the job may fall back: the server's copy is never printed uncommitted.
  ServerSubmission submission{job.uuid,   job.title, job.document_format, job.ticket,
                              user_login(), outbox_->spool_path(job.uuid)};
  auto result = submit_to_server(servers, api->token(), link_.trust(), config_.queue, submission,
                                 link_.connect_timeout(), answer_timeout());
  if (result.outcome == SubmissionOutcome::kAccepted) {
    crash_point("client.server-accepted");  // the server holds it uncommitted, unknown here
    result = commit_at_server(job.uuid, result);
  }
  switch (result.outcome) {
    case SubmissionOutcome::kAccepted: {
      link_.record_success(result.server);
      job.state = JobState::kAtServer;
      job.prompt = PendingPrompt::kNone;
      job.reason = trf("Sent to the print server {server} (server job {job}).",
                       fmt::arg("server", result.server), fmt::arg("job", result.server_job_id));
      if (auto done = save(job); done.ok()) job = *done;
      log->info("{}", job.reason);
      if (had_prompt) withdraw_prompt(job, tr("The print server is back and took the job."));
      emit_job(job);
      outbox_->discard_document(job.uuid);
      return ServerTry::kDone;
    }
    case SubmissionOutcome::kRefused:
      job.state = JobState::kWaitingForServer;
      job.hold_until_retry = true;
      job.prompt = PendingPrompt::kNone;
      job.reason = trf("{why} The job is kept: retry it once fixed, or cancel it.",
                       fmt::arg("why", result.message));
      if (auto done = save(job); done.ok()) job = *done;
      log->warn("{}", job.reason);
      if (had_prompt) {
        withdraw_prompt(job, tr("The print server answered: see the job's reason."));
      }
      emit_job(job);
      notify(job, tr("The print server refused the job"), job.reason);
      return ServerTry::kDone;
    case SubmissionOutcome::kUncertain:
      // D10: sent, but not answered or not committed in time: the server holds its copy
      // uncommitted, so the job is treated as if the server were down; if the job prints on a
      // fallback printer, its fallback report cancels the server's copy.
      log->warn("{} The job is treated as if the server were down.", result.message);
      break;
    case SubmissionOutcome::kUnreachable:
      break;
  }
  log->info("the print server cannot be reached: {}", result.message);
  link_.record_failure(result.message);
  job.state = state_if_unreachable;
  job.reason = reason_before;
  if (auto done = save(job); done.ok()) job = *done;
  return ServerTry::kFallBack;
}

std::chrono::milliseconds ClientDaemon::answer_timeout() const {
  const auto cache = cache_.snapshot();
  return cache.profile ? std::chrono::milliseconds(cache.profile->profile.answer_timeout)
                       : std::chrono::milliseconds(model::ClientProfile{}.answer_timeout);
}

// D10: the second phase. Committed: the server prints and charges the job (kAccepted). The
// server cancelled its copy (it expired, or the job was printed elsewhere): kRefused with its
// reason. No answer in time, or no such job any more: kUncertain — the job falls back; if the
// commit did reach the server and it printed, the fallback report flags the job printed twice
// and it is charged once.
SubmissionResult ClientDaemon::commit_at_server(const std::string& uuid,
                                                SubmissionResult submitted) {
  auto log = object_logger("job", uuid);
  auto committed = api_client::commit_job(*link_.api(), uuid, answer_timeout());
  if (!committed.ok()) {
    if (committed.error().unreachable())
      link_.record_failure(api_client::describe(committed.error()));
    submitted.outcome = SubmissionOutcome::kUncertain;
    submitted.message = trf("The server {server} took the job but did not confirm it in time "
                            "({problem}).",
                            fmt::arg("server", submitted.server),
                            fmt::arg("problem", api_client::describe(committed.error())));
    return submitted;
  }
  if (!*committed) {
    submitted.outcome = SubmissionOutcome::kUncertain;
    submitted.message =
        trf("The server {server} no longer has the job.", fmt::arg("server", submitted.server));
    return submitted;
  }
  const model::Job& at_server = **committed;
  if (at_server.state == model::JobState::kCancelled) {
    submitted.outcome = SubmissionOutcome::kRefused;
    submitted.message =
        trf("The server cancelled the job: {reason}", fmt::arg("reason", at_server.outcome));
    return submitted;
  }
  log->info("committed at the server: {}", at_server.outcome);
  return submitted;
}

void ClientDaemon::route(OutboxJob job) {
  // D1: while the server is known down, no per-job wait; otherwise try it first.
  if (!link_.known_offline()) {
    if (try_server(job, JobState::kReceived) != ServerTry::kFallBack) return;
  }
  fall_back(std::move(job));
}

void ClientDaemon::send_waiting_to_server(OutboxJob job) {
  // A waiting job goes to the server once it answers; if it is still down the job keeps its
  // state and its prompt (D3).
  (void)try_server(job, job.state);
}

void ClientDaemon::fall_back(OutboxJob job) {
  auto log = object_logger("job", job.uuid);
  const auto cache = cache_.snapshot();
  if (!cache.profile || !cache.profile->profile.fallback.enabled) {
    // D4 / FP-8.
    job.state = JobState::kWaitingForServer;
    job.prompt = PendingPrompt::kFallbackDisabled;
    job.reason = cache.profile
                     ? "The print server is offline and fallback printing is disabled in your "
                       "profile. Retry keeps the job and sends it to the server as soon as it "
                       "answers; Cancel deletes it."
                     : "The print server is offline and this computer has never received its "
                       "fallback printing settings (log in while the server is up). Retry keeps "
                       "the job and sends it to the server as soon as it answers; Cancel "
                       "deletes it.";
    if (auto saved = save(job); saved.ok()) {
      emit_job(*saved);
      prompt(*saved);
    }
    return;
  }
  const auto& settings = cache.profile->profile.fallback;
  // Priced as printed under the job's ticket (D11); the printer is not chosen yet, so as on a
  // colour one (the estimate errs high, never low).
  auto costing = analyze_and_cost(outbox_->spool_path(job.uuid), job.ticket, cache.prices, true);
  if (costing.ok()) {
    job.counts = costing->counts;
    job.estimated_cost_cents = costing->cost_cents;
  } else {
    log->warn("cannot estimate the job's cost: {}", costing.error().message);
  }
  const auto release =
      check_release(settings, cache, costing, outbox_->unsynced_spending(), model::now_seconds());
  if (!release.release) {
    job.state = JobState::kHeldForCredit;
    job.prompt = PendingPrompt::kNotEnoughCredit;
    job.reason = release.reason;
    if (auto saved = save(job); saved.ok()) {
      emit_job(*saved);
      prompt(*saved);
    }
    return;
  }
  const auto local = outbox_->fallback_history();
  const auto history = printer_history(cache, local);
  std::optional<std::int64_t> last;
  if (!local.empty()) last = local.front();
  auto printers = profile_fallback_printers(cache, history, last);
  probe_candidates(printers, port_prober(config_.probe_timeout));
  const auto plan = plan_fallback(printers, history);
  log->info("{}", plan.rule);
  switch (plan.kind) {
    case PlanKind::kAutomatic:
      job.state = JobState::kPrintingOnFallback;
      job.printer_id = plan.printer->printer_id;
      job.printer = plan.printer->name;
      job.target_uri = plan.printer->target_uri;
      job.may_be_counted_twice = plan.printer->may_be_counted_twice;
      job.fallback_send_started = false;
      job.reason = trf("The print server is offline: printing on \"{printer}\".",
                       fmt::arg("printer", job.printer));
      if (auto saved = save(job); saved.ok()) print_on(*saved, true);
      return;
    case PlanKind::kPrompt:
      job.state = JobState::kWaitingForChoice;
      job.prompt = PendingPrompt::kChoosePrinter;
      job.reason = tr("The print server is offline: choose the printer to print on (`printline "
                      "choose JOB PRINTER`, or the desktop app). If the server comes back "
                      "first, the job goes to it.");
      break;
    case PlanKind::kNoCandidate:
      job.state = JobState::kWaitingForServer;
      job.prompt = PendingPrompt::kNoCandidate;
      job.reason = no_candidate_message(printers);
      break;
  }
  if (auto saved = save(job); saved.ok()) {
    emit_job(*saved);
    prompt(*saved);
  }
}

void ClientDaemon::print_on(OutboxJob job, bool automatic) {
  auto log = object_logger("job", job.uuid);
  job.fallback_send_started = true;
  job.reason = trf("Being printed on \"{printer}\" (the print server is offline).",
                   fmt::arg("printer", job.printer));
  // Durable before the first byte: after a crash this job is never resent silently.
  auto saved = save(job);
  if (!saved.ok()) return;
  job = *saved;
  emit_job(job);
  log->info("sending to fallback printer \"{}\" at {}", job.printer, job.target_uri);
  crash_point("client.fallback-send-started");
  FallbackSend send{job.uuid,   job.title,    job.document_format,
                    job.ticket, user_login(), job.target_uri,
                    outbox_->spool_path(job.uuid), link_.trust(), job.printer, std::nullopt};
  // D11: the printer's language and capabilities, as the server last described them: the
  // profile's fallback printers (refreshed with the profile) first, else the printer catalog.
  const auto cached = cache_.snapshot();
  for (const auto& printer : cached.printers) {
    if (job.printer_id && printer.id == *job.printer_id) send.printer = printer;
  }
  if (cached.profile) {
    for (const auto& entry : cached.profile->fallback_printers) {
      if (job.printer_id && entry.printer.id == *job.printer_id) send.printer = entry.printer;
    }
  }
  const auto result = send_to_fallback_printer(send, &send_cancel_);
  switch (result.outcome) {
    case transport::Outcome::kDelivered: {
      crash_point("client.fallback-delivered");  // printed, not yet recorded
      job.printed_offline(trf("Printed on \"{printer}\" while the print server was offline; it "
                              "is accounted when the server is back.",
                              fmt::arg("printer", job.printer)));
      if (job.may_be_counted_twice) {
        job.reason += std::string(" ") + tr("This Kyocera device was used through a "
                                            "non-spooling port: the job may be counted twice.");
      }
      if (auto done = save(job); done.ok()) job = *done;
      log->info("{}", job.reason);
      emit_job(job);
      // FP-7a: the user is told where an automatic fallback printed their job.
      notify(job, trf("Printed on {printer}", fmt::arg("printer", job.printer)),
             automatic ? trf("The print server is offline, so \"{title}\" was printed on "
                             "\"{printer}\". It will be accounted when the server is back.",
                             fmt::arg("title", job.title), fmt::arg("printer", job.printer))
                       : job.reason);
      return;
    }
    case transport::Outcome::kRejectedByDevice:
    case transport::Outcome::kAuthenticationRequired:
    case transport::Outcome::kFormatNotSupported:
      after_failed_print(job, rejected_by_device_message(job.printer, result), true);
      return;
    case transport::Outcome::kCancelled:
      // Stopped mid-send (daemon shutdown): it may have printed in part.
      job.state = JobState::kWaitingForChoice;
      job.prompt = PendingPrompt::kChoosePrinter;
      job.fallback_send_started = false;
      job.hold_until_retry = true;
      job.reason = may_have_printed_message(job.printer);
      if (auto done = save(job); done.ok()) emit_job(*done);
      return;
    default:
      after_failed_print(job, fallback_failed_message(job.printer, result), false);
      return;
  }
}

void ClientDaemon::after_failed_print(OutboxJob job, const std::string& message, bool rejected) {
  auto log = object_logger("job", job.uuid);
  log->warn("{}", message);
  job.fallback_send_started = false;
  job.reason = message;
  if (rejected) {
    // D7: the printer refused; the user may choose another.
    job.state = JobState::kRejectedByDevice;
    job.prompt = PendingPrompt::kChoosePrinter;
  } else {
    // Unreachable or timed out: another candidate, chosen by the user, or wait.
    const std::int64_t failed = job.printer_id.value_or(0);
    auto printers = probed_printers();
    std::erase_if(printers, [&](const CandidateView& c) { return c.printer_id == failed || !c.reachable; });
    job.state = printers.empty() ? JobState::kWaitingForServer : JobState::kWaitingForChoice;
    job.prompt = printers.empty() ? PendingPrompt::kNoCandidate : PendingPrompt::kChoosePrinter;
  }
  if (auto saved = save(job); saved.ok()) {
    emit_job(*saved);
    notify(*saved,
           rejected ? tr("The printer rejected the job") : tr("The printer did not take the job"),
           message);
    prompt(*saved);
  }
}

}  // namespace printline::client
