// The job pipeline: intake (spool, analyse, price, record), the print workers with failover
// and retries, release, cancel, and the restart rule. See job_service.h and docs/server.md.
//
// A hold queue's job is acknowledged before it is analysed: it is spooled with a durable "not
// analysed yet" mark (job_spool.h), recorded as held, and analysed and priced afterwards by a
// low-priority analyser thread. Nothing unanalysed is released, checked for credit, printed or
// charged: release and the print workers analyse a still-marked job first, synchronously, and
// every start queues the marked jobs for analysis again.

#include "server/job_service.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <thread>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/document_format.h"
#include "core/crash_point.h"
#include "core/job_uuid.h"
#include "core/logging.h"
#include "model/affordability.h"
#include "model/pricing.h"
#include "server/job_counts.h"
#include "server/job_delivery.h"
#include "server/job_spool.h"
#include "server/job_targets.h"
#include "server/node_watch.h"

namespace printline::server {
namespace {

using model::Job;
using model::JobState;

constexpr std::string_view kInterruptedReason =
    "The server stopped while sending this job, so it may or may not have printed; release it "
    "again to print.";

// Retry a job whose printers were all unreachable or busy after 1, 2, 4 … 15 s, for about
// five minutes; then hold it so a person decides.
constexpr int kMaxDeliveryRounds = 24;
std::chrono::seconds retry_delay(int round) {
  return std::chrono::seconds(std::min(15, 1 << std::min(round, 4)));
}

bool is_admin(const model::User& user) { return user.role == model::Role::kAdmin; }

// "not enough credit: …" → "Not enough credit: … ."
std::string sentence(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(text[0]));
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

JobError not_found(std::string_view uuid) {
  return JobError{JobErrorKind::kNotFound, fmt::format("There is no job {}.", uuid)};
}

void drain(transport::DocumentSource& document) {
  std::array<char, 64 * 1024> buffer{};
  while (true) {
    auto got = document.read(buffer);
    if (!got.ok() || *got == 0) return;
  }
}

class PipelineJobService final : public JobService {
 public:
  PipelineJobService(const ServerConfig& config, store::Store& store)
      : config_(config),
        store_(store),
        spool_(config.spool_dir()),
        node_watch_(store, config.node_identity(),
                    std::chrono::seconds(config.node_heartbeat_seconds),
                    std::string(kInterruptedReason)) {}

  ~PipelineJobService() override { shutdown(); }

  // Holds what this server's previous run (and stopped nodes) left printing, then queues every
  // pending job: its claim decides which server sharing the database prints it.
  Result<bool> resume() {
    if (auto taken = node_watch_.take_over_at_start(); !taken.ok()) return taken.error();
    return queue_pending_jobs();
  }

  Result<bool> queue_pending_jobs() {
    std::vector<std::string> pending;
    for (int offset = 0;; offset += 500) {
      store::JobFilter filter;
      filter.state = JobState::kPending;
      filter.limit = 500;
      filter.offset = offset;
      auto page = store_.list_jobs(filter);
      if (!page.ok()) return page.error();
      for (const auto& job : *page) pending.push_back(job.uuid);
      if (page->size() < 500) break;
    }
    std::reverse(pending.begin(), pending.end());  // oldest first
    std::lock_guard lock(mutex_);
    for (auto& uuid : pending) {
      if (std::find(work_.begin(), work_.end(), uuid) != work_.end()) continue;
      object_logger("job", uuid)->info("queued to print");
      work_.push_back(std::move(uuid));
    }
    work_ready_.notify_all();
    return true;
  }

  void start_workers() {
    const int count = std::max(1, config_.print_workers);
    for (int i = 0; i < count; ++i) workers_.emplace_back([this] { work(); });
    analyser_ = std::thread([this] { analyse_in_background(); });
    node_watch_.start([this] {
      if (auto queued = queue_pending_jobs(); !queued.ok()) {
        object_logger("node", node_watch_.node_name())
            ->error("cannot queue the pending jobs of a stopped server: {}",
                    queued.error().message);
      }
    });
  }

