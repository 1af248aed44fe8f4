// The CUPS backend `printline` (device URI printline:/): hands a CUPS queue's job to the job
// user's desktop client through its control socket, passing the document as a descriptor,
// and reports OK only once the client said the job is durable in its outbox. See
// `man backend` for the calling convention; messages on stderr use CUPS's prefixes.

#include <cups/backend.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "backend_uri.h"
#include "cups_job_ticket.h"
#include "user_socket.h"
#include "client/control_socket_client.h"

namespace {

using printline::client::ControlCommand;
using printline::client::ControlError;
using printline::client::ControlRequest;
using printline::client::ControlSocketClient;

int fail(int status, const std::string& message) {
  std::cerr << "ERROR: " << message << std::endl;
  return status;
}

// What reaches us is the filters' output; CUPS's raw and printer-specific types say nothing
// useful, so the client detects the format itself.
std::string document_format() {
  const char* type = std::getenv("FINAL_CONTENT_TYPE");
  if (!type || !*type) type = std::getenv("CONTENT_TYPE");
  if (!type) return "";
  const std::string value = type;
  if (value.rfind("printer/", 0) == 0 || value == "application/vnd.cups-raw") return "";
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 1) {
    // Device discovery (lpinfo -v): one line, the scheme CUPS offers when adding a queue.
    std::cout << "network printline \"Unknown\" \"Printline desktop client\"" << std::endl;
    return CUPS_BACKEND_OK;
  }
  if (argc < 6 || argc > 7) {
    std::cerr << "Usage: printline job-id user title copies options [file]" << std::endl;
    return CUPS_BACKEND_FAILED;
  }
  const char* device_uri = std::getenv("DEVICE_URI");
  const std::string uri = device_uri && *device_uri ? device_uri : argv[0];
  auto parsed = printline::cups_backend::parse_backend_uri(uri);
  if (!parsed) {
    return fail(CUPS_BACKEND_STOP, "The device URI \"" + uri +
                                       "\" is not a printline: URI; set the queue's device to "
                                       "printline:/.");
  }
  const std::string user = argv[2];
  std::string why;
  auto socket = printline::cups_backend::socket_for_user(*parsed, user, &why);
  if (!socket) return fail(CUPS_BACKEND_FAILED, why);

  // What the user asked (D11): copies and the lp -o options. From stdin the filters already
  // made the copies, ranges and pages per side.
  auto ticket = printline::cups_backend::ticket_from_cups(argv[4], argv[5], argc == 6);
  if (!ticket.ok()) return fail(CUPS_BACKEND_FAILED, ticket.error().message);

  int document = STDIN_FILENO;
  if (argc == 7) {
    document = ::open(argv[6], O_RDONLY | O_CLOEXEC);
    if (document < 0) {
      return fail(CUPS_BACKEND_FAILED, std::string("Cannot open the print file ") + argv[6] +
                                           ": " + std::strerror(errno) + ".");
    }
  }

  // D13: the socket is inside a directory the job's user controls: follow no link, and hand
  // the job only to a client that runs as that user.
  const passwd* owner = ::getpwnam(user.c_str());
  if (owner == nullptr) {
    return fail(CUPS_BACKEND_FAILED, "The job's user \"" + user + "\" is not known on this "
                                     "computer; print as a local user.");
  }
  const uid_t user_uid = owner->pw_uid;
  bool not_running = false;
  auto opened = printline::cups_backend::open_user_socket(*socket, user_uid, user, &not_running);
  if (!opened.ok()) {
    return fail(not_running ? CUPS_BACKEND_RETRY : CUPS_BACKEND_FAILED, opened.error().message);
  }

  std::cerr << "STATE: +connecting-to-device" << std::endl;
  auto client = ControlSocketClient::connect(opened->connect_path());
  if (!client.ok()) {
    // RETRY: CUPS keeps the job and tries again later, when the user's client may run.
    const auto& error = client.error();
    const std::string message =
        error.kind == ControlError::Kind::kNotRunning
            ? "The Printline client of user " + user + " is not running (" + socket->string() +
                  "); the job will be retried. Start it with `systemctl --user start "
                  "printline-client`."
            : error.message;
    return fail(CUPS_BACKEND_RETRY, message);
  }
  if (auto impostor = printline::cups_backend::check_daemon_user(client->fd(), user_uid, user)) {
    return fail(CUPS_BACKEND_FAILED, impostor->message);
  }
  std::cerr << "STATE: -connecting-to-device" << std::endl;
  std::cerr << "INFO: Handing the job to the Printline client of " << user << std::endl;

  ControlRequest request;
  request.command = ControlCommand::kSubmit;
  request.submit.title = argv[3];
  request.submit.ticket = *ticket;
  request.submit.copies = ticket->copies;
  request.submit.document_format = document_format();
  request.submit.submitted_by = "cups";
  auto answer = client->request(request, document);
  if (!answer.ok()) {
    const auto& error = answer.error();
    return fail(error.kind == ControlError::Kind::kRefused ? CUPS_BACKEND_FAILED
                                                           : CUPS_BACKEND_RETRY,
                error.message);
  }
  const std::string uuid = (*answer)["job"].value("uuid", "");
  std::cerr << "INFO: Job " << uuid << " is in the Printline client's outbox" << std::endl;
  return CUPS_BACKEND_OK;
}
