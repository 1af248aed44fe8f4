#pragma once
// What is left of a quota this period, for people (`printline status`, the tray), in the
// workstation's language: "120 of 500 pages left this month", "€4.50 of €20.00 left today".

#include <string>

#include "model/quota.h"

namespace printline::client {

// currency: the server's (ISO 4217), empty when unknown. The page limit when there is one,
// else the spending limit; empty when the quota limits neither.
std::string quota_left_text(const model::Quota& quota, const std::string& currency);

}  // namespace printline::client
