#pragma once
// The job ticket (model/job_ticket.h, D11) as IPP job template attributes, both ways, through
// libcups: the one place where copies, sides, media, page-ranges … become IPP values. Used to
// send a ticket (to an IPP printer, and the desktop client's submission to the server) and to
// read one (the server's queues and the client's local printer, src/ipp).

#include <cups/ipp.h>

#include <string>
#include <string_view>

#include "core/error.h"
#include "model/job_ticket.h"

namespace printline::transport {

// Adds the ticket's attributes to the request's job group — only what differs from the
// defaults, so a printer is asked nothing the user did not ask: copies,
// multiple-document-handling, sides, print-color-mode, media (a size alone) or media-col
// (size with type or source), orientation-requested, page-ranges (rangeOfInteger),
// number-up, print-quality and finishings (enums; a keyword IPP has no enum for is left out —
// the ticket's checks at intake keep such keywords out).
void add_ticket_attributes(ipp_t* request, const model::JobTicket& ticket);

// The ticket a request's job template asks for; absent attributes are the defaults. Bounded
// (D12): every value is checked for its syntax, count and range, and an error names the
// attribute and says what it may be. Printer-side checks against *-supported are the IPP
// core's (src/ipp), not this codec's.
Result<model::JobTicket> ticket_from_ipp(ipp_t* request);

// The PWG name of a paper size given by any name libcups or the model knows ("A4",
// "iso_a4_210x297mm", a legacy PPD name), else empty.
std::string pwg_size_name(std::string_view name);

}  // namespace printline::transport
