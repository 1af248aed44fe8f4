#include "directory/ldap_connection.h"

#include <ldap.h>

#include <cstdio>

namespace printline::directory {

struct LdapConnection::Handle {
  LDAP* ld = nullptr;
  ~Handle() {
    if (ld != nullptr) ldap_unbind_ext_s(ld, nullptr, nullptr);
  }
};

namespace {

std::string describe(const DirectorySource& source) {
  return "directory \"" + source.name + "\" (" + source.uri + ")";
}

std::string ldap_reason(int code) { return ldap_err2string(code); }

}  // namespace

std::string LdapEntry::first(const std::string& attribute) const {
  const auto found = attributes.find(attribute);
  return found == attributes.end() || found->second.empty() ? std::string() : found->second.front();
}

namespace {

// Connects without binding: options, then TLS, so nothing is sent in clear.
Result<std::unique_ptr<LdapConnection::Handle>> connect(const DirectorySource& source) {
  auto handle = std::make_unique<LdapConnection::Handle>();
  const std::string where = describe(source);
  int rc = ldap_initialize(&handle->ld, source.uri.c_str());
  if (rc != LDAP_SUCCESS) return Error{where + ": " + ldap_reason(rc)};
  const int version = LDAP_VERSION3;
  ldap_set_option(handle->ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  // Referrals would take the bind credentials to another server the directory names.
  ldap_set_option(handle->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  timeval timeout{source.timeout_seconds, 0};
  ldap_set_option(handle->ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(handle->ld, LDAP_OPT_TIMEOUT, &timeout);
  const bool tls = source.uri.rfind("ldaps://", 0) == 0 || source.starttls;
  if (tls) {
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    ldap_set_option(handle->ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
    if (!source.ca_file.empty()) {
      ldap_set_option(handle->ld, LDAP_OPT_X_TLS_CACERTFILE, source.ca_file.c_str());
    }
    const int new_context = 0;
    ldap_set_option(handle->ld, LDAP_OPT_X_TLS_NEWCTX, &new_context);
  }
  if (source.uri.rfind("ldap://", 0) == 0 && source.starttls) {
    rc = ldap_start_tls_s(handle->ld, nullptr, nullptr);
    if (rc != LDAP_SUCCESS) {
      return Error{where + ": StartTLS failed (" + ldap_reason(rc) +
                   "): check that the server offers TLS and that its certificate is signed by "
                   "the ca_file's authority"};
    }
  }
  return handle;
}

int simple_bind(LDAP* ld, const std::string& dn, const std::string& password) {
  berval credentials{};
  credentials.bv_val = const_cast<char*>(password.data());
  credentials.bv_len = password.size();
  return ldap_sasl_bind_s(ld, dn.empty() ? nullptr : dn.c_str(), LDAP_SASL_SIMPLE, &credentials,
                          nullptr, nullptr, nullptr);
}

LdapEntry read_entry(LDAP* ld, LDAPMessage* message, const std::vector<std::string>& attributes) {
  LdapEntry entry;
  if (char* dn = ldap_get_dn(ld, message)) {
    entry.dn = dn;
    ldap_memfree(dn);
  }
  for (const auto& attribute : attributes) {
    berval** values = ldap_get_values_len(ld, message, attribute.c_str());
    if (values == nullptr) continue;
    auto& list = entry.attributes[attribute];
    for (int i = 0; values[i] != nullptr; ++i)
      list.emplace_back(values[i]->bv_val, values[i]->bv_len);
    ldap_value_free_len(values);
  }
  return entry;
}

}  // namespace

LdapConnection::LdapConnection(const DirectorySource& source, std::unique_ptr<Handle> handle)
    : where_(describe(source)),
      page_size_(source.page_size),
      max_entries_(source.max_entries),
      timeout_seconds_(source.timeout_seconds),
      handle_(std::move(handle)) {}
LdapConnection::LdapConnection(LdapConnection&&) noexcept = default;
LdapConnection& LdapConnection::operator=(LdapConnection&&) noexcept = default;
LdapConnection::~LdapConnection() = default;

Result<LdapConnection> LdapConnection::open(const DirectorySource& source) {
  auto password = read_bind_password(source);
  if (!password) return password.error();
  auto handle = connect(source);
  if (!handle) return handle.error();
  const int rc = simple_bind((*handle)->ld, source.bind_dn, *password);
  if (rc != LDAP_SUCCESS) {
    return Error{describe(source) + ": bind as \"" + source.bind_dn + "\" failed (" +
                 ldap_reason(rc) + "): check bind_dn and bind_password_file"};
  }
  return LdapConnection(source, std::move(*handle));
}

Result<bool> LdapConnection::check_password(const DirectorySource& source, const std::string& dn,
                                            const std::string& password) {
  if (dn.empty() || password.empty()) return false;
  auto handle = connect(source);
  if (!handle) return handle.error();
  const int rc = simple_bind((*handle)->ld, dn, password);
  if (rc == LDAP_SUCCESS) return true;
  if (rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_INAPPROPRIATE_AUTH ||
      rc == LDAP_UNWILLING_TO_PERFORM || rc == LDAP_INVALID_DN_SYNTAX) {
    return false;
  }
  return Error{describe(source) + ": cannot check the password (" + ldap_reason(rc) + ")"};
}

Result<std::vector<LdapEntry>> LdapConnection::search(const std::string& base,
                                                      const std::string& filter,
                                                      const std::vector<std::string>& attributes) {
  LDAP* ld = handle_->ld;
  std::vector<char*> names;
  for (const auto& a : attributes) names.push_back(const_cast<char*>(a.c_str()));
  names.push_back(nullptr);

  std::vector<LdapEntry> entries;
  berval* cookie = nullptr;
  for (;;) {
    LDAPControl* page = nullptr;
    int rc = ldap_create_page_control(ld, page_size_, cookie, 1, &page);
    ber_bvfree(cookie);
    cookie = nullptr;
    if (rc != LDAP_SUCCESS) return Error{where_ + ": cannot ask for paged results"};
    LDAPControl* controls[] = {page, nullptr};
    timeval timeout{timeout_seconds_, 0};
    int message_id = 0;
    rc = ldap_search_ext(ld, base.c_str(), LDAP_SCOPE_SUBTREE, filter.c_str(), names.data(), 0,
                         controls, nullptr, &timeout, LDAP_NO_LIMIT, &message_id);
    ldap_control_free(page);
    if (rc != LDAP_SUCCESS) {
      return Error{where_ + ": search of \"" + base + "\" with " + filter + " failed (" +
                   ldap_reason(rc) + ")"};
    }
    // Entries are taken one at a time as they arrive, so reading them overlaps the server
    // sending the rest of the page; the page ends with its result, which carries the cookie.
    LDAPMessage* result = nullptr;
    for (;;) {
      LDAPMessage* message = nullptr;
      const int type = ldap_result(ld, message_id, LDAP_MSG_ONE, &timeout, &message);
      if (type <= 0) {
        if (message != nullptr) ldap_msgfree(message);
        ldap_abandon_ext(ld, message_id, nullptr, nullptr);
        return Error{where_ + ": search of \"" + base + "\" " +
                     (type == 0 ? std::string("timed out") : "failed (connection lost)") +
                     "; nothing was changed"};
      }
      if (type == LDAP_RES_SEARCH_RESULT) {
        result = message;
        break;
      }
      if (type == LDAP_RES_SEARCH_ENTRY) {
        if (entries.size() == static_cast<std::size_t>(max_entries_)) {
          ldap_msgfree(message);
          ldap_abandon_ext(ld, message_id, nullptr, nullptr);
          return Error{where_ + ": search of \"" + base + "\" returned more than " +
                       std::to_string(max_entries_) +
                       " entries; nothing was changed. Narrow user_filter or group_filter, or "
                       "raise max_entries if the directory really is that large"};
        }
        entries.push_back(read_entry(ld, message, attributes));
      }
      ldap_msgfree(message);  // entries read, references ignored
    }
    int code = LDAP_SUCCESS;
    LDAPControl** returned = nullptr;
    rc = ldap_parse_result(ld, result, &code, nullptr, nullptr, nullptr, &returned, 1);
    if (rc != LDAP_SUCCESS || code != LDAP_SUCCESS) {
      if (returned != nullptr) ldap_controls_free(returned);
      return Error{where_ + ": search of \"" + base + "\" ended with an error (" +
                   ldap_reason(rc != LDAP_SUCCESS ? rc : code) + "); nothing was changed"};
    }
    LDAPControl* response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, nullptr);
    ber_int_t estimate = 0;
    berval next{};
    bool more = false;
    if (response != nullptr &&
        ldap_parse_pageresponse_control(ld, response, &estimate, &next) == LDAP_SUCCESS) {
      more = next.bv_len > 0;
      if (more) cookie = ber_bvdup(&next);
      ber_memfree(next.bv_val);
    }
    if (returned != nullptr) ldap_controls_free(returned);
    if (!more) break;
  }
  return entries;
}

std::string escape_filter_value(const std::string& value) {
  std::string escaped;
  for (const unsigned char c : value) {
    if (c == '*' || c == '(' || c == ')' || c == '\\' || c == '\0') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "\\%02x", c);
      escaped += hex;
    } else {
      escaped += static_cast<char>(c);
    }
  }
  return escaped;
}

}  // namespace printline::directory
