#pragma once
// One control request in, one answer line out: the translation from the control protocol to
// ClientService calls, apart from the socket, so tests and the fuzzer drive it directly.
// "subscribe" is not answered here: the socket server turns the connection into a stream.

#include <string>

#include "client/client_service.h"
#include "client/control_protocol.h"
#include "client/unix_socket.h"

namespace printline::client {

// document: the descriptor that came with a submit request (invalid when none did).
std::string answer_request(ClientService& service, const ControlRequest& request,
                           UniqueFd document);

// A job named by its UUID or by a prefix of it that only one job has; the error says
// which it is not.
Result<std::string> resolve_job_reference(const ClientService& service, const std::string& ref);

}  // namespace printline::client
