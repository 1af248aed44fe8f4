#pragma once
// Sends a spooled document to one printer the way that printer must get it (D11), on the
// server's delivery and the desktop client's fallback alike:
//   - an option of the ticket the printer cannot do (duplex on a simplex printer, paper it does
//     not take) is refused before a byte is sent, with a message naming printer and option;
//   - RAW and LPR printers get the PJL ticket (sides, render mode, copies, paper) and the
//     document in their language, converted by Ghostscript (src/render) and streamed from its
//     pipe: grey when monochrome is asked, page ranges and number-up applied;
//   - IPP printers get the document as it is, with the ticket as IPP attributes; page ranges
//     and number-up the printer does not do are applied by Ghostscript (to PDF or PostScript,
//     whichever it takes) and left out of the attributes.
// Threading: independent calls may run on any thread; cancel through options.cancel.

#include <filesystem>
#include <string_view>

#include "model/printer.h"
#include "transport/send_options.h"
#include "transport/send_outcome.h"

namespace printline::transport {

// device_uri: where to send, usually printer.device_uri (the client's fallback may use the
// printer's spooling port instead). options.document_format and the PJL language are decided
// here from the document's first bytes and the printer; options.pjl_wrap is honoured.
SendResult send_to_printer(const model::Printer& printer, std::string_view device_uri,
                           const std::filesystem::path& document, SendOptions options);

}  // namespace printline::transport
