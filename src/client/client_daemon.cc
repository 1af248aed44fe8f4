#include "client/client_daemon.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "analysis/document_format.h"
#include "client/candidate_filter.h"
#include "client/fallback_printing.h"
#include "client/private_state.h"
#include "client/quota_text.h"
#include "client/server_trust.h"
#include "core/crash_point.h"
#include "core/i18n.h"
#include "core/job_uuid.h"
#include "core/logging.h"

namespace printline::client {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The MIME type to submit: the submitter's, unless it is missing or generic.
std::string document_format_of(const std::string& given, const std::filesystem::path& document) {
  if (!given.empty() && given != "application/octet-stream") return given;
  std::array<char, 8192> head{};
  std::FILE* file = std::fopen(document.c_str(), "rb");
  if (!file) return "application/octet-stream";
  const std::size_t got = std::fread(head.data(), 1, head.size(), file);
  std::fclose(file);
  auto detected = analysis::detect_format(std::span<const char>(head.data(), got));
  if (detected.format == analysis::DocumentFormat::kUnknown) return "application/octet-stream";
  return std::string(analysis::format_mime_type(detected.format));
}

}  // namespace

Result<std::unique_ptr<ClientDaemon>> ClientDaemon::open(const ClientConfig& config) {
  if (auto problem = validate(config)) return *problem;
  auto servers = api_client::parse_server_urls(config.servers);
  if (!servers.ok()) return servers.error();
  if (auto made = ensure_directory(config.state_dir); !made.ok()) return made.error();
  if (auto made = make_state_private(config.state_dir); !made.ok()) return made.error();
  auto trust = load_server_trust(config.state_dir, config.ca_cert_file);
  if (!trust.ok()) return trust.error();
  auto outbox = OutboxStore::open(config.state_dir);
  if (!outbox.ok()) return outbox.error();
  std::unique_ptr<ClientDaemon> daemon(
      new ClientDaemon(config, std::move(*outbox), std::move(*servers)));
  daemon->link_.set_trust(daemon->trust_with_config_pins(*trust));
  daemon->recover_without_server();
  return daemon;
}

ClientDaemon::ClientDaemon(ClientConfig config, std::unique_ptr<OutboxStore> outbox,
                           std::vector<api_client::ServerUrl> servers)
    : config_(std::move(config)),
      outbox_(std::move(outbox)),
      cache_(config_.state_dir),
      link_(std::move(servers), cache_, config_.connect_timeout, config_.heartbeat_interval),
      spool_dir_(config_.state_dir / "spool") {
  if (auto loaded = cache_.load(); !loaded.ok()) spdlog::warn("{}", loaded.error().message);
  link_.reload_token();
  if (auto identity = load_client_identity(config_.state_dir); identity.ok()) {
    reporter_.emplace(std::move(*identity));
  } else {
    spdlog::warn("this client cannot keep its id in {} ({}), so the server's dashboard will not "
                 "list it: check that the directory is writable",
                 config_.state_dir.string(), identity.error().message);
  }
}

ClientDaemon::~ClientDaemon() { stop(); }

void ClientDaemon::start() {
  {
    std::lock_guard lock(wake_mutex_);
    if (started_) return;
    started_ = true;
    stopping_ = false;
  }
  link_.on_change([this](const LinkState& state) {
    ClientEvent event;
    event.kind = ClientEvent::Kind::kOnlineChanged;
    (void)state;
    event.status = status();
    events_->emit(event);
    wake_worker();
  });
  worker_ = std::thread([this] { work(); });
  link_.start([this](bool online, bool changed) { on_beat(online, changed); });
}

void ClientDaemon::stop() {
  {
    std::lock_guard lock(wake_mutex_);
    if (!started_) return;
    started_ = false;
    stopping_ = true;
  }
  send_cancel_.cancel();
  wake_.notify_all();
  link_.stop();
  if (worker_.joinable()) worker_.join();
}

void ClientDaemon::check_server_now() { link_.beat_now(); }

Result<OutboxJob> ClientDaemon::save(OutboxJob job) {
  auto saved = outbox_->update(std::move(job));
  if (!saved.ok()) spdlog::error("{}", saved.error().message);
  return saved;
}

void ClientDaemon::emit_job(const OutboxJob& job) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kJobChanged;
  event.job = job.view();
  events_->emit(event);
}