  // Queues every job a previous run acknowledged but did not analyse.
  void resume_analysis() {
    auto marked = spool_.list_unanalysed();
    if (marked.empty()) return;
    std::lock_guard lock(mutex_);
    for (auto& uuid : marked) {
      object_logger("job", uuid)->info("not analysed yet: queued for analysis after restart");
      to_analyse_.push_back(std::move(uuid));
    }
  }

  JobResult<store::RecordedJob> submit(const JobSubmission& submission,
                                       transport::DocumentSource& document) override {
    std::string uuid = submission.uuid.empty() ? new_job_uuid() : submission.uuid;
    std::transform(uuid.begin(), uuid.end(), uuid.begin(), ::tolower);
    if (!is_valid_job_uuid(uuid)) {
      return JobError{JobErrorKind::kInvalidUuid,
                      fmt::format("\"{}\" is not a job UUID (like 1b4e28ba-2fa1-4d2b-a3f6-"
                                  "0123456789ab).",
                                  submission.uuid)};
    }
    UuidClaim claim(*this, claimed_, claims_done_, uuid);  // one submission per UUID
    auto existing = store_.find_job(uuid);
    if (!existing.ok()) return server_failure(existing.error());
    if (*existing) {
      drain(document);
      if ((*existing)->owner_id != submission.owner.id) {
        // Never reveal or touch another user's job through its UUID.
        return JobError{JobErrorKind::kUuidTaken,
                        fmt::format("The job UUID {} is already used by another job; the client "
                                    "must give every job a new UUID.",
                                    uuid)};
      }
      // D6: the same job again; its new copy of the document is discarded unread.
      object_logger("job", uuid)
          ->info("submitted again by {}: nothing printed or charged", submission.owner.login);
      return store::RecordedJob{**existing, true, false};
    }
    auto queue = store_.find_queue_by_name(submission.queue_name);
    if (!queue.ok()) return server_failure(queue.error());
    if (!*queue) {
      return JobError{JobErrorKind::kNoSuchQueue,
                      fmt::format("There is no queue named {}.", submission.queue_name)};
    }
    auto targets = printers_for(store_, **queue, std::nullopt);
    if (!targets.ok()) return server_failure(targets.error());

    auto log = object_logger("job", uuid);
    if ((*queue)->kind == model::QueueKind::kHold) {
      return submit_unanalysed(submission, uuid, **queue, document);
    }
    auto bytes = spool_.write(uuid, document, config_.max_upload_bytes);
    if (!bytes.ok()) return bytes.error();  // already a JobError with its kind
    auto analysis = analysis::analyze_file(spool_.path_of(uuid));
    if (!analysis.ok()) {
      spool_.remove(uuid);
      return JobError{JobErrorKind::kUnprintable,
                      fmt::format("The document cannot be printed: {}", analysis.error().message)};
    }
    auto prices = store_.price_list();
    if (!prices.ok()) {
      spool_.remove(uuid);
      return server_failure(prices.error());
    }
    auto counting = count_job(*analysis, submission.ticket, *prices, any_color(*targets));
    if (!counting.ok()) {
      spool_.remove(uuid);
      return JobError{JobErrorKind::kNotPriced, counting.error().message};
    }

    Job job;
    job.uuid = uuid;
    job.owner_id = submission.owner.id;
    job.queue_id = (*queue)->id;
    job.state = JobState::kPending;
    job.title = submission.title;
    job.ticket = submission.ticket;
    job.document_format = std::string(analysis::format_mime_type(analysis->format));
    job.counts = counting->counts;
    job.cost_cents = counting->cost_cents;
    job.submitted_at = model::now_seconds();
    job.outcome = "Waiting for a printer.";
    auto recorded = record_spooled(job);
    if (!recorded.ok() || recorded->duplicate) return recorded;
    log->info("accepted from {} on queue {}: {} bytes, {} pages ({} colour) x{}, {} cents",
              submission.owner.login, (*queue)->name, *bytes, job.counts.pages,
              job.counts.color_pages, job.counts.copies, job.cost_cents);
    enqueue(uuid);
    return recorded;
  }

