#pragma once
// What a directory sync changes, decided without touching anything: from what the directory
// lists and what the store holds, the accounts to create, update, enable and disable and the
// groups to create or re-member (store/directory_sync_plan.h). A dry run shows this plan; a
// real run hands it to Store::apply_directory_sync.
//
// Rules (docs/directory.md): accounts are matched by login; a local account or another
// source's is never taken over (a warning says so); only a complete listing disables, and
// never when it lists no account at all (a wrong filter must not disable everyone); nothing is
// ever deleted. Groups are matched by name, the same way.

#include <string>
#include <vector>

#include "directory/directory_listing.h"
#include "model/user.h"
#include "model/user_group.h"
#include "store/directory_sync_plan.h"

namespace printline::directory {

store::DirectorySyncPlan plan_sync(const std::string& source_name, const DirectoryListing& listing,
                                   const std::vector<model::User>& users,
                                   const std::vector<model::UserGroup>& groups);

}  // namespace printline::directory
