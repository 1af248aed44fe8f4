#include "model/user_group.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, const UserGroup& group) {
  j = {{"id", group.id},
       {"name", group.name},
       {"description", group.description},
       {"member_ids", group.member_ids},
       {"source", group.source},
       {"initial_credit_cents", group.initial_credit_cents}};
}

void from_json(const nlohmann::json& j, UserGroup& group) {
  read_optional_field(j, "id", group.id);
  j.at("name").get_to(group.name);
  read_optional_field(j, "description", group.description);
  read_optional_field(j, "member_ids", group.member_ids);
  read_optional_field(j, "initial_credit_cents", group.initial_credit_cents);
}

}  // namespace printline::model