  JobResult<Job> release(std::string_view uuid, std::int64_t printer_id,
                         const model::User& by) override {
    {
      // Never release (or check credit for) a job not analysed yet: analyse it now.
      auto visible = visible_job(uuid, by);
      if (!visible.ok()) return visible.error();
      auto analysed = ensure_analysed(uuid);
      if (!analysed.ok()) return analysed.error();
    }
    std::unique_lock lock(mutex_);
    auto job = visible_job(uuid, by);
    if (!job.ok()) return job.error();
    if (job->state != JobState::kHeld) {
      return JobError{JobErrorKind::kNotPossible,
                      fmt::format("Job {} is not held (it is {}); only a held job can be released.",
                                  uuid, model::state_name(job->state))};
    }
    std::optional<std::int64_t> target;
    std::string where;
    bool prints_color = true;
    if (printer_id != 0) {
      auto printer = store_.find_printer(printer_id);
      if (!printer.ok()) return server_failure(printer.error());
      if (!*printer) {
        return JobError{JobErrorKind::kNoSuchPrinter,
                        fmt::format("There is no printer with id {}.", printer_id)};
      }
      target = printer_id;
      where = (*printer)->name;
      prints_color = (*printer)->color;
    } else {
      // 0: print on the job's own queue printers (a direct-queue job held for credit).
      auto queue = job->queue_id ? find_queue_by_id(store_, *job->queue_id)
                                 : Result<std::optional<model::PrintQueue>>(std::nullopt);
      if (!queue.ok()) return server_failure(queue.error());
      auto printers = *queue ? printers_for(store_, **queue, std::nullopt)
                             : Result<std::vector<model::Printer>>(std::vector<model::Printer>{});
      if (!printers.ok()) return server_failure(printers.error());
      if (printers->empty()) {
        return JobError{JobErrorKind::kNotPossible,
                        fmt::format("Choose a printer to release job {} to.", uuid)};
      }
      where = fmt::format("queue {}", (*queue)->name);
      prints_color = any_color(*printers);
    }
    // Held jobs were priced before their printer was known: price them for where they go, so
    // a colour job released to a mono printer costs the mono price (and is checked at it).
    auto repriced = reprice(*job, prints_color);
    if (!repriced.ok()) return repriced.error();
    *job = std::move(*repriced);
    auto affordable = check_credit(*job);
    if (!affordable.ok()) return server_failure(affordable.error());
    if (!affordable->allowed) {
      auto reason = sentence(affordable->reason);
      auto updated = store_.set_job_state(uuid, JobState::kHeld, std::nullopt, reason);
      if (!updated.ok()) return server_failure(updated.error());
      return JobError{JobErrorKind::kNotPossible, reason};
    }
    auto released = store_.set_job_state(
        uuid, JobState::kPending, target,
        fmt::format("Released to {} by {}; waiting for the printer.", where, by.login));
    if (!released.ok()) return server_failure(released.error());
    object_logger("job", uuid)->info("released to {} by {}", where, by.login);
    work_.push_back(std::string(uuid));
    work_ready_.notify_one();
    return *released;
  }

