#pragma once
// RFC 1179 printing (lpd://host[:port]/queue): receive-job, control file, data file, each
// acknowledgement checked. The data file announces its size, so a document of unknown size (a pipe)
// is first spooled to an unlinked temporary file; memory stays constant either way.

#include "transport/print_transport.h"

namespace printline::transport {

class LprTransport : public PrintTransport {
 public:
  SendResult send(const DeviceUri& uri, DocumentSource& document,
                  const SendOptions& options) const override;
};

}  // namespace printline::transport
