#include "model/user_group.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, const UserGroup& group) {
  j = {{"id", group.id},
       {"name", group.name},
       {"description", group.description},
       {"member_ids", group.member_ids},
       {"source", group.source},
       {"initial_credit_cents", group.initial_credit_cents},
       {"quota", group.quota ? quota_limits_json(*group.quota) : nlohmann::json(nullptr)}};
}

void from_json(const nlohmann::json& j, UserGroup& group) {
  read_optional_field(j, "id", group.id);
  j.at("name").get_to(group.name);
  read_optional_field(j, "description", group.description);
  read_optional_field(j, "member_ids", group.member_ids);
  read_optional_field(j, "initial_credit_cents", group.initial_credit_cents);
  if (auto it = j.find("quota"); it != j.end()) {
    group.quota.reset();
    if (!it->is_null()) group.quota = it->get<Quota>();
  }
}

}  // namespace printline::model
