#include "store/directory_sync_plan.h"

#include <algorithm>

namespace printline::store {
namespace {

constexpr std::size_t kListedNames = 1000;

template <typename Item, typename Name>
nlohmann::json first_names(const std::vector<Item>& items, Name name) {
  auto names = nlohmann::json::array();
  for (std::size_t i = 0; i < std::min(items.size(), kListedNames); ++i) {
    names.push_back(name(items[i]));
  }
  return names;
}

std::string login_of(const DirectoryAccount& account) { return account.login; }
std::string name_of(const DirectoryGroup& group) { return group.name; }
std::string itself(const std::string& text) { return text; }

}  // namespace

void to_json(nlohmann::json& j, const DirectorySyncPlan& plan) {
  j = {{"source", plan.source},
       {"counts",
        {{"create", plan.create.size()},
         {"update", plan.update.size()},
         {"enable", plan.enable.size()},
         {"disable", plan.disable.size()},
         {"create_groups", plan.create_groups.size()},
         {"update_groups", plan.update_groups.size()},
         {"unchanged", plan.unchanged}}},
       {"create", first_names(plan.create, login_of)},
       {"update", first_names(plan.update, login_of)},
       {"enable", first_names(plan.enable, itself)},
       {"disable", first_names(plan.disable, itself)},
       {"create_groups", first_names(plan.create_groups, name_of)},
       {"update_groups", first_names(plan.update_groups, name_of)},
       {"warnings", plan.warnings}};
}

}  // namespace printline::store
