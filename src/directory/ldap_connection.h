#pragma once
// One connection to a directory server through libldap: TLS (ldaps:// or StartTLS) with the
// server's certificate verified, a simple bind, and subtree searches paged with RFC 2696, so a
// server that caps a search's results (Active Directory's MaxPageSize, OpenLDAP's size limit)
// still lists everything. Not thread-safe; a connection is used by one sync or one login.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "directory/directory_source.h"

namespace printline::directory {

struct LdapEntry {
  std::string dn;
  std::map<std::string, std::vector<std::string>> attributes;  // names as asked

  // The first value of the attribute, or "".
  std::string first(const std::string& attribute) const;
};

class LdapConnection {
 public:
  // Connects (TLS as the source says) and binds as bind_dn, or anonymously without one.
  static Result<LdapConnection> open(const DirectorySource& source);
  // Connects and binds as the given DN with its password: true when the directory accepts
  // them, false when it says they are wrong, an Error when it cannot be asked. An empty
  // password is refused here: LDAP would take it as an anonymous bind that "succeeds".
  static Result<bool> check_password(const DirectorySource& source, const std::string& dn,
                                     const std::string& password);

  struct Handle;  // owns libldap's LDAP*

  LdapConnection(LdapConnection&&) noexcept;
  LdapConnection& operator=(LdapConnection&&) noexcept;
  ~LdapConnection();

  // Every entry under base matching filter, a page at a time, with the attributes asked; an
  // Error when there are more than the source's max_entries.
  Result<std::vector<LdapEntry>> search(const std::string& base, const std::string& filter,
                                        const std::vector<std::string>& attributes);

 private:
  LdapConnection(const DirectorySource& source, std::unique_ptr<Handle> handle);

  std::string where_;  // "directory \"corp\" (ldap://…)" for messages
  int page_size_ = 500;
  int max_entries_ = 1'000'000;
  int timeout_seconds_ = 30;
  std::unique_ptr<Handle> handle_;
};

// An RFC 4515 filter value: *, (, ), \ and NUL escaped.
std::string escape_filter_value(const std::string& value);

}  // namespace printline::directory
