// Directory sync benchmark (issue 17; docs/directory.md, docs/benchmarks.md): a real OpenLDAP
// (tests/support/slapd_peer, searches capped at 500 entries unless paged) holding N accounts
// (default 100,000) and N/50 groups of 50 members each, and three passes of Printline's sync
// into a fresh SQLite store:
//   complete (first)  every account and group created, one transaction;
//   complete (again)  nothing to change: read, compared, nothing written;
//   incremental       1,000 accounts changed since the last sync.
// The peer, on the same directory in the same run: OpenLDAP's own ldapsearch reading the same
// entries with the same paging (pages of 500) into a file. Goals: the first complete sync within
// 2x the peer and under 60 s; the incremental one under 2 s.
// Usage: directory_sync_bench [--users N]
// Exit status 0 when every account and group arrived and every change was picked up.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "directory/directory_sync.h"
#include "directory/directory_test_fixture.h"
#include "store/store.h"
#include "support/child_process.h"

namespace {

using namespace printline;
using testing::SlapdPeer;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ldapsearch over the same base and filter, paged like the sync; the time until it exits.
double peer_read(const SlapdPeer& ldap, const directory::DirectorySource& source,
                 const testing::TempDir& dir) {
  const auto start = Clock::now();
  for (const auto& [base, filter] : {std::pair{source.base_dn, source.user_filter},
                                     std::pair{source.group_search_base(), source.group_filter}}) {
    testing::ChildProcess search(
        {"ldapsearch", "-x", "-LLL", "-H", ldap.uri(), "-D", testing::service_dn(ldap), "-w",
         testing::kServicePassword, "-E", "pr=500/noprompt", "-b", base, filter, "uid", "cn",
         "mail", "member", "modifyTimestamp"},
        dir / "ldapsearch.out");
    search.wait_for_exit(std::chrono::minutes(10));
  }
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  int users = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--users") users = std::atoi(argv[i + 1]);
  }
  if (users < 50 || users > 1000000) {
    std::fprintf(stderr, "usage: directory_sync_bench [--users 50..1000000]\n");
    return 2;
  }
  const int groups = users / 50;

  testing::TempDir dir("printline-directory-bench");
  SlapdPeer ldap;
  auto source = testing::prepare_directory(ldap, dir);
  source.page_size = 500;
  std::fprintf(stderr, "loading %d accounts and %d groups into slapd...\n", users, groups);
  ldap.add(SlapdPeer::people_ldif(ldap.suffix(), users));
  std::string group_ldif;
  for (int g = 0; g < groups; ++g) {
    std::vector<std::string> members;
    for (int m = 1; m <= 50; ++m) {
      char uid[16];
      std::snprintf(uid, sizeof uid, "user%05d", g * 50 + m);
      members.emplace_back(uid);
    }
    group_ldif += SlapdPeer::group_ldif(ldap.suffix(), "group" + std::to_string(g), members) + "\n";
  }
  ldap.add(group_ldif);

  store::StoreOptions options;
  options.hash_cost = store::HashCost::kMinimum;
  auto opened = store::open_sqlite_store((dir / "printline.db").string(), options);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  auto& store = **opened;
  directory::DirectorySync sync(store, {source});
  const store::Actor actor{"bench"};

  const double peer = peer_read(ldap, source, dir);

  auto start = Clock::now();
  auto first = sync.run("corp", directory::SyncKind::kComplete, false, actor);
  const double first_s = seconds_since(start);
  if (!first.ok()) {
    std::fprintf(stderr, "first sync failed: %s\n", first.error().message.c_str());
    return 1;
  }
  start = Clock::now();
  auto again = sync.run("corp", directory::SyncKind::kComplete, false, actor);
  const double again_s = seconds_since(start);

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // modifyTimestamp: seconds
  const int changed = std::min(1000, users);
  std::string changes;
  for (int i = 1; i <= changed; ++i) {
    char uid[16];
    std::snprintf(uid, sizeof uid, "user%05d", i * (users / changed));
    changes += "dn: " + SlapdPeer::person_dn(ldap.suffix(), uid) +
               "\nchangetype: modify\nreplace: mail\nmail: changed-" + uid + "@example.org\n\n";
  }
  ldap.modify(changes);
  start = Clock::now();
  auto incremental = sync.run("corp", directory::SyncKind::kIncremental, false, actor);
  const double incremental_s = seconds_since(start);

  const auto stored_users = store.list_users()->size();
  const auto stored_groups = store.list_user_groups()->size();
  const bool complete = again.ok() && incremental.ok() &&
                        incremental->update.size() == static_cast<std::size_t>(changed) &&
                        stored_users == static_cast<std::size_t>(users) &&
                        stored_groups == static_cast<std::size_t>(groups);

  std::printf("directory_sync_bench: %d accounts, %d groups of 50, pages of 500 (server cap 500)\n",
              users, groups);
  std::printf("  peer: ldapsearch, same entries and paging   %8.2f s\n", peer);
  std::printf("  complete sync, first (creates all)           %8.2f s  %5.2f x peer\n", first_s,
              first_s / peer);
  std::printf("  complete sync, again (nothing to change)     %8.2f s  %5.2f x peer\n", again_s,
              again_s / peer);
  std::printf("  incremental sync (%d entries changed)     %8.2f s  %5.2f x peer\n", changed,
              incremental_s, incremental_s / peer);
  std::printf("  stored: %zu accounts, %zu groups, %zu changes picked up — %s\n", stored_users,
              stored_groups, incremental.ok() ? incremental->update.size() : 0,
              complete ? "complete" : "INCOMPLETE");
  std::printf("  goals: first sync <= 2x peer and < 60 s: %s; incremental < 2 s: %s\n",
              first_s <= 2 * peer && first_s < 60 ? "met" : "NOT MET",
              incremental_s < 2 ? "met" : "NOT MET");
  return complete ? 0 : 1;
}
