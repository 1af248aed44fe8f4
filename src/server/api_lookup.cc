#include "server/api_lookup.h"

#include "server/api_json_response.h"
#include "server/api_route.h"

namespace printline::server {

std::optional<model::Printer> lookup_printer(store::Store& store, std::string_view reference) {
  if (auto id = as_id(reference)) return read_or_throw(store.find_printer(*id));
  return read_or_throw(store.find_printer_by_name(reference));
}

std::optional<model::User> lookup_user(store::Store& store, std::string_view reference) {
  if (auto id = as_id(reference)) return read_or_throw(store.find_user(*id));
  return read_or_throw(store.find_user_by_login(reference));
}

std::optional<std::string> json_reference(const nlohmann::json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_string() && !value.get<std::string>().empty()) return value.get<std::string>();
  return std::nullopt;
}

}  // namespace printline::server
