#include "transport/socket_transport.h"

#include <algorithm>

#include "transport/document_pump.h"
#include "transport/outcome_message.h"
#include "transport/pjl.h"

namespace printline::transport {
namespace {

// After the last byte, how long to wait for the printer to close or reset the connection.
// A reset here still means the job was refused; silence means it was taken.
constexpr std::chrono::milliseconds kMaxCloseWait{5000};

}  // namespace

SendResult SocketTransport::send(const DeviceUri& uri, DocumentSource& document,
                                 const SendOptions& options) const {
  TcpConnection connection({options.connect_timeout, options.io_timeout, options.cancel});
  if (auto error = connection.connect(uri.host, uri.port)) {
    return io_failure(uri.text, *error, options.io_timeout);
  }
  auto fail = [&](const IoError& error) {
    SendResult result = io_failure(uri.text, error, options.io_timeout);
    result.bytes_sent = connection.bytes_written();
    return result;
  };
  auto write = [&](std::span<const char> data) { return connection.write_all(data); };
  if (options.pjl_wrap) {
    if (auto error = connection.write_text(
            pjl_job_header(options.job_uuid, options.user, options.title, options.ticket,
                           options.pjl_language))) {
      return fail(*error);
    }
  }
  if (auto failure = pump_document(document, write)) {
    if (failure->io) return fail(*failure->io);
    SendResult result = make_result(Outcome::kInvalidRequest, uri.text, failure->read_error);
    result.bytes_sent = connection.bytes_written();
    return result;
  }
  if (options.pjl_wrap) {
    if (auto error = connection.write_text(pjl_job_footer(options.job_uuid))) return fail(*error);
  }
  connection.shutdown_write();
  if (auto error = connection.drain_until_closed(std::min(options.io_timeout, kMaxCloseWait))) {
    return fail(*error);
  }
  SendResult result = make_result(Outcome::kDelivered, uri.text);
  result.bytes_sent = connection.bytes_written();
  return result;
}

}  // namespace printline::transport
