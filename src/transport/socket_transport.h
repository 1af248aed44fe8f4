#pragma once
// RAW printing (socket://host:port, AppSocket/JetDirect): connect, stream the document (optionally
// PJL-wrapped), half-close, and wait briefly for the printer to close. A reset while sending means
// the device refused the job.

#include "transport/print_transport.h"

namespace printline::transport {

class SocketTransport : public PrintTransport {
 public:
  SendResult send(const DeviceUri& uri, DocumentSource& document,
                  const SendOptions& options) const override;
};

}  // namespace printline::transport
