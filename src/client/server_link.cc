#include "client/server_link.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "client/upload_backoff.h"
#include "core/logging.h"

namespace printline::client {

namespace {

// D10's default answer timeout: a server that takes longer than this to answer a heartbeat
// is as good as down, even on a kept connection.
constexpr std::chrono::milliseconds kAnswerTimeout{5000};

std::shared_ptr<spdlog::logger> link_log() {
  return object_logger("server", "link");
}

}  // namespace

ServerLink::ServerLink(std::vector<api_client::ServerUrl> servers, ClientCache& cache,
                       std::chrono::milliseconds connect_timeout,
                       std::optional<std::chrono::milliseconds> heartbeat_override)
    : configured_(std::move(servers)),
      cache_(cache),
      heartbeat_override_(heartbeat_override),
      servers_(configured_),
      connect_timeout_(connect_timeout) {
  // A cached profile's addresses count from the start: the server may be down right now.
  if (const auto cached = cache_.snapshot(); cached.profile) {
    adopt_profile_addresses(cached.profile->profile);
  }
  rebuild_api(cache_.token(), connect_timeout);
}

bool ServerLink::adopt_profile_addresses(const model::ClientProfile& profile) {
  std::vector<api_client::ServerUrl> ordered;
  auto add = [&](const api_client::ServerUrl& url) {
    for (const auto& known : ordered) {
      if (known.to_string() == url.to_string()) return;
    }
    ordered.push_back(url);
  };
  if (auto from_profile = api_client::parse_server_urls(profile.server_addresses);
      from_profile.ok()) {
    for (const auto& url : *from_profile) add(url);
  } else {
    link_log()->warn("the profile's server addresses are not usable ({}); keeping {}",
                     from_profile.error().message, configured_.front().to_string());
  }
  for (const auto& url : configured_) add(url);
  std::lock_guard lock(mutex_);
  const bool same = ordered.size() == servers_.size() &&
                    std::equal(ordered.begin(), ordered.end(), servers_.begin(),
                               [](const auto& a, const auto& b) {
                                 return a.to_string() == b.to_string();
                               });
  if (!same) servers_ = std::move(ordered);
  return !same;
}

std::vector<api_client::ServerUrl> ServerLink::servers() const {
  std::lock_guard lock(mutex_);
  return servers_;
}

ServerLink::~ServerLink() { stop(); }

void ServerLink::rebuild_api(const std::string& token, std::chrono::milliseconds connect_timeout) {
  api_client::ClientOptions options;
  options.token = token;
  options.connect_timeout = connect_timeout;
  options.read_timeout = std::chrono::seconds(30);
  options.read_answer_timeout = kAnswerTimeout;
  const TlsTrust now_trusted = trust();
  options.ca_cert_file = now_trusted.ca_file;
  options.pinned_certificates = now_trusted.pinned;
  auto api = std::make_shared<const api_client::ApiClient>(servers(), options);
  std::lock_guard lock(mutex_);
  api_ = std::move(api);
  connect_timeout_ = connect_timeout;
}

void ServerLink::reload_token() { rebuild_api(cache_.token(), connect_timeout()); }

void ServerLink::set_trust(TlsTrust trust) {
  {
    std::lock_guard lock(mutex_);
    trust_ = std::move(trust);
  }
  reload_token();
}

TlsTrust ServerLink::trust() const {
  std::lock_guard lock(mutex_);
  return trust_;
}

std::shared_ptr<const api_client::ApiClient> ServerLink::api() const {
  std::lock_guard lock(mutex_);
  return api_;
}

std::chrono::milliseconds ServerLink::connect_timeout() const {
  std::lock_guard lock(mutex_);
  return connect_timeout_;
}

LinkState ServerLink::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool ServerLink::known_offline() const {
  std::lock_guard lock(mutex_);
  return state_.known && !state_.online;
}

bool ServerLink::set_online(bool online, const std::string& server, const std::string& error) {
  LinkState now;
  bool flipped = false;
  {
    std::lock_guard lock(mutex_);
    flipped = update_state_locked(online, server, error);
    now = state_;
  }
  if (flipped && on_change_) on_change_(now);
  return flipped;
}

bool ServerLink::update_state_locked(bool online, const std::string& server,
                                     const std::string& error) {
  const bool changed = !state_.known || state_.online != online;
  state_.known = true;
  state_.online = online;
  if (!server.empty()) state_.server = server;
  if (online) {
    state_.last_contact = model::now_seconds();
    state_.last_error.clear();
  } else {
    state_.last_error = error;
    catalog_stale_ = true;  // refetch everything once it answers again
  }
  if (changed) {
    if (online) {
      link_log()->info("server {} answers: online", state_.server);
    } else {
      link_log()->warn("offline: {}", error);
    }
  }
  return changed;
}

void ServerLink::record_failure(const std::string& why) { set_online(false, "", why); }
void ServerLink::record_success(const std::string& server) { set_online(true, server, ""); }

std::chrono::milliseconds ServerLink::interval() const {
  if (heartbeat_override_) return *heartbeat_override_;
  const auto snapshot = cache_.snapshot();
  if (snapshot.profile && snapshot.profile->profile.heartbeat_interval.count() > 0) {
    return snapshot.profile->profile.heartbeat_interval;
  }
  return std::chrono::seconds(10);  // D1 default
}

void ServerLink::refresh_catalog(const api_client::ApiClient& api) {
  auto printers = api_client::list_printers(api);
  auto prices = api_client::fetch_price_list(api);
  bool complete = true;
  if (printers.ok()) {
    (void)cache_.set_printers(std::move(*printers));
  } else {
    complete = false;
  }
  if (prices.ok()) {
    (void)cache_.set_prices(*prices);
  } else {
    complete = false;
  }
  std::lock_guard lock(mutex_);
  catalog_stale_ = !complete;
}

bool ServerLink::beat() {
  auto current = api();
  if (current->token().empty()) {
    // Without a token only reachability can be checked: /me answers 401 when the server is up.
    auto answer = api_client::me(*current);
    if (!answer.ok() && answer.error().unreachable()) {
      set_online(false, "", api_client::describe(answer.error()));
      return false;
    }
    set_online(true, answer.ok() ? "" : answer.error().server, "");
    return true;
  }
  const auto cached = cache_.snapshot();
  const std::string etag = cached.profile ? cached.profile->etag : "";
  auto profile = api_client::fetch_profile(*current, etag);
  if (!profile.ok()) {
    const auto& error = profile.error();
    if (error.unreachable()) {
      set_online(false, "", api_client::describe(error));
      return false;
    }
    // Up, but it refused: an expired token or no profile for this user.
    set_online(true, error.server, "");
    std::lock_guard lock(mutex_);
    state_.last_error = error.unauthenticated()
                            ? "The server does not accept the stored login any more: log in "
                              "again with `printline login`."
                            : api_client::describe(error);
    return true;
  }
  set_online(true, current->preferred_server().to_string(), "");
  bool stale = false;
  {
    std::lock_guard lock(mutex_);
    stale = catalog_stale_;
  }
  if (!profile->not_modified) {
    link_log()->info("profile \"{}\" version {} fetched", profile->profile.name,
                     profile->profile.version);
    (void)cache_.set_profile(*profile);
    stale = true;
    const bool addresses_changed = adopt_profile_addresses(profile->profile);
    const bool timeout_changed =
        !heartbeat_override_ && profile->profile.connect_timeout != connect_timeout();
    if (addresses_changed || timeout_changed) {
      rebuild_api(current->token(), timeout_changed ? profile->profile.connect_timeout
                                                    : connect_timeout());
    }
  }
  if (auto me = api_client::me(*current); me.ok()) (void)cache_.set_me(*me);
  if (stale) refresh_catalog(*current);
  return true;
}

api_client::ApiResult<api_client::LoginAnswer> ServerLink::login(const std::string& login,
                                                                 const std::string& password) {
  auto answer = api_client::login(*api(), login, password);
  if (!answer.ok()) {
    if (answer.error().unreachable()) record_failure(api_client::describe(answer.error()));
    return answer;
  }
  if (auto stored = cache_.set_token(answer->token); !stored.ok()) {
    api_client::ApiError error;
    error.kind = api_client::FailureKind::kBadAnswer;
    error.code = "state";
    error.message = stored.error().message;
    return error;
  }
  rebuild_api(answer->token, connect_timeout());
  {
    std::lock_guard lock(mutex_);
    catalog_stale_ = true;
  }
  beat();
  return answer;
}

void ServerLink::on_change(std::function<void(const LinkState&)> listener) {
  on_change_ = std::move(listener);
}

void ServerLink::start(std::function<void(bool, bool)> on_beat) {
  on_beat_ = std::move(on_beat);
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void ServerLink::stop() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ServerLink::beat_now() {
  {
    std::lock_guard lock(wake_mutex_);
    wake_requested_ = true;
  }
  wake_.notify_all();
}

void ServerLink::beat_after(std::chrono::milliseconds delay) {
  {
    std::lock_guard lock(wake_mutex_);
    const auto at = std::chrono::steady_clock::now() + delay;
    if (!early_beat_ || at < *early_beat_) early_beat_ = at;
  }
  wake_.notify_all();
}

void ServerLink::run() {
  using Clock = std::chrono::steady_clock;
  // The second beat at a random phase, then on a fixed grid from it: a beat that takes long
  // (a connect timeout) does not move the following ones towards other clients' beats.
  Clock::time_point next = Clock::now() + random_phase(interval());
  for (;;) {
    const bool was_online = state().online && state().known;
    const bool online = beat();
    if (on_beat_) on_beat_(online, online != was_online);
    const auto now = Clock::now();
    if (next <= now) {
      const auto step = interval();
      next += step * ((now - next) / step + 1);
    }
    std::unique_lock lock(wake_mutex_);
    for (;;) {
      if (stopping_) return;
      if (wake_requested_) break;
      const Clock::time_point until = early_beat_ ? std::min(next, *early_beat_) : next;
      if (Clock::now() >= until) break;
      wake_.wait_until(lock, until);
    }
    wake_requested_ = false;
    early_beat_.reset();
  }
}

}  // namespace printline::client
