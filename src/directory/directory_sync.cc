#include "directory/directory_sync.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/ascii.h"
#include "directory/directory_listing.h"
#include "directory/ldap_connection.h"
#include "directory/sync_planner.h"

namespace printline::directory {

DirectorySync::DirectorySync(store::Store& store, std::vector<DirectorySource> sources)
    : store_(store), sources_(std::move(sources)) {
  for (const auto& source : sources_) {
    auto& status = states_[source.name].status;
    status.name = source.name;
    status.uri = source.uri;
  }
}

DirectorySync::~DirectorySync() { stop(); }

const DirectorySource* DirectorySync::find(std::string_view name) const {
  for (const auto& source : sources_) {
    if (source.name == name) return &source;
  }
  return nullptr;
}

bool DirectorySync::folds_logins(std::string_view source_name) const {
  const auto* source = find(source_name);
  return source != nullptr && source->case_insensitive_logins;
}

std::optional<std::string> DirectorySync::login_in_other_case(std::string_view login) const {
  const bool any = std::any_of(sources_.begin(), sources_.end(),
                               [](const auto& source) { return source.case_insensitive_logins; });
  if (!any) return std::nullopt;
  auto lower = ascii_lower(login);
  if (lower == login) return std::nullopt;
  return lower;
}

DirectorySync::State& DirectorySync::state_of(const std::string& name) {
  std::lock_guard lock(mutex_);
  return states_.at(name);
}

std::vector<SourceStatus> DirectorySync::statuses() const {
  std::lock_guard lock(mutex_);
  std::vector<SourceStatus> list;
  for (const auto& source : sources_) list.push_back(states_.at(source.name).status);
  return list;
}

Result<store::DirectorySyncPlan> DirectorySync::run(std::string_view name, SyncKind kind,
                                                    bool dry_run, const store::Actor& actor) {
  const DirectorySource* source = find(name);
  if (source == nullptr) {
    return Error{"there is no directory source named \"" + std::string(name) +
                 "\": see the server's configuration (directories)"};
  }
  State& state = state_of(source->name);
  std::lock_guard running(state.running);
  std::string mark;
  {
    std::lock_guard lock(mutex_);
    if (kind == SyncKind::kIncremental) mark = state.status.high_water_mark;
  }
  if (source->change_attribute.empty()) mark.clear();

  auto fail = [&](const Error& error) -> Result<store::DirectorySyncPlan> {
    if (!dry_run) {
      std::lock_guard lock(mutex_);
      state.status.last_failure = model::now_seconds();
      state.status.last_error = error.message;
    }
    spdlog::warn("directory sync of {} failed, nothing changed: {}", source->name, error.message);
    return error;
  };
  const auto started = std::chrono::steady_clock::now();
  auto connection = LdapConnection::open(*source);
  if (!connection) return fail(connection.error());
  auto listing = read_directory(*connection, *source, mark);
  if (!listing) return fail(listing.error());
  const auto read = std::chrono::steady_clock::now();
  auto users = store_.list_users();
  if (!users) return fail(users.error());
  auto groups = store_.list_user_groups();
  if (!groups) return fail(groups.error());
  auto plan = plan_sync(source->name, *listing, *users, *groups);
  if (dry_run) return plan;
  const auto planned = std::chrono::steady_clock::now();
  if (!plan.changes_nothing()) {
    if (auto applied = store_.apply_directory_sync(plan, actor); !applied) {
      return fail(applied.error());
    }
  }
  const auto ms = [](auto from, auto to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
  };
  const auto written = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  const auto now = model::now_seconds();
  state.status.last_run = now;
  if (listing->complete) state.status.last_complete = now;
  state.status.last_error.clear();
  if (!listing->high_water_mark.empty() &&
      later_mark(*source, listing->high_water_mark, state.status.high_water_mark)) {
    state.status.high_water_mark = listing->high_water_mark;
  }
  spdlog::info(
      "directory sync of {} ({}): {} listed, {} created, {} updated, {} enabled, {} "
      "disabled, {} groups created, {} groups changed, {} warnings; read {} ms, "
      "planned {} ms, written {} ms",
      source->name, listing->complete ? "complete" : "incremental", listing->accounts.size(),
      plan.create.size(), plan.update.size(), plan.enable.size(), plan.disable.size(),
      plan.create_groups.size(), plan.update_groups.size(), plan.warnings.size(), ms(started, read),
      ms(read, planned), ms(planned, written));
  return plan;
}

void DirectorySync::run_due(model::Timestamp now) {
  for (const auto& source : sources_) {
    SourceStatus status;
    {
      std::lock_guard lock(mutex_);
      status = states_.at(source.name).status;
    }
    // After a failure, wait a sync interval (or a minute) before asking again.
    const auto retry = std::chrono::seconds(std::max(source.sync_interval_seconds, 60));
    if (status.last_failure && (!status.last_run || *status.last_failure > *status.last_run) &&
        now < *status.last_failure + retry) {
      continue;
    }
    const bool complete_due =
        !status.last_complete ||
        now >= *status.last_complete + std::chrono::seconds(source.full_sync_interval_seconds);
    const bool incremental_due =
        source.sync_interval_seconds > 0 &&
        (!status.last_run ||
         now >= *status.last_run + std::chrono::seconds(source.sync_interval_seconds));
    if (complete_due) {
      run(source.name, SyncKind::kComplete, false, store::system_actor());
    } else if (incremental_due) {
      run(source.name, SyncKind::kIncremental, false, store::system_actor());
    }
  }
}

void DirectorySync::start(std::chrono::milliseconds tick) {
  if (sources_.empty()) return;
  schedule_.start(tick, PeriodicThread::First::kAtOnce, [this] { run_due(model::now_seconds()); });
}

void DirectorySync::stop() { schedule_.stop(); }

Result<bool> DirectorySync::check_password(const model::User& user,
                                           const std::string& password) const {
  const DirectorySource* source = find(user.source);
  if (source == nullptr) {
    return Error{"the directory \"" + user.source + "\" of account \"" + user.login +
                 "\" is not configured any more"};
  }
  return LdapConnection::check_password(*source, user.directory_dn, password);
}

}  // namespace printline::directory
