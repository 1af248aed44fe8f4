#include "server/user_fields.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/user.h"
#include "server/api_route.h"

namespace printline::server {

std::string checked_password(const nlohmann::json& body, const char* field) {
  std::string password = string_field(body, field);
  if (password.size() < kMinPasswordLength) {
    throw invalid(trf("The password has {count} characters; use at least {least}.",
                      fmt::arg("count", password.size()), fmt::arg("least", kMinPasswordLength)),
                  field);
  }
  return password;
}

std::optional<std::string> set_or_remove_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name)) {
    throw bad_request(trf("Field \"{field}\" is required (a string, or null to remove it).",
                          fmt::arg("field", name)),
                      name);
  }
  if (body[name].is_null()) return std::nullopt;
  return string_field(body, name);
}

void check_language_field(const nlohmann::json& body) {
  if (!body.contains("language")) return;
  const std::string language = string_field(body, "language");
  if (!language.empty() && !model::is_known_language(language)) {
    throw invalid(trf("There are no texts in \"{language}\": choose \"en\" (English), \"fr\" "
                      "(French) or \"\" (the browser's or the workstation's language).",
                      fmt::arg("language", language)),
                  "language");
  }
}

void check_quota_field(const nlohmann::json& body) {
  auto quota = body.find("quota");
  if (quota == body.end() || quota->is_null()) return;
  if (!quota->is_object()) {
    throw bad_request(
        tr("Field \"quota\" must be an object {period, page_limit, cost_limit_cents} or null."),
        "quota");
  }
  for (const auto& [key, value] : quota->items()) {
    if (key != "period" && key != "page_limit" && key != "cost_limit_cents") {
      throw unknown_field("quota." + key);
    }
    if (key == "period" || value.is_null()) continue;
    if (!value.is_number_integer() || value.get<double>() < 0 ||
        value.get<double>() > static_cast<double>(kMaxQuotaLimit)) {
      throw invalid(trf("quota.{field} is a whole number from 0 to {most}, or null for no limit.",
                        fmt::arg("field", key), fmt::arg("most", kMaxQuotaLimit)),
                    "quota." + key);
    }
  }
}

}  // namespace printline::server
