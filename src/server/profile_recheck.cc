#include "server/profile_recheck.h"

#include <fmt/format.h>

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
  auto error = invalid(
      fmt::format("The change is not saved because it would break a Desktop Client profile: {}. "
                  "Change the profile first, or keep the {} as it was.",
                  added.front().message, changed_group ? "group" : "printer"),
      "profiles");
  error.details = details;
  throw error;
}

}  // namespace printline::server
