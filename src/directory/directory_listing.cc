#include "directory/directory_listing.h"

#include <algorithm>

#include "core/ascii.h"

namespace printline::directory {

bool later_mark(const DirectorySource& source, const std::string& a, const std::string& b) {
  if (source.change_is_number()) {
    if (a.size() != b.size()) return a.size() > b.size();  // digits without leading zeros
  }
  return a > b;
}

Result<DirectoryListing> read_directory(LdapConnection& connection, const DirectorySource& source,
                                        const std::string& changed_since) {
  DirectoryListing listing;
  listing.complete = changed_since.empty();
  listing.members_are_dns = source.member_is_dn;
  listing.has_cards = !source.card_attribute.empty();

  std::string filter = source.user_filter.empty() ? "(objectClass=*)" : source.user_filter;
  if (!changed_since.empty()) {
    filter = "(&" + filter + "(" + source.change_attribute +
             ">=" + escape_filter_value(changed_since) + "))";
  }
  std::vector<std::string> attributes = {source.login_attribute};
  for (const auto* a : {&source.name_attribute, &source.email_attribute, &source.card_attribute,
                        &source.change_attribute}) {
    if (!a->empty()) attributes.push_back(*a);
  }
  auto entries = connection.search(source.base_dn, filter, attributes);
  if (!entries) return entries.error();
  for (const auto& entry : *entries) {
    store::DirectoryAccount account;
    account.login = entry.first(source.login_attribute);
    if (source.case_insensitive_logins) account.login = ascii_lower(account.login);
    account.dn = entry.dn;
    if (!source.name_attribute.empty()) account.name = entry.first(source.name_attribute);
    if (!source.email_attribute.empty()) account.email = entry.first(source.email_attribute);
    if (!source.card_attribute.empty()) {
      auto card = entry.first(source.card_attribute);
      if (!card.empty()) account.card_number = card;
    }
    if (!source.change_attribute.empty()) {
      const auto mark = entry.first(source.change_attribute);
      if (later_mark(source, mark, listing.high_water_mark)) listing.high_water_mark = mark;
    }
    listing.accounts.push_back(std::move(account));
  }

  if (!source.group_filter.empty()) {
    auto groups = connection.search(source.group_search_base(), source.group_filter,
                                    {source.group_name_attribute, source.member_attribute});
    if (!groups) return groups.error();
    for (auto& entry : *groups) {
      ListedGroup group;
      group.name = entry.first(source.group_name_attribute);
      group.members = std::move(entry.attributes[source.member_attribute]);
      if (source.case_insensitive_logins && !source.member_is_dn) {
        for (auto& login : group.members) login = ascii_lower(login);  // memberUid: logins
      }
      listing.groups.push_back(std::move(group));
    }
  }
  return listing;
}

}  // namespace printline::directory
