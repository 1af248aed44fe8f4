#pragma once
// IPP printing (ipp://, ipps://) through libcups only: Create-Job + Send-Document when the
// printer lists both in operations-supported, else Print-Job (SendOptions::ipp_operations can
// force one). The IPP status is classified like the CUPS ipp backend does.

#include "transport/device_uri.h"
#include "transport/ipp_client.h"
#include "transport/print_transport.h"
#include "transport/send_options.h"

namespace printline::transport {

// The IPP client's view of a printer's URI and of a send's options (timeouts, trust, user,
// cancel flag), for every IPP exchange with a printer.
IppEndpoint ipp_endpoint(const DeviceUri& uri);
IppClientSettings ipp_settings(const SendOptions& options);

class IppTransport : public PrintTransport {
 public:
  SendResult send(const DeviceUri& uri, DocumentSource& document,
                  const SendOptions& options) const override;
};

}  // namespace printline::transport
