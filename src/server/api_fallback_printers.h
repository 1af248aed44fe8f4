#pragma once
// A profile's fallback printers as the API shows and checks them: the listed printers or the
// group's members, each with its effective fallback address (FP-6, FP-9, D8). Shared by
// profile validation, GET /me/profile and the fallback test, so the three cannot disagree.

#include <nlohmann/json.hpp>
#include <vector>

#include "model/client_profile.h"
#include "model/printer.h"
#include "model/profile_validation.h"
#include "store/store.h"

namespace printline::server {

struct ResolvedFallbackPrinters {
  std::vector<model::Printer> printers;        // in the profile's order
  std::vector<model::ProfileFinding> missing;  // ids or group that name nothing
};

// Throws ApiError (500) when the store fails.
ResolvedFallbackPrinters resolve_fallback_printers(store::Store& store,
                                                   const model::FallbackSettings& settings);

// {printer, usable, device_uri, port, spooling_port, may_be_counted_twice, warning, problem}
// as docs/api.md describes for GET /api/v1/me/profile.
nlohmann::json fallback_printer_json(const model::Printer& printer,
                                     const model::FallbackSettings& settings);

}  // namespace printline::server
