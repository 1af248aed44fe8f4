#pragma once
// Checks a Desktop Client profile before it is saved (D8 and the plain sanity rules).
// Errors refuse the save; warnings are shown but the profile may be saved. Every finding
// names the field and, where it is about a printer, the printer, and says what to do.

#include <span>
#include <string>
#include <vector>

#include "model/client_profile.h"
#include "model/printer.h"

namespace printline::model {

struct ProfileFinding {
  std::string field;    // e.g. "fallback.port", "fallback.printers", "connect_timeout_ms"
  std::string message;  // for people
};

struct ProfileCheck {
  std::vector<ProfileFinding> errors;
  std::vector<ProfileFinding> warnings;

  bool ok() const { return errors.empty(); }
  std::string summary() const;  // all errors then warnings, one per line
};

// fallback_printers: the printers the profile falls back to, already resolved (the listed
// printers, or the members of its group). The caller reports ids that resolve to nothing.
ProfileCheck check_profile(const ClientProfile& profile,
                           std::span<const Printer> fallback_printers);

// D8 when a printer or a printer group changes: the errors the profile would have with its
// fallback printers after the change that it did not have before (so a profile that was
// already wrong does not block unrelated changes). Each message names the profile, e.g.
// profile "Staff": printer "x" is not a Kyocera device ... An empty answer: the change may
// be saved.
std::vector<ProfileFinding> errors_a_change_adds(const ClientProfile& profile,
                                                 std::span<const Printer> before,
                                                 std::span<const Printer> after);

}  // namespace printline::model
