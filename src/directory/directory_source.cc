#include "directory/directory_source.h"

#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>

namespace printline::directory {
namespace {

void apply_preset(const std::string& preset, DirectorySource& source) {
  if (preset == "active-directory") {
    // Disabled AD accounts (userAccountControl bit 2) are left out, so syncs disable them here.
    source.user_filter =
        "(&(objectCategory=person)(objectClass=user)"
        "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))";
    source.login_attribute = "sAMAccountName";
    source.case_insensitive_logins = true;
    source.name_attribute = "displayName";
    source.email_attribute = "mail";
    source.group_filter = "(objectClass=group)";
    source.group_name_attribute = "cn";
    source.member_attribute = "member";
    source.member_is_dn = true;
    source.change_attribute = "uSNChanged";
  } else {  // openldap
    source.user_filter = "(objectClass=inetOrgPerson)";
    source.login_attribute = "uid";
    source.case_insensitive_logins = false;
    source.name_attribute = "cn";
    source.email_attribute = "mail";
    source.group_filter = "(objectClass=groupOfNames)";
    source.group_name_attribute = "cn";
    source.member_attribute = "member";
    source.member_is_dn = true;
    source.change_attribute = "modifyTimestamp";
  }
}

template <typename T>
void read_key(const nlohmann::json& json, const char* key, T& field) {
  if (json.contains(key)) json.at(key).get_to(field);
}

}  // namespace

Result<DirectorySource> directory_source_from_json(const nlohmann::json& json) {
  static const std::set<std::string> kKeys = {"name",
                                              "uri",
                                              "starttls",
                                              "ca_file",
                                              "bind_dn",
                                              "bind_password_file",
                                              "base_dn",
                                              "user_filter",
                                              "login_attribute",
                                              "case_insensitive_logins",
                                              "name_attribute",
                                              "email_attribute",
                                              "card_attribute",
                                              "group_base_dn",
                                              "group_filter",
                                              "group_name_attribute",
                                              "member_attribute",
                                              "member_is_dn",
                                              "change_attribute",
                                              "page_size",
                                              "max_entries",
                                              "timeout_seconds",
                                              "sync_interval_seconds",
                                              "full_sync_interval_seconds",
                                              "preset"};
  if (!json.is_object()) return Error{"a directory source is a JSON object"};
  for (const auto& [key, value] : json.items()) {
    if (!kKeys.contains(key)) return Error{"unknown directory source key \"" + key + "\""};
  }
  DirectorySource source;
  try {
    std::string preset = json.value("preset", std::string("openldap"));
    if (preset != "openldap" && preset != "active-directory") {
      return Error{"directory preset \"" + preset +
                   "\" is unknown: use openldap or "
                   "active-directory"};
    }
    apply_preset(preset, source);
    read_key(json, "name", source.name);
    read_key(json, "uri", source.uri);
    read_key(json, "starttls", source.starttls);
    if (json.contains("ca_file")) source.ca_file = json.at("ca_file").get<std::string>();
    if (json.contains("bind_password_file")) {
      source.bind_password_file = json.at("bind_password_file").get<std::string>();
    }
    read_key(json, "bind_dn", source.bind_dn);
    read_key(json, "base_dn", source.base_dn);
    read_key(json, "user_filter", source.user_filter);
    read_key(json, "login_attribute", source.login_attribute);
    read_key(json, "case_insensitive_logins", source.case_insensitive_logins);
    read_key(json, "name_attribute", source.name_attribute);
    read_key(json, "email_attribute", source.email_attribute);
    read_key(json, "card_attribute", source.card_attribute);
    read_key(json, "group_base_dn", source.group_base_dn);
    read_key(json, "group_filter", source.group_filter);
    read_key(json, "group_name_attribute", source.group_name_attribute);
    read_key(json, "member_attribute", source.member_attribute);
    read_key(json, "member_is_dn", source.member_is_dn);
    read_key(json, "change_attribute", source.change_attribute);
    read_key(json, "page_size", source.page_size);
    read_key(json, "max_entries", source.max_entries);
    read_key(json, "timeout_seconds", source.timeout_seconds);
    read_key(json, "sync_interval_seconds", source.sync_interval_seconds);
    read_key(json, "full_sync_interval_seconds", source.full_sync_interval_seconds);
  } catch (const nlohmann::json::exception& e) {
    return Error{std::string("a directory source has a value of the wrong type: ") + e.what()};
  }
  const std::string where = "directory \"" + source.name + "\": ";
  if (source.name.empty() || source.name.find_first_of(" /:") != std::string::npos) {
    return Error{"a directory source needs a name without spaces, '/' or ':'"};
  }
  if (source.uri.rfind("ldap://", 0) != 0 && source.uri.rfind("ldaps://", 0) != 0) {
    return Error{where + "uri must start with ldap:// or ldaps://"};
  }
  if (source.base_dn.empty()) return Error{where + "base_dn is required"};
  if (source.login_attribute.empty()) return Error{where + "login_attribute is required"};
  if (!source.bind_dn.empty() && source.bind_password_file.empty()) {
    return Error{where + "bind_dn needs a bind_password_file"};
  }
  if (source.page_size < 1 || source.page_size > 10000) {
    return Error{where + "page_size must be between 1 and 10000"};
  }
  if (source.max_entries < 1 || source.max_entries > 10'000'000) {
    return Error{where + "max_entries must be between 1 and 10000000"};
  }
  if (source.timeout_seconds < 1 || source.timeout_seconds > 3600) {
    return Error{where + "timeout_seconds must be between 1 and 3600"};
  }
  if (source.sync_interval_seconds < 0 || source.full_sync_interval_seconds < 60) {
    return Error{where +
                 "sync_interval_seconds must be 0 or more and "
                 "full_sync_interval_seconds 60 or more"};
  }
  if (!source.change_attribute.empty() && source.change_attribute != "modifyTimestamp" &&
      source.change_attribute != "uSNChanged") {
    return Error{where + "change_attribute must be modifyTimestamp or uSNChanged"};
  }
  if (!source.group_filter.empty() &&
      (source.group_name_attribute.empty() || source.member_attribute.empty())) {
    return Error{where + "group_filter needs group_name_attribute and member_attribute"};
  }
  return source;
}

Result<std::string> read_bind_password(const DirectorySource& source) {
  if (source.bind_dn.empty()) return std::string();
  struct stat info {};
  const auto path = source.bind_password_file.string();
  if (::stat(path.c_str(), &info) != 0) {
    return Error{"directory \"" + source.name + "\": cannot read bind_password_file " + path};
  }
  if ((info.st_mode & 077) != 0) {
    return Error{"directory \"" + source.name + "\": " + path +
                 " may be read by others: make it private (chmod 600)"};
  }
  std::ifstream in(source.bind_password_file);
  std::stringstream text;
  text << in.rdbuf();
  std::string password = text.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  if (!in && !in.eof()) {
    return Error{"directory \"" + source.name + "\": cannot read bind_password_file " + path};
  }
  return password;
}

}  // namespace printline::directory
