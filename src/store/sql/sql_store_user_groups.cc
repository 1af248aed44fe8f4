// Groups of users, and which Desktop Client profile reaches a user through them.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>

#include "core/i18n.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::ClientProfile;
using model::UserGroup;

namespace {

bool names(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::optional<UserGroup> SqlStore::load_user_group(std::int64_t group_id) {
  UserGroup group;
  {
    auto q = db().query(
        fmt::format("SELECT {} FROM user_groups WHERE id = ?", kUserGroupColumns));
    q.bind_all(group_id);
    if (!q.step()) return std::nullopt;
    group = read_user_group(q);
  }
  auto members = db().query(
      "SELECT user_id FROM user_group_members WHERE group_id = ? ORDER BY user_id");
  members.bind_all(group_id);
  while (members.step()) group.member_ids.push_back(members.integer(0));
  return group;
}

void SqlStore::save_user_group_members(const UserGroup& group) {
  db().query("DELETE FROM user_group_members WHERE group_id = ?").bind_all(group.id).run();
  // A few hundred rows per statement: a directory sync writes thousands of groups' members.
  constexpr std::size_t kRowsPerInsert = 500;
  const std::span<const std::int64_t> members = group.member_ids;
  for (std::size_t start = 0; start < members.size(); start += kRowsPerInsert) {
    const auto batch = members.subspan(start, std::min(kRowsPerInsert, members.size() - start));
    std::string sql = "INSERT INTO user_group_members (group_id, user_id) VALUES ";
    for (std::size_t i = 0; i < batch.size(); ++i) sql += i == 0 ? "(?, ?)" : ", (?, ?)";
    auto q = db().query(sql);
    int index = 0;
    for (const auto user_id : batch) {
      q.bind(++index, group.id);
      q.bind(++index, user_id);
    }
    run_or_refuse(
        q, trf("group \"{group}\": a member does not exist or is listed twice",
               fmt::arg("group", group.name)));
  }
}

void SqlStore::refuse_if_profile_names(std::string_view group_name, std::string_view change) {
  for (const auto& profile : load_profiles()) {
    if (names(profile.assigned_groups, group_name)) {
      const auto profile_name = fmt::arg("profile", profile.name);
      const auto group = fmt::arg("group", group_name);
      throw Refusal{change == "rename"
                        ? trf("profile \"{profile}\" is assigned to group \"{group}\": remove the "
                              "group from the profile before you rename it",
                              profile_name, group)
                        : trf("profile \"{profile}\" is assigned to group \"{group}\": remove the "
                              "group from the profile before you delete it",
                              profile_name, group)};
    }
  }
}

namespace {

std::optional<std::string> user_group_problem(const UserGroup& group) {
  if (group.name.empty()) return tr("a group of users needs a name");
  if (group.initial_credit_cents < 0) return tr("a group's initial credit cannot be negative");
  if (group.quota) return model::quota_limits_problem(*group.quota);
  return std::nullopt;
}

}  // namespace

Result<UserGroup> SqlStore::create_user_group(const UserGroup& group, const Actor& actor) {
  if (auto problem = user_group_problem(group)) return Error{*problem};
  return write([&] {
    auto q = db().query(
        "INSERT INTO user_groups (name, description, source, initial_credit_cents, quota_period, "
        "quota_page_limit, quota_cost_limit_cents) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    const auto limits = quota_limit_columns(group.quota);
    q.bind_all(group.name, group.description, group.source, group.initial_credit_cents,
               limits.period, limits.page_limit, limits.cost_limit_cents);
    UserGroup stored = group;
    stored.id = *insert_or_refuse(
        q, trf("a group of users named \"{group}\" already exists", fmt::arg("group", group.name)));
    save_user_group_members(stored);
    stored = *load_user_group(stored.id);
    audit(actor, "create", "user-group", stored.name, nlohmann::json(stored).dump());
    return stored;
  });
}

Result<UserGroup> SqlStore::update_user_group(const UserGroup& group, const Actor& actor) {
  if (auto problem = user_group_problem(group)) return Error{*problem};
  return write([&] {
    auto current = load_user_group(group.id);
    if (!current) {
      throw Refusal{trf("there is no group of users with id {id}", fmt::arg("id", group.id))};
    }
    if (current->name != group.name) refuse_if_profile_names(current->name, "rename");
    if (current->name != group.name && !current->source.empty()) {
      throw Refusal{trf("group \"{group}\" comes from directory \"{directory}\": rename it there",
                        fmt::arg("group", current->name),
                        fmt::arg("directory", current->source))};
    }
    auto q = db().query(
        "UPDATE user_groups SET name = ?, description = ?, initial_credit_cents = ?, "
        "quota_period = ?, quota_page_limit = ?, quota_cost_limit_cents = ? WHERE id = ?");
    const auto limits = quota_limit_columns(group.quota);
    q.bind_all(group.name, group.description, group.initial_credit_cents,
               limits.period, limits.page_limit, limits.cost_limit_cents, group.id);
    run_or_refuse(q, trf("a group of users named \"{group}\" already exists",
                         fmt::arg("group", group.name)));
    save_user_group_members(group);
    auto stored = *load_user_group(group.id);
    audit(actor, "update", "user-group", stored.name, nlohmann::json(stored).dump());
    return stored;
  });
}

Status SqlStore::delete_user_group(std::int64_t group_id, const Actor& actor) {
  return write([&] {
    auto group = load_user_group(group_id);
    if (!group) {
      throw Refusal{trf("there is no group of users with id {id}", fmt::arg("id", group_id))};
    }
    refuse_if_profile_names(group->name, "delete");
    db().query("DELETE FROM user_groups WHERE id = ?").bind_all(group_id).run();
    audit(actor, "delete", "user-group", group->name, "");
    return std::monostate{};
  });
}

Result<std::optional<UserGroup>> SqlStore::find_user_group(std::int64_t group_id) {
  return read([&] { return load_user_group(group_id); });
}

Result<std::vector<UserGroup>> SqlStore::list_user_groups() {
  // Two queries, not one per group: a directory brings thousands of groups.
  return read([&] {
    std::vector<UserGroup> groups;
    std::map<std::int64_t, std::size_t> index_of;
    {
      auto q = db().query(
          fmt::format("SELECT {} FROM user_groups ORDER BY name", kUserGroupColumns));
      while (q.step()) {
        index_of[q.integer(0)] = groups.size();
        groups.push_back(read_user_group(q));
      }
    }
    auto members =
        db().query("SELECT group_id, user_id FROM user_group_members ORDER BY user_id");
    while (members.step()) {
      groups[index_of.at(members.integer(0))].member_ids.push_back(members.integer(1));
    }
    return groups;
  });
}

namespace {

// Most specific first: the smallest group, then by name (docs/rules.md: which profile, which
// quota). For a query on user_groups g.
constexpr const char* kMostSpecificGroupFirst =
    "(SELECT COUNT(*) FROM user_group_members c WHERE c.group_id = g.id), g.name";

}  // namespace

std::vector<std::string> SqlStore::load_groups_of(std::string_view login) {
  auto q = db().query(fmt::format(
      "SELECT g.name FROM user_groups g"
      " JOIN user_group_members m ON m.group_id = g.id"
      " JOIN users u ON u.id = m.user_id"
      " WHERE u.login = ?"
      " ORDER BY {}",
      kMostSpecificGroupFirst));
  q.bind_all(login);
  std::vector<std::string> groups;
  while (q.step()) groups.push_back(q.text(0));
  return groups;
}

Result<std::vector<std::string>> SqlStore::groups_of(std::string_view login) {
  return read([&] {
    auto groups = load_groups_of(login);
    std::sort(groups.begin(), groups.end());
    return groups;
  });
}

Result<std::optional<ClientProfile>> SqlStore::profile_for(std::string_view login) {
  return read([&]() -> std::optional<ClientProfile> {
    const auto profiles = load_profiles();  // in name order
    for (const auto& p : profiles) {
      if (names(p.assigned_users, login)) return p;
    }
    for (const auto& group : load_groups_of(login)) {
      for (const auto& p : profiles) {
        if (names(p.assigned_groups, group)) return p;
      }
    }
    for (const auto& p : profiles) {
      if (p.is_default) return p;
    }
    return std::nullopt;
  });
}

void SqlStore::attach_group_quotas(std::span<model::User> users) {
  if (users.empty()) return;
  std::map<std::int64_t, model::User*> by_id;
  for (auto& user : users) {
    user.group_quota.reset();
    user.quota_group.clear();
    by_id[user.id] = &user;
  }
  // The usage columns count for whichever quota applies (User::effective_quota).
  auto q = db().query(fmt::format(
      "SELECT m.user_id, g.name, g.quota_period, g.quota_page_limit, g.quota_cost_limit_cents,"
      " u.quota_used_pages, u.quota_used_cost_cents, u.quota_period_start"
      " FROM user_group_members m JOIN user_groups g ON g.id = m.group_id"
      " JOIN users u ON u.id = m.user_id"
      " WHERE g.quota_period IS NOT NULL{}"
      " ORDER BY m.user_id, {}",
      users.size() == 1 ? " AND m.user_id = ?" : "", kMostSpecificGroupFirst));
  if (users.size() == 1) q.bind_all(users.front().id);
  while (q.step()) {
    auto user = by_id.find(q.integer(0));
    if (user == by_id.end() || user->second->group_quota) continue;  // not asked, or a larger group
    auto quota = read_quota_limits(q, 2);
    quota->used_pages = q.integer(5);
    quota->used_cost_cents = q.integer(6);
    quota->period_start = from_unix(q.integer(7));
    user->second->group_quota = quota;
    user->second->quota_group = q.text(1);
  }
}

}  // namespace printline::store::sql
