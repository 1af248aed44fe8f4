#pragma once
// A directory the server takes users and groups from (OpenLDAP, Active Directory): where it is,
// how to bind, where to search and which attributes mean what. Configured in the server's
// configuration file, "directories" (docs/directory.md); a preset fills the attribute names
// of a well-known schema and any key may override them.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"

namespace printline::directory {

struct DirectorySource {
  std::string name;  // the accounts' and groups' source in the store, e.g. "corp"
  std::string uri;   // ldap://host[:port] or ldaps://host[:port]
  // With ldap://, upgrade to TLS before binding (RFC 4513); the server's certificate is always
  // verified, against ca_file when given, else the system's authorities.
  bool starttls = true;
  std::filesystem::path ca_file;
  std::string bind_dn;  // empty: anonymous searches
  // Private (mode 0600 or stricter, else refused): the bind password is never in the
  // configuration file itself.
  std::filesystem::path bind_password_file;

  std::string base_dn;
  std::string user_filter;
  std::string login_attribute;
  // Active Directory's logins are case-insensitive ("JDoe" is "jdoe"): they are kept in lower
  // case, and a log-in typed in any case finds the account.
  bool case_insensitive_logins = false;
  std::string name_attribute;
  std::string email_attribute;
  std::string card_attribute;  // empty: badges are not taken from the directory

  std::string group_base_dn;  // empty: base_dn
  std::string group_filter;   // empty: groups are not synchronised
  std::string group_name_attribute;
  std::string member_attribute;
  bool member_is_dn = true;  // member: DNs (groupOfNames, AD); memberUid: logins (posixGroup)

  // What changes when an entry does, for incremental syncs: modifyTimestamp (generalized time)
  // or uSNChanged (Active Directory, an integer).
  std::string change_attribute;
  int page_size = 500;  // RFC 2696 paging; Active Directory answers at most 1,000 a page
  // The most entries one search may return (D13: a directory, or someone posing as it, is
  // not trusted to end): beyond it the sync stops and changes nothing.
  int max_entries = 1'000'000;
  int timeout_seconds = 30;
  int sync_interval_seconds = 300;         // incremental syncs; 0 = only on demand
  int full_sync_interval_seconds = 86400;  // complete ones (the only ones that disable)

  std::string group_search_base() const { return group_base_dn.empty() ? base_dn : group_base_dn; }
  bool change_is_number() const { return change_attribute == "uSNChanged"; }
};

// One source from its JSON form: "preset" ("openldap" or "active-directory") first, then the
// keys above. Unknown keys and missing required ones (name, uri, base_dn) are errors.
Result<DirectorySource> directory_source_from_json(const nlohmann::json& json);

// The bind password from bind_password_file (empty when no bind DN), refusing a file others
// may read; the trailing newline is not part of it.
Result<std::string> read_bind_password(const DirectorySource& source);

}  // namespace printline::directory