void ClientDaemon::notify(const OutboxJob& job, const std::string& title,
                          const std::string& message) {
  object_logger("job", job.uuid)->info("notification: {}: {}", title, message);
  ClientEvent event;
  event.kind = ClientEvent::Kind::kNotification;
  event.job = job.view();
  event.title = title;
  event.message = message;
  events_->emit(event);
}

ClientEvent ClientDaemon::prompt_event(const OutboxJob& job) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPrompt;
  event.job = job.view();
  event.message = job.reason;
  switch (job.prompt) {
    case PendingPrompt::kChoosePrinter:
      event.title = tr("Choose a printer");
      event.candidates = probed_printers();
      break;
    case PendingPrompt::kFallbackDisabled:
      event.title = tr("The print server is offline");
      break;
    case PendingPrompt::kNotEnoughCredit:
      event.title = tr("Not enough credit or quota");
      break;
    case PendingPrompt::kNoCandidate:
      event.title = tr("No fallback printer available");
      event.candidates = probed_printers();
      break;
    case PendingPrompt::kNone:
      break;
  }
  return event;
}

void ClientDaemon::prompt(const OutboxJob& job) {
  object_logger("job", job.uuid)->info("prompt ({}): {}", pending_prompt_name(job.prompt),
                                       job.reason);
  events_->emit(prompt_event(job));
}

void ClientDaemon::withdraw_prompt(const OutboxJob& job, const std::string& why) {
  ClientEvent event;
  event.kind = ClientEvent::Kind::kPromptWithdrawn;
  event.job = job.view();
  event.message = why;
  events_->emit(event);
}

std::vector<CandidateView> ClientDaemon::probed_printers() {
  const auto cache = cache_.snapshot();
  const auto local = outbox_->fallback_history();
  const auto history = printer_history(cache, local);
  std::optional<std::int64_t> last;
  if (!local.empty()) last = local.front();
  auto printers = profile_fallback_printers(cache, history, last);
  probe_candidates(printers, port_prober(config_.probe_timeout));
  return printers;
}

std::string ClientDaemon::user_login() const {
  const auto cache = cache_.snapshot();
  return cache.me ? cache.me->user.login : "";
}

Result<JobView> ClientDaemon::submit(const SubmitRequest& request,
                                     transport::DocumentSource& document) {
  OutboxJob job;
  job.uuid = new_job_uuid();
  job.title = request.title.empty() ? "Untitled" : request.title;
  // What the user asked (D11); a bare copies (older backends) is the ticket's copies.
  job.ticket = request.ticket;
  if (job.ticket.copies == 1 && request.copies > 1)
    job.ticket.copies = std::min(request.copies, model::kMaxCopies);
  job.copies = job.ticket.copies;
  job.submitted_by = request.submitted_by;
  job.document_format = request.document_format;
  // The format is decided from the spooled copy, before the record commits: the worker may
  // pick the job up the moment it exists.
  auto added = outbox_->add(job, document, [](OutboxJob& spooled, const std::filesystem::path& file) {
    spooled.document_format = document_format_of(spooled.document_format, file);
    crash_point("client.spooled");  // the document is on disk, its record not yet
  });
  if (!added.ok()) return added.error();
  crash_point("client.outbox-recorded");  // durable, the submitter not yet told
  object_logger("job", job.uuid)
      ->info("received from {}: \"{}\", {} bytes, {}", request.submitted_by, added->title,
             added->size_bytes, added->document_format);
  emit_job(*added);
  wake_worker();
  return added->view();
}

std::vector<JobView> ClientDaemon::jobs() const {
  std::vector<JobView> views;
  for (const auto& job : outbox_->all()) views.push_back(job.view());
  return views;
}

std::optional<JobView> ClientDaemon::job(const std::string& uuid) const {
  auto found = outbox_->find_by_prefix(uuid);
  if (!found.ok()) return std::nullopt;
  return found->view();
}

Result<OutboxJob> ClientDaemon::find_when_idle(std::unique_lock<std::mutex>& lock,
                                               const std::string& uuid) {
  auto found = outbox_->find_by_prefix(uuid);
  if (!found.ok() || found->uuid != busy_uuid_) return found;
  const std::string full = found->uuid;
  job_done_.wait_for(lock, std::chrono::seconds(2), [&] { return busy_uuid_ != full; });
  return outbox_->find_by_prefix(full);
}

