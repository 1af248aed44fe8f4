#pragma once
// D10, two-phase submission: the IPP operation attribute with which the desktop client asks a
// server queue to keep its Print-Job uncommitted — recorded, neither printed nor charged —
// until the client commits it by UUID (POST /api/v1/jobs/<uuid>/commit). A Printline
// extension (boolean, operation group); other IPP clients never send it and print at once.

namespace printline::model {

inline constexpr const char* kCommitByUuidAttribute = "printline-commit-by-uuid";

}  // namespace printline::model
