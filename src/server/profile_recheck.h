#pragma once
// D8 when a printer or a printer group changes: every Desktop Client profile that falls back to
// it is checked again with the change applied, and a change that would break one (a
// KX-integrated profile left with a printer that has no device spooling port, a printer that
// no longer allows fallback, ...) is refused, naming the profile — instead of the desktop
// client silently dropping that printer later.

#include <optional>

#include "model/printer.h"
#include "model/printer_group.h"
#include "server/api_route.h"

namespace printline::server {

// Throws ApiError (422, field "profiles", details listing every finding) when saving
// `changed_printer` or `changed_group` would add an error to a profile.
void refuse_if_profiles_break(ApiCall& call, const std::optional<model::Printer>& changed_printer,
                              const std::optional<model::PrinterGroup>& changed_group);

}  // namespace printline::server
