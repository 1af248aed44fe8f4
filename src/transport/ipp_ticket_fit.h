#pragma once
// What of a job ticket an IPP printer is sent (D11): only the attributes it says it supports
// (Get-Printer-Attributes, ipp_client.h). An asked option it cannot do is refused before
// anything is sent, with a message naming the printer and the option ("floor1-mono cannot
// print on A3: ..."), never dropped silently. What needs no attribute is left out: one-sided
// on a printer that has no sides, monochrome or colour on a printer without
// print-color-mode (a mono printer prints grey anyway, as model/printer_capabilities.h says).

#include <string>

#include "core/error.h"
#include "model/job_ticket.h"
#include "transport/ipp_client.h"

namespace printline::transport {

// The ticket to send, or the refusal. printer: the name people know the printer by.
Result<model::JobTicket> fit_ticket(const model::JobTicket& ticket,
                                    const IppPrinterSupport& support, const std::string& printer);

// Whether the ticket asks anything beyond "as the document is".
bool asks_anything(const model::JobTicket& ticket);

}  // namespace printline::transport
