#include "server/profile_recheck.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/profile_validation.h"
#include "server/api_fallback_printers.h"

namespace printline::server {
namespace {

// The profile's fallback printers as they would be after the change.
std::vector<model::Printer> printers_after(ApiCall& call, const model::ClientProfile& profile,
                                           std::vector<model::Printer> before,
                                           const std::optional<model::Printer>& printer,
                                           const std::optional<model::PrinterGroup>& group) {
  if (group && profile.fallback.group_id == group->id) {
    before.clear();
    for (auto id : group->printer_ids) {
      if (auto found = read_or_throw(call.context.store.find_printer(id))) {
        before.push_back(*found);
      }
    }
  }
  if (printer) {
    for (auto& p : before) {
      if (p.id == printer->id) p = *printer;
    }
  }
  return before;
}

}  // namespace

void refuse_if_profiles_break(ApiCall& call, const std::optional<model::Printer>& changed_printer,
                              const std::optional<model::PrinterGroup>& changed_group) {
  std::vector<model::ProfileFinding> added;
  for (const auto& profile : read_or_throw(call.context.store.list_profiles())) {
    const auto before = resolve_fallback_printers(call.context.store, profile.fallback).printers;
    const auto after = printers_after(call, profile, before, changed_printer, changed_group);
    auto found = model::errors_a_change_adds(profile, before, after);
    added.insert(added.end(), found.begin(), found.end());
  }
  if (added.empty()) return;
  nlohmann::json details = nlohmann::json::array();
  for (const auto& f : added) details.push_back({{"field", f.field}, {"message", f.message}});
  const std::string& problem = added.front().message;
  auto error = invalid(
      changed_group
          ? trf("The change is not saved because it would break a Desktop Client profile: "
                "{problem}. Change the profile first, or keep the group as it was.",
                fmt::arg("problem", problem))
          : trf("The change is not saved because it would break a Desktop Client profile: "
                "{problem}. Change the profile first, or keep the printer as it was.",
                fmt::arg("problem", problem)),
      "profiles");
  error.details = details;
  throw error;
}

}  // namespace printline::server
