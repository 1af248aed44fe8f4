#pragma once
// Words for a person: what happened at which printer and what to do next. One place, so that
// RAW, LPR and IPP say the same thing about the same outcome.

#include <string>
#include <string_view>

#include "transport/send_outcome.h"
#include "transport/tcp_connection.h"

namespace printline::transport {

// FP-3: why a printer that answers may still refuse a job, and what to do about it, in the
// reader's language.
std::string rejection_cause();

// A result with outcome, message and device message filled in. detail is our own explanation
// (e.g. "Connection refused"); device_message is the device's own words, quoted in the message.
SendResult make_result(Outcome outcome, std::string_view printer, std::string_view detail = {},
                       std::string device_message = {});

// How a failed connection or transfer is classified: refused/no route/connect timeout are
// unreachable, a stall is a time-out, a reset while sending is the device rejecting the job.
Outcome outcome_for(const IoError& error);

// make_result for an IoError; io_timeout is named in the message of a stall.
SendResult io_failure(std::string_view printer, const IoError& error,
                      std::chrono::milliseconds io_timeout);

}  // namespace printline::transport
