#pragma once
// What a directory lists: its accounts and groups, read with the source's attribute mapping.
// A complete listing has every account the user filter matches; an incremental one only those
// changed since a high-water mark (modifyTimestamp or uSNChanged), and then cannot say which
// accounts are gone. Groups are always listed whole (they are few).

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "directory/directory_source.h"
#include "directory/ldap_connection.h"
#include "store/directory_sync_plan.h"

namespace printline::directory {

// A group with its members as the directory names them: DNs, or logins (posixGroup).
struct ListedGroup {
  std::string name;
  std::vector<std::string> members;
};

struct DirectoryListing {
  bool complete = true;
  bool members_are_dns = true;
  // Whether the source maps a card-number attribute; if not, badges stay as administrators set
  // them.
  bool has_cards = false;
  std::vector<store::DirectoryAccount> accounts;
  std::vector<ListedGroup> groups;
  // The largest change mark seen (for the next incremental listing); empty if none.
  std::string high_water_mark;
};

// Lists accounts changed since `changed_since` (complete when empty) and every group. Any
// error of the directory (refused bind, size limit, timeout) is an Error: nothing half-read
// is returned, so a sync never acts on a partial listing.
Result<DirectoryListing> read_directory(LdapConnection& connection, const DirectorySource& source,
                                        const std::string& changed_since);

// Which of two change marks is later (generalized times compare as text, USNs as numbers).
bool later_mark(const DirectorySource& source, const std::string& a, const std::string& b);

}  // namespace printline::directory