  JobResult<Job> cancel(std::string_view uuid, const model::User& by) override {
    std::unique_lock lock(mutex_);
    auto job = visible_job(uuid, by);
    if (!job.ok()) return job.error();
    if (job->state == JobState::kPrinted) {
      return JobError{
          JobErrorKind::kNotPossible,
          fmt::format("Job {} has already printed; it can no longer be cancelled.", uuid)};
    }
    if (job->state == JobState::kCancelled) return job;
    const std::string key(uuid);
    if (auto it = in_flight_.find(key); it != in_flight_.end()) {
      // Being sent: the worker stops the transport and records the cancellation.
      it->second->cancelled_by = by.login;
      it->second->flag.cancel();
      work_ready_.notify_all();  // wakes a worker waiting to retry
      in_flight_done_.wait_for(lock, std::chrono::seconds(30),
                               [&] { return !in_flight_.contains(key); });
      auto after = store_.find_job(uuid);
      if (!after.ok()) return server_failure(after.error());
      if (!*after) return not_found(uuid);
      if ((*after)->state == JobState::kPrinted) {
        return JobError{JobErrorKind::kNotPossible,
                        fmt::format("Job {} printed before it could be stopped.", uuid)};
      }
      return **after;
    }
    auto cancelled = store_.set_job_state(uuid, JobState::kCancelled, std::nullopt,
                                          fmt::format("Cancelled by {}.", by.login));
    if (!cancelled.ok()) return server_failure(cancelled.error());
    spool_.remove(uuid);
    object_logger("job", uuid)->info("cancelled by {}", by.login);
    return *cancelled;
  }

  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && workers_.empty()) return;
      stopping_ = true;
    }
    work_ready_.notify_all();
    analyse_ready_.notify_all();
    node_watch_.stop();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
    if (analyser_.joinable()) analyser_.join();  // jobs left marked are analysed next start
  }

 private:
  struct InFlight {
    transport::CancelFlag flag;
    std::string cancelled_by;
  };

  // Holds one UUID in `held` until destroyed; another claim of the same UUID waits, other
  // UUIDs do not. Used for one submission of a UUID at a time in this process (the store's
  // UNIQUE constraint settles races between processes) and for one analysis of a job at a
  // time (the analyser thread, a release, a print worker; the analyser may be starved at
  // nice 19).
  class UuidClaim {
   public:
    UuidClaim(PipelineJobService& service, std::set<std::string>& held,
              std::condition_variable& released, std::string uuid)
        : service_(service), held_(held), released_(released), uuid_(std::move(uuid)) {
      std::unique_lock lock(service_.mutex_);
      released_.wait(lock, [&] { return !held_.contains(uuid_); });
      held_.insert(uuid_);
    }
    ~UuidClaim() {
      {
        std::lock_guard lock(service_.mutex_);
        held_.erase(uuid_);
      }
      released_.notify_all();
    }
    UuidClaim(const UuidClaim&) = delete;
    UuidClaim& operator=(const UuidClaim&) = delete;

   private:
    PipelineJobService& service_;
    std::set<std::string>& held_;
    std::condition_variable& released_;
    std::string uuid_;
  };

  // A hold queue's job: spooled with its "not analysed yet" mark, recorded as held with the
  // submitter's copies and nothing to pay yet, acknowledged; the analyser prices it later.
  JobResult<store::RecordedJob> submit_unanalysed(const JobSubmission& submission,
                                                  const std::string& uuid,
                                                  const model::PrintQueue& queue,
                                                  transport::DocumentSource& document) {
    auto log = object_logger("job", uuid);
    auto bytes =
        spool_.write(uuid, document, config_.max_upload_bytes, UnanalysedMark{});
    if (!bytes.ok()) return bytes.error();
    // What is not a document at all is refused at once, as the analysis would: only the first
    // bytes are read here (the format), the pages and colours come later.
    if (auto refused = unrecognised_format(uuid)) {
      spool_.remove(uuid);
      return JobError{JobErrorKind::kUnprintable,
                      fmt::format("The document cannot be printed: {}", *refused)};
    }
    Job job;
    job.uuid = uuid;
    job.owner_id = submission.owner.id;
    job.queue_id = queue.id;
    job.state = JobState::kHeld;
    job.title = submission.title;
    job.ticket = submission.ticket;
    job.counts.pages = 0;
    job.counts.color_pages = 0;
    job.counts.copies = submission.ticket.copies;
    job.counts.duplex = submission.ticket.sides.value_or(model::Sides::kOneSided) !=
                        model::Sides::kOneSided;
    job.cost_cents = 0;
    job.submitted_at = model::now_seconds();
    job.outcome = "Held until you release it to a printer.";
    auto recorded = record_spooled(job);
    if (!recorded.ok() || recorded->duplicate) return recorded;
    log->info("accepted from {} on queue {}: {} bytes x{}, to be analysed", submission.owner.login,
              queue.name, *bytes, job.counts.copies);
    {
      std::lock_guard lock(mutex_);
      to_analyse_.push_back(uuid);
    }
    analyse_ready_.notify_one();
    return recorded;
  }

  // Records a job whose document is spooled; if that fails, the document goes. A duplicate
  // (another server process sharing the database recorded the UUID first) leaves the document,
  // that server's copy, while the job is unfinished.
  JobResult<store::RecordedJob> record_spooled(const Job& job) {
    auto recorded = store_.record_job(job);
    if (!recorded.ok()) {
      spool_.remove(job.uuid);
      return server_failure(recorded.error());
    }
    if (recorded->duplicate) {
      const auto state = recorded->job.state;
      if (state == JobState::kPrinted || state == JobState::kCancelled) spool_.remove(job.uuid);
      return *recorded;
    }
    crash_point("server.job-recorded");  // durable, the submitter not yet answered
    return *recorded;
  }

  // Why the spooled document is no document the analysis knows, judged from its first bytes.
  std::optional<std::string> unrecognised_format(std::string_view uuid) const {
    std::array<char, 64 * 1024> head{};
    std::ifstream in(spool_.path_of(uuid), std::ios::binary);
    in.read(head.data(), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) return "The document is empty (0 bytes): there is nothing to print.";
    if (analysis::detect_format(std::span<const char>(head.data(), got)).format ==
        analysis::DocumentFormat::kUnknown) {
      return "The document's format is not recognised (it is not PDF, PostScript, PCL-XL, PCL 5 "
             "or plain text); print it from an application instead.";
    }
    return std::nullopt;
  }

  // The analyser thread: at the lowest CPU priority, so intake and printing come first.
  void analyse_in_background() {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
    while (true) {
      std::string uuid;
      {
        std::unique_lock lock(mutex_);
        analyse_ready_.wait(lock, [&] { return stopping_ || !to_analyse_.empty(); });
        if (stopping_) return;
        uuid = std::move(to_analyse_.front());
        to_analyse_.pop_front();
      }
      auto analysed = ensure_analysed(uuid);
      if (!analysed.ok() && analysed.error().kind != JobErrorKind::kUnprintable) {
        object_logger("job", uuid)->warn("not analysed: {}", analysed.error().message);
      }
    }
  }

  // Analyses and prices a job still marked "not analysed yet", then clears the mark; nothing
  // when it is not marked. A document the analysis cannot read fails the job with the reason
  // (kUnprintable). Call without mutex_ held.
  JobResult<bool> ensure_analysed(std::string_view uuid) {
    if (!spool_.unanalysed(uuid)) return true;  // the common case: analysed long ago
    UuidClaim claim(*this, analysing_, analysed_, std::string(uuid));  // one analysis
    auto mark = spool_.unanalysed(uuid);
    if (!mark) return true;
    auto log = object_logger("job", uuid);
    auto found = store_.find_job(uuid);
    if (!found.ok()) return server_failure(found.error());
    if (!*found) return true;  // not recorded (the server stopped before): nothing to price
    const auto waiting = [](JobState state) {
      return state == JobState::kHeld || state == JobState::kPending;
    };
    if (!waiting((*found)->state)) {
      spool_.clear_unanalysed(uuid);
      return true;
    }
    auto analysis = analysis::analyze_file(spool_.path_of(uuid));
    if (!analysis.ok()) {
      auto now = store_.find_job(uuid);
      if (!now.ok()) return server_failure(now.error());
      if (!*now || !waiting((*now)->state)) return true;  // cancelled meanwhile
      auto reason = fmt::format("The document cannot be printed: {}", analysis.error().message);
      log->warn("failed: {}", reason);
      auto failed = store_.set_job_state(uuid, JobState::kFailed, std::nullopt, reason);
      if (!failed.ok()) return server_failure(failed.error());
      spool_.remove(uuid);
      return JobError{JobErrorKind::kUnprintable, reason};
    }
    auto prices = store_.price_list();
    if (!prices.ok()) return server_failure(prices.error());
    bool color = true;
    if ((*found)->queue_id) {
      auto queue = find_queue_by_id(store_, *(*found)->queue_id);
      if (queue.ok() && *queue) {
        auto targets = printers_for(store_, **queue, std::nullopt);
        if (targets.ok()) color = any_color(*targets);
      }
    }
    // The stored ticket; a job recorded before tickets were kept has its copies in its counts
    // and its sides in the spool's mark.
    auto ticket = (*found)->ticket;
    if (ticket.copies == 1 && (*found)->counts.copies > 1)
      ticket.copies = static_cast<int>(std::min<std::int64_t>((*found)->counts.copies,
                                                               model::kMaxCopies));
    if (!ticket.sides && mark->duplex)
      ticket.sides = *mark->duplex ? model::Sides::kTwoSidedLongEdge : model::Sides::kOneSided;
    auto counting = count_job(*analysis, ticket, *prices, color);
    if (!counting.ok()) return JobError{JobErrorKind::kNotPriced, counting.error().message};
    auto priced = store_.set_job_price(uuid, counting->counts, counting->cost_cents,
                                       analysis::format_mime_type(analysis->format));
    if (!priced.ok()) return server_failure(priced.error());
    spool_.clear_unanalysed(uuid);
    log->info("analysed: {} pages ({} colour) x{}, {} cents", counting->counts.pages,
              counting->counts.color_pages, counting->counts.copies, counting->cost_cents);
    return true;
  }

  void enqueue(std::string uuid) {
    {
      std::lock_guard lock(mutex_);
      work_.push_back(std::move(uuid));
    }
    work_ready_.notify_one();
  }

  // The job if `by` may see it; another user's job is "not found" (ids reveal nothing).
  JobResult<Job> visible_job(std::string_view uuid, const model::User& by) {
    auto job = store_.find_job(uuid);
    if (!job.ok()) return server_failure(job.error());
    if (!*job || ((*job)->owner_id != by.id && !is_admin(by))) return not_found(uuid);
    return **job;
  }

  // The job priced for a printer that prints colour or not; stored when the cost changes.
  JobResult<Job> reprice(const Job& job, bool prints_color) {
    auto prices = store_.price_list();
    if (!prices.ok()) return server_failure(prices.error());
    // A mono printer prints every side mono (D11): counted and priced so.
    const auto counts = model::counts_on_printer(job.counts, prints_color);
    auto cost = model::price_job(*prices, counts, prints_color);
    if (!cost.ok()) {
      return JobError{JobErrorKind::kNotPriced,
                      fmt::format("Job {} cannot be priced: {}. Ask an administrator to complete "
                                  "the price list.",
                                  job.uuid, cost.error().message)};
    }
    if (*cost == job.cost_cents && counts == job.counts) return job;
    auto updated = store_.set_job_price(job.uuid, counts, *cost);
    if (!updated.ok()) return server_failure(updated.error());
    object_logger("job", job.uuid)
        ->info("priced for a {} printer: {} cents (was {})", prints_color ? "colour" : "mono",
               *cost, job.cost_cents);
    return *updated;
  }

  // Can the owner pay for the job, counting what their jobs being sent will cost? Call with
  // mutex_ held.
  Result<model::Affordability> check_credit(const Job& job) {
    auto owner = store_.find_user(job.owner_id);
    if (!owner.ok()) return owner.error();
    if (!*owner) return Error{fmt::format("The owner of job {} no longer exists.", job.uuid)};
    return model::can_afford(**owner, job.cost_cents, job.counts.total_pages(),
                             model::now_seconds(), reserved_[job.owner_id]);
  }

  void work() {
    while (true) {
      std::string uuid;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !work_.empty(); });
        if (stopping_) return;  // queued jobs stay pending in the store: resumed next start
        uuid = std::move(work_.front());
        work_.pop_front();
      }
      print(uuid);
    }
  }

  // Takes a pending job to printed, held (credit, refusals, interrupted retries) or cancelled.
  void print(const std::string& uuid) {
    auto log = object_logger("job", uuid);
    if (auto analysed = ensure_analysed(uuid); !analysed.ok()) {
      if (analysed.error().kind != JobErrorKind::kUnprintable) {
        log->info("held: {}", analysed.error().message);
        record(uuid, JobState::kHeld, std::nullopt, analysed.error().message);
      }
      return;  // never sent or charged unanalysed
    }
    std::shared_ptr<InFlight> in_flight;
    Job job;
    {
      std::lock_guard lock(mutex_);
      auto found = store_.find_job(uuid);
      if (!found.ok()) {
        log->error("cannot load the job: {}", found.error().message);
        return;
      }
      if (!*found || (*found)->state != JobState::kPending) return;  // cancelled meanwhile
      job = **found;
      auto affordable = check_credit(job);
      if (!affordable.ok() || !affordable->allowed) {
        auto reason = affordable.ok() ? sentence(affordable->reason) +
                                            " Top up or ask an "
                                            "administrator, then release the job."
                                      : affordable.error().message;
        log->info("held: {}", reason);
        record(uuid, JobState::kHeld, std::nullopt, reason);
        return;
      }
      // Another server process on the same database may hold this job in its queue too;
      // only the one that moves it from pending prints it.
      auto claimed = store_.claim_pending_job(uuid, "Sending to the printer.",
                                              node_watch_.node_name());
      if (!claimed.ok()) {
        log->error("cannot claim the job: {}", claimed.error().message);
        return;
      }
      if (!*claimed) return;  // taken meanwhile (another server, or cancelled)
      auto& reserved = reserved_[job.owner_id];
      reserved.cost_cents += job.cost_cents;
      reserved.pages += job.counts.total_pages();
      in_flight = std::make_shared<InFlight>();
      in_flight_[uuid] = in_flight;
    }
    deliver_with_retries(job, *in_flight);
    {
      std::lock_guard lock(mutex_);
      auto& reserved = reserved_[job.owner_id];
      reserved.cost_cents -= job.cost_cents;
      reserved.pages -= job.counts.total_pages();
      in_flight_.erase(uuid);
    }
    in_flight_done_.notify_all();
  }

  void deliver_with_retries(const Job& job, InFlight& in_flight) {
    auto log = object_logger("job", job.uuid);
    std::vector<model::Printer> printers;
    auto queue = job.queue_id ? find_queue_by_id(store_, *job.queue_id)
                              : Result<std::optional<model::PrintQueue>>(std::nullopt);
    if (queue.ok() && *queue) {
      auto found = printers_for(store_, **queue, job.printer_id);
      if (!found.ok()) {
        record(job.uuid, JobState::kHeld, std::nullopt, found.error().message);
        return;
      }
      printers = std::move(*found);
    } else if (job.printer_id) {
      auto printer = store_.find_printer(*job.printer_id);
      if (printer.ok() && *printer) printers.push_back(**printer);
    }
    if (printers.empty()) {
      record(job.uuid, JobState::kHeld, std::nullopt,
             "The job has no printer to print on; release it to a printer.");
      return;
    }
    auto owner = store_.find_user(job.owner_id);
    transport::SendOptions options;
    options.job_uuid = job.uuid;
    options.user = owner.ok() && *owner ? (*owner)->login : "";
    options.title = job.title;
    options.ticket.copies = static_cast<int>(job.counts.copies);
    options.cancel = &in_flight.flag;
    {
      analysis::AnalyzeOptions quick;
      quick.allow_ghostscript = false;
      auto head = analysis::analyze_file(spool_.path_of(job.uuid), quick);
      if (head.ok()) options.document_format = analysis::format_mime_type(head->format);
    }
    for (int round = 0;; ++round) {
      auto report = deliver(printers, spool_.path_of(job.uuid), options);
      if (report.printed_on) {
        log->info("printed on {}", report.printed_on->name);
        record(job.uuid, JobState::kPrinted, report.printed_on->id, report.message);
        spool_.remove(job.uuid);
        return;
      }
      if (report.cancelled || in_flight.flag.cancelled()) return cancelled(job, in_flight);
      if (!report.worth_retrying || round + 1 >= kMaxDeliveryRounds) {
        auto reason = report.message + " Release the job again to print it.";
        log->warn("held: {}", reason);
        record(job.uuid, JobState::kHeld, std::nullopt, reason);
        return;
      }
      const auto delay = retry_delay(round);
      record(job.uuid, JobState::kPending, std::nullopt,
             fmt::format("{} Trying again in {} s.", report.message, delay.count()));
      std::unique_lock lock(mutex_);
      work_ready_.wait_for(lock, delay, [&] { return stopping_ || in_flight.flag.cancelled(); });
      if (in_flight.flag.cancelled()) {
        lock.unlock();
        return cancelled(job, in_flight);
      }
      if (stopping_) return;  // left pending: the next start resumes it
      lock.unlock();
      // While it waited pending, another server sharing the database may have claimed it.
      auto claimed = store_.claim_pending_job(job.uuid, "Sending to the printer.",
                                              node_watch_.node_name());
      if (!claimed.ok() || !*claimed) {
        log->info("not retried here: {}", claimed.ok() ? "another server took it, or it changed"
                                                       : claimed.error().message);
        return;
      }
    }
  }

  void cancelled(const Job& job, const InFlight& in_flight) {
    object_logger("job", job.uuid)->info("cancelled by {} while sending", in_flight.cancelled_by);
    record(job.uuid, JobState::kCancelled, std::nullopt,
           fmt::format("Cancelled by {}.", in_flight.cancelled_by));
    spool_.remove(job.uuid);
  }

  void record(std::string_view uuid, JobState state, std::optional<std::int64_t> printer_id,
              std::string_view outcome) {
    auto updated = store_.set_job_state(uuid, state, printer_id, outcome);
    if (!updated.ok()) {
      object_logger("job", uuid)
          ->error("cannot record state {}: {}", model::state_name(state), updated.error().message);
    }
  }

  const ServerConfig config_;
  store::Store& store_;
  const JobSpool spool_;
  NodeWatch node_watch_;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable analyse_ready_;
  std::deque<std::string> to_analyse_;
  std::thread analyser_;
  std::condition_variable in_flight_done_;
  std::condition_variable claims_done_;
  std::deque<std::string> work_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::map<std::string, std::shared_ptr<InFlight>> in_flight_;
  std::map<std::int64_t, model::UnsyncedSpending> reserved_;  // jobs being sent, per owner
  std::set<std::string> claimed_;
  std::condition_variable analysed_;
  std::set<std::string> analysing_;  // UUIDs being analysed
};

}  // namespace

Result<std::unique_ptr<JobService>> JobService::start(const ServerConfig& config,
                                                      store::Store& store) {
  std::error_code error;
  std::filesystem::create_directories(config.spool_dir(), error);
  if (error) {
    return Error{fmt::format("Cannot create the spool directory {}: {}.",
                             config.spool_dir().string(), error.message())};
  }
  if (auto prepared = JobSpool(config.spool_dir()).prepare(); !prepared.ok()) {
    return prepared.error();
  }
  auto service = std::make_unique<PipelineJobService>(config, store);
  if (auto resumed = service->resume(); !resumed.ok()) return resumed.error();
  service->resume_analysis();
  service->start_workers();
  return std::unique_ptr<JobService>(std::move(service));
}

}  // namespace printline::server
