// Printer groups (administrators) and print queues (everyone reads, administrators write).

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_route.h"
#include "server/profile_recheck.h"

namespace printline::server {
namespace {

using model::PrinterGroup;
using model::PrintQueue;

PrinterGroup find_group(ApiCall& call, const std::string& reference) {
  auto& store = call.context.store;
  if (auto id = as_id(reference)) {
    if (auto found = read_or_throw(store.find_group(*id))) return *found;
  } else {
    for (auto& group : read_or_throw(store.list_groups())) {
      if (group.name == reference) return group;
    }
  }
  throw not_found(trf("There is no printer group \"{group}\". GET /api/v1/groups lists them.",
                      fmt::arg("group", reference)));
}

PrintQueue find_queue(ApiCall& call, const std::string& reference) {
  auto& store = call.context.store;
  if (auto id = as_id(reference)) {
    for (auto& queue : read_or_throw(store.list_queues())) {
      if (queue.id == *id) return queue;
    }
  } else if (auto found = read_or_throw(store.find_queue_by_name(reference))) {
    return *found;
  }
  throw not_found(trf("There is no queue \"{queue}\". GET /api/v1/queues lists them.",
                      fmt::arg("queue", reference)));
}

void check_group_printers(ApiCall& call, const PrinterGroup& group) {
  if (group.name.empty()) throw invalid(tr("The group needs a name."), "name");
  for (auto id : group.printer_ids) {
    if (!read_or_throw(call.context.store.find_printer(id))) {
      throw invalid(trf("There is no printer with id {id}: remove it from printer_ids.",
                        fmt::arg("id", id)),
                    "printer_ids");
    }
  }
}

void check_queue(const PrintQueue& queue) {
  if (auto problem = model::queue_problem(queue)) {
    throw invalid(
        trf("The queue cannot be saved: {problem}.", fmt::arg("problem", problem->message)),
        problem->field);
  }
}

void list_groups(ApiCall& call) {
  send_json(call.response, {{"groups", read_or_throw(call.context.store.list_groups())}});
}
void get_group(ApiCall& call) { send_json(call.response, find_group(call, call.path_part(1))); }

void create_group(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"name", "description", "printer_ids"});
  string_field(body, "name");
  auto group = merge_fields(PrinterGroup{}, body);
  check_group_printers(call, group);
  send_json(call.response, write_or_throw(call.context.store.create_group(group, call.actor())),
            201);
}

void update_group(ApiCall& call) {
  auto current = find_group(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, {"name", "description", "printer_ids"});
  auto group = merge_fields(current, body);
  group.id = current.id;
  check_group_printers(call, group);
  refuse_if_profiles_break(call, std::nullopt, group);  // D8
  send_json(call.response, write_or_throw(call.context.store.update_group(group, call.actor())));
}

void delete_group(ApiCall& call) {
  auto group = find_group(call, call.path_part(1));
  write_or_throw(call.context.store.delete_group(group.id, call.actor()));
  send_no_content(call.response);
}

const std::initializer_list<std::string_view> kQueueFields = {"name", "kind", "printer_id",
                                                              "group_id", "hold_expiry_seconds"};

void list_queues(ApiCall& call) {
  send_json(call.response, {{"queues", read_or_throw(call.context.store.list_queues())}});
}
void get_queue(ApiCall& call) { send_json(call.response, find_queue(call, call.path_part(1))); }

void create_queue(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, kQueueFields);
  string_field(body, "name");
  auto queue = merge_fields(PrintQueue{}, body);
  check_queue(queue);
  send_json(call.response, write_or_throw(call.context.store.create_queue(queue, call.actor())),
            201);
}

void update_queue(ApiCall& call) {
  auto current = find_queue(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, kQueueFields);
  auto queue = merge_fields(current, body);
  queue.id = current.id;
  check_queue(queue);
  send_json(call.response, write_or_throw(call.context.store.update_queue(queue, call.actor())));
}

void delete_queue(ApiCall& call) {
  auto queue = find_queue(call, call.path_part(1));
  write_or_throw(call.context.store.delete_queue(queue.id, call.actor()));
  send_no_content(call.response);
}

}  // namespace

void add_group_and_queue_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/groups", Access::kAdmin, list_groups});
  routes.push_back({"POST", "/api/v1/groups", Access::kAdmin, create_group});
  routes.push_back({"GET", R"(/api/v1/groups/([^/]+))", Access::kAdmin, get_group});
  routes.push_back({"PATCH", R"(/api/v1/groups/([^/]+))", Access::kAdmin, update_group});
  routes.push_back({"DELETE", R"(/api/v1/groups/([^/]+))", Access::kAdmin, delete_group});
  routes.push_back({"GET", "/api/v1/queues", Access::kUser, list_queues});
  routes.push_back({"POST", "/api/v1/queues", Access::kAdmin, create_queue});
  routes.push_back({"GET", R"(/api/v1/queues/([^/]+))", Access::kUser, get_queue});
  routes.push_back({"PATCH", R"(/api/v1/queues/([^/]+))", Access::kAdmin, update_queue});
  routes.push_back({"DELETE", R"(/api/v1/queues/([^/]+))", Access::kAdmin, delete_queue});
}

}  // namespace printline::server
