#pragma once
// IPP printing (ipp://, ipps://) through libcups only: Create-Job + Send-Document when the
// printer lists both in operations-supported, else Print-Job (SendOptions::ipp_operations can
// force one). The IPP status is classified like the CUPS ipp backend does.

#include "transport/print_transport.h"

namespace printline::transport {

class IppTransport : public PrintTransport {
 public:
  SendResult send(const DeviceUri& uri, DocumentSource& document,
                  const SendOptions& options) const override;
};

}  // namespace printline::transport
