#pragma once
// Every job gets a UUID where it is born (the desktop client or the server); retries and
// uploads carry it so that the job is printed and charged once (SPEC D6).

#include <string>
#include <string_view>

namespace printline {

// A random (version 4) UUID in canonical lower-case form, e.g. "1b4e28ba-2fa1-4d2b-a3f6-...".
std::string new_job_uuid();

// True for the canonical 36-character form with hexadecimal digits (any version).
bool is_valid_job_uuid(std::string_view text);

}  // namespace printline
