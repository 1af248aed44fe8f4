#pragma once
// Per-printer logging of send outcomes (PAPPL style): the first failure of a printer is logged
// at error level, further failures of the same kind at debug level until it delivers again,
// so a printer that stays down does not flood the log.

#include <string_view>

#include "transport/send_outcome.h"

namespace printline::transport {

void log_send_result(std::string_view device_uri, const SendResult& result);

}  // namespace printline::transport
