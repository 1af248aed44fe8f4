#pragma once
// Finding objects by the references the API accepts: a numeric id or a name / login
// (docs/api.md, object references). Store failures throw ApiError (500).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/printer.h"
#include "model/user.h"
#include "store/store.h"

namespace printline::server {

std::optional<model::Printer> lookup_printer(store::Store& store, std::string_view reference);
std::optional<model::User> lookup_user(store::Store& store, std::string_view reference);

// A reference given in JSON: an integer id or a string; nullopt for anything else.
std::optional<std::string> json_reference(const nlohmann::json& value);

}  // namespace printline::server