Result<JobView> ClientDaemon::choose(const std::string& uuid, const std::string& printer) {
  std::unique_lock lock(jobs_mutex_);
  auto found = find_when_idle(lock, uuid);
  if (!found.ok()) return found.error();
  OutboxJob job = *found;
  if (job.uuid == busy_uuid_) {
    return Error{
        tr("The job is being sent right now: wait a moment and look at `printline jobs`.")};
  }
  const bool choosable = job.state == JobState::kWaitingForChoice ||
                         job.state == JobState::kRejectedByDevice ||
                         (job.state == JobState::kWaitingForServer &&
                          job.prompt == PendingPrompt::kNoCandidate);
  if (!choosable) {
    return Error{trf("Job {job} is {state}, not waiting for a printer choice.",
                     fmt::arg("job", job.uuid), fmt::arg("state", job_state_text(job.state)))};
  }
  const auto cache = cache_.snapshot();
  const auto history = printer_history(cache, outbox_->fallback_history());
  const auto printers = profile_fallback_printers(cache, history, std::nullopt);
  const CandidateView* chosen = nullptr;
  for (const auto& candidate : printers) {
    if (lower(candidate.name) == lower(printer) ||
        std::to_string(candidate.printer_id) == printer) {
      chosen = &candidate;
      break;
    }
  }
  if (!chosen) {
    std::string names;
    for (const auto& candidate : printers) names += (names.empty() ? "" : ", ") + candidate.name;
    return Error{fmt::format("\"{}\" is not a fallback printer of your profile. Choose one of: {}.",
                             printer, names.empty() ? "(none)" : names)};
  }
  job.state = JobState::kPrintingOnFallback;
  job.printer_id = chosen->printer_id;
  job.printer = chosen->name;
  job.target_uri = chosen->target_uri;
  job.may_be_counted_twice = chosen->may_be_counted_twice;
  job.fallback_send_started = false;
  job.hold_until_retry = false;
  job.prompt = PendingPrompt::kNone;
  job.reason = trf("You chose \"{printer}\": the job is being sent there.",
                   fmt::arg("printer", chosen->name));
  auto saved = save(job);
  if (!saved.ok()) return saved.error();
  object_logger("job", job.uuid)->info("the user chose \"{}\"", chosen->name);
  emit_job(*saved);
  wake_worker();
  return saved->view();
}

Result<JobView> ClientDaemon::cancel(const std::string& uuid) {
  std::unique_lock lock(jobs_mutex_);
  auto found = find_when_idle(lock, uuid);
  if (!found.ok()) return found.error();
  OutboxJob job = *found;
  if (job.uuid == busy_uuid_) {
    return Error{tr("The job is being sent right now and cannot be cancelled any more.")};
  }
  switch (job.state) {
    case JobState::kReceived:
    case JobState::kWaitingForChoice:
    case JobState::kWaitingForServer:
    case JobState::kHeldForCredit:
    case JobState::kRejectedByDevice:
      break;
    case JobState::kPrintingOnFallback:
      if (!job.fallback_send_started) break;
      [[fallthrough]];
    default:
      return Error{trf("Job {job} is {state} and can no longer be cancelled here.",
                       fmt::arg("job", job.uuid), fmt::arg("state", job_state_text(job.state)))};
  }
  const bool had_prompt = job.prompt != PendingPrompt::kNone;
  job.state = JobState::kCancelled;
  job.prompt = PendingPrompt::kNone;
  job.reason = tr("You cancelled the job; its document was deleted.");
  auto saved = save(job);
  if (!saved.ok()) return saved.error();
  if (auto removed = outbox_->remove_document(job.uuid); !removed.ok()) {
    spdlog::warn("{}", removed.error().message);
  }
  object_logger("job", job.uuid)->info("cancelled by the user");
  if (had_prompt) withdraw_prompt(*saved, tr("The job was cancelled."));
  emit_job(*saved);
  return saved->view();
}

