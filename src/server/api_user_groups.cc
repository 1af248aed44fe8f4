// Groups of users (administrators): a Desktop Client profile assigned to a group reaches its
// members.

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.h"
#include "server/api_route.h"
#include "server/user_fields.h"

namespace printline::server {
namespace {

using model::UserGroup;

// D12: every number a client sends is bounded; a million euros of credit is no typo to accept.
constexpr std::int64_t kMaxInitialCreditCents = 100'000'000;

UserGroup find_user_group(ApiCall& call, const std::string& reference) {
  auto& store = call.context.store;
  if (auto id = as_id(reference)) {
    if (auto found = read_or_throw(store.find_user_group(*id))) return *found;
  } else {
    for (auto& group : read_or_throw(store.list_user_groups())) {
      if (group.name == reference) return group;
    }
  }
  throw not_found(
      trf("There is no group of users \"{group}\". GET /api/v1/user-groups lists them.",
          fmt::arg("group", reference)));
}

// Members are kept in ascending id order, each once.
void check_members(ApiCall& call, UserGroup& group) {
  if (group.name.empty()) throw invalid(tr("The group needs a name."), "name");
  if (group.initial_credit_cents < 0 || group.initial_credit_cents > kMaxInitialCreditCents) {
    throw invalid(trf("The initial credit is 0 to {most} cents.",
                      fmt::arg("most", kMaxInitialCreditCents)),
                  "initial_credit_cents");
  }
  std::sort(group.member_ids.begin(), group.member_ids.end());
  group.member_ids.erase(std::unique(group.member_ids.begin(), group.member_ids.end()),
                         group.member_ids.end());
  for (auto id : group.member_ids) {
    if (!read_or_throw(call.context.store.find_user(id))) {
      throw invalid(trf("There is no user with id {id}: remove it from member_ids.",
                        fmt::arg("id", id)),
                    "member_ids");
    }
  }
}

void list_groups(ApiCall& call) {
  send_json(call.response, {{"user_groups", read_or_throw(call.context.store.list_user_groups())}});
}

void get_group(ApiCall& call) {
  send_json(call.response, find_user_group(call, call.path_part(1)));
}

void create_group(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body,
                       {"name", "description", "member_ids", "initial_credit_cents", "quota"});
  check_quota_field(body);
  string_field(body, "name");
  auto group = merge_fields(UserGroup{}, body);
  check_members(call, group);
  send_json(call.response,
            write_or_throw(call.context.store.create_user_group(group, call.actor())), 201);
}

void update_group(ApiCall& call) {
  auto current = find_user_group(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body,
                       {"name", "description", "member_ids", "initial_credit_cents", "quota"});
  check_quota_field(body);
  auto group = merge_fields(current, body);
  group.id = current.id;
  check_members(call, group);
  send_json(call.response,
            write_or_throw(call.context.store.update_user_group(group, call.actor())));
}

void delete_group(ApiCall& call) {
  auto group = find_user_group(call, call.path_part(1));
  write_or_throw(call.context.store.delete_user_group(group.id, call.actor()));
  send_no_content(call.response);
}

}  // namespace

void add_user_group_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/user-groups", Access::kAdmin, list_groups});
  routes.push_back({"POST", "/api/v1/user-groups", Access::kAdmin, create_group});
  routes.push_back({"GET", R"(/api/v1/user-groups/([^/]+))", Access::kAdmin, get_group});
  routes.push_back({"PATCH", R"(/api/v1/user-groups/([^/]+))", Access::kAdmin, update_group});
  routes.push_back({"DELETE", R"(/api/v1/user-groups/([^/]+))", Access::kAdmin, delete_group});
}

}  // namespace printline::server
