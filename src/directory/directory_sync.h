#pragma once
// Directory sync for the server (docs/directory.md): for each configured source, a complete
// sync (the only kind that disables) every full_sync_interval_seconds, incremental ones in
// between every sync_interval_seconds (entries changed since the last high-water mark), and
// syncs on demand with or without a dry run. One sync of a source runs at a time. It also
// checks a directory account's password, by a bind with the account's DN.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/periodic_thread.h"
#include "directory/directory_source.h"
#include "model/timestamp.h"
#include "model/user.h"
#include "store/directory_sync_plan.h"
#include "store/store.h"

namespace printline::directory {

enum class SyncKind { kComplete, kIncremental };

// What is known of a source's syncs, for GET /api/v1/directories.
struct SourceStatus {
  std::string name;
  std::string uri;
  std::optional<model::Timestamp> last_complete;  // the last complete sync that succeeded
  std::optional<model::Timestamp> last_run;       // the last sync that succeeded, any kind
  std::optional<model::Timestamp> last_failure;
  std::string last_error;  // of the last sync that failed, until one succeeds
  std::string high_water_mark;
};

class DirectorySync {
 public:
  DirectorySync(store::Store& store, std::vector<DirectorySource> sources);
  ~DirectorySync();  // stops the schedule
  DirectorySync(const DirectorySync&) = delete;
  DirectorySync& operator=(const DirectorySync&) = delete;

  const std::vector<DirectorySource>& sources() const { return sources_; }
  const DirectorySource* find(std::string_view name) const;
  std::vector<SourceStatus> statuses() const;

  // Reads the directory and plans; applies the plan unless dry_run. An incremental sync of a
  // source with no high-water mark yet is a complete one. Errors change nothing.
  Result<store::DirectorySyncPlan> run(std::string_view name, SyncKind kind, bool dry_run,
                                       const store::Actor& actor);

  // Every source's due sync, on a thread of its own, checked every `tick`.
  void start(std::chrono::milliseconds tick = std::chrono::seconds(30));
  void stop();
  void run_due(model::Timestamp now);

  // The login to look for when `login` was typed in another case than its account's: the
  // lower-case form when some source keeps case-insensitive logins (Active Directory), else
  // nullopt. The account found must then come from such a source (folds_logins).
  std::optional<std::string> login_in_other_case(std::string_view login) const;
  bool folds_logins(std::string_view source_name) const;

  // A directory account's password: true when its directory accepts it. An Error when the
  // directory cannot be asked (the log-in fails; a local password is never tried instead).
  Result<bool> check_password(const model::User& user, const std::string& password) const;

 private:
  struct State {
    std::mutex running;  // one sync of a source at a time
    SourceStatus status;
  };
  State& state_of(const std::string& name);

  store::Store& store_;
  const std::vector<DirectorySource> sources_;
  mutable std::mutex mutex_;  // guards states_' statuses
  std::map<std::string, State> states_;
  PeriodicThread schedule_;
};

}  // namespace printline::directory
