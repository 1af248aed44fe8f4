#pragma once
// A real OpenLDAP server for tests: Debian's slapd with a private cn=config (made with
// slapadd -n0) and an mdb database in a temporary directory, listening on a free loopback port.
// The suffix entry, ou=people and ou=groups exist from the start. Stopped and deleted on
// destruction; slapd also dies with the test process. The machine's own slapd is never used.
//
// Searches are capped like Active Directory's MaxPageSize: a search without paging returns at
// most size_limit entries (then sizeLimitExceeded, 4), a paged search (RFC 2696) returns all,
// for anonymous and bound users alike (slapd's size.prtotal=unlimited). The admin (rootdn) is
// never capped: slapd exempts it from every limit.
//
//   SlapdPeer ldap;                                         // throws std::runtime_error
//   ldap.add(SlapdPeer::people_ldif(ldap.suffix(), 1200));  // uid=user00001 … uid=user01200
//   ldap.add(SlapdPeer::group_ldif(ldap.suffix(), "staff", {"user00001"}));
//   run `ldapsearch -x -H <ldap.uri()> -b ou=people,<suffix> …`
//
// Not thread-safe: one thread sets it up.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/temp_dir.h"

namespace printline::testing {

class SlapdPeer {
 public:
  struct Options {
    std::string suffix = "dc=example,dc=org";  // dc=<first>,…: the suffix entry is a dcObject
    int size_limit = 500;                      // entries a search without paging may return
    bool memberof = true;  // groupOfNames members get memberOf (refint: renames, deletes follow)
    // Adds cn=adlike: attributes sAMAccountName, uSNChanged and the auxiliary class
    // printlineAdUser, so users can look like Active Directory's (inetOrgPerson + printlineAdUser).
    bool ad_schema = false;
    // PEM files for StartTLS on the same ldap:// port; both empty = no TLS.
    std::filesystem::path tls_cert, tls_key;
  };

  // Starts slapd and creates the base entries; throws std::runtime_error with the reason and
  // the end of slapd's log when it does not accept connections within 20 s.
  SlapdPeer() : SlapdPeer(Options{}) {}
  explicit SlapdPeer(Options options);
  ~SlapdPeer();
  SlapdPeer(const SlapdPeer&) = delete;
  SlapdPeer& operator=(const SlapdPeer&) = delete;

  int port() const { return port_; }
  std::string uri() const { return "ldap://127.0.0.1:" + std::to_string(port_); }
  const std::string& suffix() const { return options_.suffix; }
  std::string admin_dn() const { return "cn=admin," + options_.suffix; }
  std::string admin_password() const { return "printline-ldap-admin"; }

  // ldapadd / ldapmodify of LDIF text as the admin; throws std::runtime_error with the end of
  // the tool's output (which names the entry that failed) when it fails.
  void add(const std::string& ldif);
  void modify(const std::string& ldif);

  // Stops slapd now (a directory that went away); the destructor then only cleans up.
  void stop() { process_.reset(); }

  // The end of slapd's own output (startup errors; slapd runs with -d none).
  std::string log_tail() const;

  // uid=<uid>,ou=people,<suffix>
  static std::string person_dn(const std::string& suffix, const std::string& uid);
  // inetOrgPerson entries uid=<prefix>00001 … <prefix><count> (five digits) under ou=people,
  // each with cn, sn, mail <uid>@example.org and userPassword "pw-<uid>" (plain text; slapd
  // accepts it for simple binds).
  static std::string people_ldif(const std::string& suffix, int count,
                                 const std::string& prefix = "user");
  // A groupOfNames cn=<name>,ou=groups,<suffix> whose members are those uids under ou=people;
  // groupOfNames needs at least one member (std::invalid_argument otherwise).
  static std::string group_ldif(const std::string& suffix, const std::string& name,
                                const std::vector<std::string>& member_uids);

 private:
  bool start_on(int port);  // false when slapd exited (e.g. the port was taken meanwhile)
  void run_ldif_tool(const std::string& tool, const std::string& ldif);

  Options options_;
  TempDir dir_{"printline-slapd"};
  int port_ = 0;
  int ldif_files_ = 0;
  std::unique_ptr<ChildProcess> process_;  // declared after dir_: stopped before it is deleted
};

}  // namespace printline::testing
