#pragma once
// A real OpenLDAP (SlapdPeer) holding people and groups, a service account Printline binds
// as (not the rootdn: slapd's size limits do not apply to it, and they must here), and the
// directory source that reaches it.

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "directory/directory_source.h"
#include "support/slapd_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {

inline constexpr const char* kServicePassword = "sync-service-password";

inline std::string service_dn(const SlapdPeer& ldap) {
  return "cn=printline,ou=services," + ldap.suffix();
}

// Adds the service account; returns a source for it (pages of 200, no StartTLS), with
// `overrides` (more keys of the source's JSON form) on top.
inline directory::DirectorySource prepare_directory(
    SlapdPeer& ldap, const TempDir& dir,
    const nlohmann::json& overrides = nlohmann::json::object()) {
  ldap.add("dn: ou=services," + ldap.suffix() +
           "\nobjectClass: organizationalUnit\nou: services\n\n"
           "dn: " +
           service_dn(ldap) + "\nobjectClass: person\ncn: printline\nsn: service\nuserPassword: " +
           kServicePassword + "\n");
  const auto password_file = dir / "ldap-bind.secret";
  std::ofstream(password_file) << kServicePassword << "\n";
  ::chmod(password_file.c_str(), 0600);

  nlohmann::json json = {{"name", "corp"},
                         {"uri", ldap.uri()},
                         {"starttls", false},
                         {"bind_dn", service_dn(ldap)},
                         {"bind_password_file", password_file},
                         {"base_dn", "ou=people," + ldap.suffix()},
                         {"group_base_dn", "ou=groups," + ldap.suffix()},
                         {"page_size", 200}};
  json.update(overrides);
  auto source = directory::directory_source_from_json(json);
  if (!source.ok()) throw std::runtime_error(source.error().message);
  return *source;
}

}  // namespace printline::testing