Result<JobView> ClientDaemon::retry(const std::string& uuid) {
  std::unique_lock lock(jobs_mutex_);
  auto found = find_when_idle(lock, uuid);
  if (!found.ok()) return found.error();
  OutboxJob job = *found;
  if (job.uuid == busy_uuid_) {
    return Error{tr("The job is being sent right now: wait a moment.")};
  }
  switch (job.state) {
    case JobState::kWaitingForServer:
    case JobState::kWaitingForChoice:
    case JobState::kHeldForCredit:
    case JobState::kRejectedByDevice:
      break;
    default:
      return Error{trf("Job {job} is {state}: there is nothing to retry.",
                       fmt::arg("job", job.uuid), fmt::arg("state", job_state_text(job.state)))};
  }
  const bool had_prompt = job.prompt != PendingPrompt::kNone;
  job.state = JobState::kWaitingForServer;
  job.hold_until_retry = false;
  job.prompt = PendingPrompt::kNone;
  job.reason =
      tr("Kept in the outbox: it is sent to the print server as soon as the server answers.");
  auto saved = save(job);
  if (!saved.ok()) return saved.error();
  object_logger("job", job.uuid)->info("retry: waits for the server");
  if (had_prompt) withdraw_prompt(*saved, tr("The job waits for the server."));
  emit_job(*saved);
  wake_worker();
  return saved->view();
}

StatusView ClientDaemon::status() const {
  StatusView view;
  const auto link = link_.state();
  const auto cache = cache_.snapshot();
  view.online = link.known && link.online;
  view.server = link.server;
  view.last_contact = link.last_contact;
  view.last_error = link.last_error;
  view.logged_in = !cache_.token().empty();
  if (cache.me) {
    view.user_login = cache.me->user.login;
    view.user_name = cache.me->user.name;
    view.balance_cents = cache.me->balance_cents;
    view.currency = cache.me->currency;
    if (cache.me->quota) view.quota = quota_left_text(*cache.me->quota, view.currency);
  }
  if (cache.profile) {
    view.profile_name = cache.profile->profile.name;
    view.profile_version = cache.profile->profile.version;
    view.fallback_enabled = cache.profile->profile.fallback.enabled;
  }
  view.jobs_waiting_for_choice = static_cast<int>(outbox_->in_state(JobState::kWaitingForChoice).size());
  view.jobs_waiting_for_server = static_cast<int>(outbox_->in_state(JobState::kWaitingForServer).size());
  view.jobs_awaiting_accounting = static_cast<int>(outbox_->in_state(JobState::kPrintedOffline).size());
  return view;
}

TlsTrust ClientDaemon::trust_with_config_pins(TlsTrust trust) const {
  // An administrator's pins in the configuration; those accepted at `printline login` win.
  for (const auto& [address, fingerprint] : config_.pinned_certificates) {
    trust.pinned.emplace(address, fingerprint);
  }
  return trust;
}

Result<StatusView> ClientDaemon::login(const std::string& login, const std::string& password,
                                       const AcceptedCertificate& accepted) {
  if (!accepted.sha256.empty()) {
    // D13: the certificate the user accepted is the only one the password may go to.
    auto fingerprint = normalize_fingerprint(accepted.sha256);
    if (!fingerprint || accepted.address.empty()) {
      return Error{"The accepted server certificate is not a SHA-256 fingerprint of an address: "
                   "run `printline login` again."};
    }
    auto stored = load_server_trust(config_.state_dir, config_.ca_cert_file);
    if (!stored.ok()) return stored.error();
    stored->pinned[accepted.address] = *fingerprint;
    if (auto saved = save_server_pins(config_.state_dir, *stored); !saved.ok()) {
      return saved.error();
    }
    link_.set_trust(trust_with_config_pins(std::move(*stored)));
    spdlog::info("pinned the certificate of {} (SHA256 {})", accepted.address, *fingerprint);
  }
  auto answer = link_.login(login, password);
  if (!answer.ok()) {
    return Error{answer.error().unreachable()
                     ? fmt::format("The print server cannot be reached ({}): log in once it is "
                                   "back.",
                                   api_client::describe(answer.error()))
                     : api_client::describe(answer.error())};
  }
  spdlog::info("logged in as {}", login);
  wake_worker();
  return status();
}

std::vector<CandidateView> ClientDaemon::fallback_printers(const PrinterFilter& filter) {
  return filter_candidates(probed_printers(), filter);
}

std::unique_ptr<Subscription> ClientDaemon::subscribe(
    std::function<void(const ClientEvent&)> listener) {
  auto shared = std::make_shared<std::function<void(const ClientEvent&)>>(std::move(listener));
  auto subscription = events_->subscribe([shared](const ClientEvent& e) { (*shared)(e); });
  // D3: a new subscriber (the tray app started late, the CLI) sees every open question.
  for (const auto& job : outbox_->all()) {
    if (job.prompt != PendingPrompt::kNone) EventBus::deliver(*shared, prompt_event(job));
  }
  return subscription;
}

}  // namespace printline::client
