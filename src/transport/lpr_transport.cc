#include "transport/lpr_transport.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/unique_fd.h"
#include "transport/document_pump.h"
#include "transport/lpd_protocol.h"
#include "transport/outcome_message.h"
#include "transport/pjl.h"

namespace printline::transport {
namespace {

// After a refusing code byte, how long to collect the server's explanation.
constexpr std::chrono::milliseconds kMaxMessageWait{1000};
constexpr std::size_t kMaxReplyBytes = 1024;

int next_job_number() {
  static std::atomic<int> counter{static_cast<int>(::getpid() % 1000)};
  return counter.fetch_add(1) % 1000;
}

std::string local_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "printline";
  std::string host(name);
  return host.substr(0, std::min(host.find('.'), std::size_t{31}));
}

// An unlinked file holding a copy of a document whose size was not known.
class SpooledCopy {
 public:
  printline::Result<std::uint64_t> fill(DocumentSource& document) {
    const char* dir = std::getenv("TMPDIR");
    const char* where = dir != nullptr && *dir != '\0' ? dir : "/tmp";
    fd_.reset(::open(where, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (!fd_) {
      return printline::Error{std::string("cannot create a temporary spool file: ") +
                              std::strerror(errno)};
    }
    std::uint64_t size = 0;
    auto write = [&](std::span<const char> data) -> std::optional<IoError> {
      while (!data.empty()) {
        ssize_t written = ::write(fd_.get(), data.data(), data.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) return IoError{IoCode::kOther, std::strerror(errno)};
        data = data.subspan(static_cast<std::size_t>(written));
      }
      return std::nullopt;
    };
    if (auto failure = pump_document(document, write, &size)) {
      return printline::Error{failure->io ? "cannot spool the document: " + failure->io->detail
                                          : failure->read_error};
    }
    ::lseek(fd_.get(), 0, SEEK_SET);
    return size;
  }
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
};

// One LPD conversation; every command is followed by checking the server's acknowledgement.
class LpdSession {
 public:
  LpdSession(const DeviceUri& uri, const SendOptions& options)
      : uri_(uri),
        options_(options),
        connection_({options.connect_timeout, options.io_timeout, options.cancel}) {}

  SendResult run(DocumentSource& document, std::uint64_t document_size) {
    if (auto error = connection_.connect(uri_.host, uri_.port)) return failed(*error);
    LpdJob job{local_host_name(), options_.user, options_.title, next_job_number(),
               options_.ticket.copies};
    // The control file asks for the copies; PJL must not multiply them again.
    model::JobTicket pjl_ticket = options_.ticket;
    pjl_ticket.copies = 1;
    const std::string header =
        options_.pjl_wrap ? pjl_job_header(options_.job_uuid, options_.user, options_.title,
                                           pjl_ticket, options_.pjl_language)
                          : "";
    const std::string footer = options_.pjl_wrap ? pjl_job_footer(options_.job_uuid) : "";
    const std::string control = lpd_control_file(job);
    std::optional<SendResult> refused;
    if ((refused = command(lpd_receive_job_command(uri_.queue()), "receive-job")) ||
        (refused =
             command(lpd_receive_control_file_command(job, control.size()), "control file")) ||
        (refused = command(control + std::string(1, '\0'), "control file contents")) ||
        (refused = command(
             lpd_receive_data_file_command(job, header.size() + document_size + footer.size()),
             "data file"))) {
      return *refused;
    }
    data_start_ = connection_.bytes_written();
    if (auto error = connection_.write_text(header)) return failed(*error);
    std::uint64_t copied = 0;
    auto write = [&](std::span<const char> data) { return connection_.write_all(data); };
    if (auto failure = pump_document(document, write, &copied)) {
      if (failure->io) return failed(*failure->io);
      return with_bytes(make_result(Outcome::kInvalidRequest, uri_.text, failure->read_error));
    }
    if (copied != document_size) {
      return with_bytes(make_result(Outcome::kInvalidRequest, uri_.text,
                                    "the document changed size while it was being sent"));
    }
    if (auto error = connection_.write_text(footer)) return failed(*error);
    data_end_ = connection_.bytes_written();
    if ((refused = command(std::string(1, '\0'), "data file contents"))) return *refused;
    return with_bytes(make_result(Outcome::kDelivered, uri_.text));
  }

 private:
  // bytes_sent counts the data file only (PJL included), not the protocol around it.
  SendResult with_bytes(SendResult result) {
    if (data_start_)
      result.bytes_sent = data_end_.value_or(connection_.bytes_written()) - *data_start_;
    return result;
  }
  SendResult failed(const IoError& error) {
    return with_bytes(io_failure(uri_.text, error, options_.io_timeout));
  }

  // Sends bytes and waits for the acknowledgement; a result only when it was not a plain yes.
  std::optional<SendResult> command(const std::string& bytes, std::string_view what) {
    if (auto error = connection_.write_text(bytes)) return failed(*error);
    std::string reply;
    char buffer[256];
    std::size_t got = 0;
    if (auto error = connection_.read_some(buffer, got, options_.io_timeout)) {
      return failed(*error);
    }
    if (got == 0) {
      return with_bytes(
          make_result(Outcome::kRejectedByDevice, uri_.text,
                      "the LPD server closed the connection instead of acknowledging the " +
                          std::string(what)));
    }
    reply.assign(buffer, got);
    if (reply.front() == '\0' && reply.size() == 1) return std::nullopt;
    // A refusal is usually followed by a line of explanation and a close; collect it.
    const std::chrono::milliseconds wait = std::min(options_.io_timeout, kMaxMessageWait);
    while (reply.front() != '\0' && reply.size() < kMaxReplyBytes) {
      if (connection_.read_some(buffer, got, wait) || got == 0) break;
      reply.append(buffer, got);
    }
    LpdReply parsed = parse_lpd_reply(reply);
    if (parsed.accepted) return std::nullopt;  // extra bytes after a zero are tolerated
    return with_bytes(make_result(Outcome::kRejectedByDevice, uri_.text,
                                  "the LPD server refused the " + std::string(what),
                                  std::move(parsed.message)));
  }

  const DeviceUri& uri_;
  const SendOptions& options_;
  TcpConnection connection_;
  std::optional<std::uint64_t> data_start_;
  std::optional<std::uint64_t> data_end_;
};

}  // namespace

SendResult LprTransport::send(const DeviceUri& uri, DocumentSource& document,
                              const SendOptions& options) const {
  if (uri.queue().empty()) {
    return make_result(Outcome::kInvalidRequest, uri.text,
                       "an lpd:// address needs a queue name: lpd://host/queue");
  }
  DocumentSource* source = &document;
  std::optional<std::uint64_t> size = document.size();
  SpooledCopy spooled;
  std::unique_ptr<DocumentSource> spooled_source;
  if (!size) {
    auto spooled_size = spooled.fill(document);
    if (!spooled_size)
      return make_result(Outcome::kInvalidRequest, uri.text, spooled_size.error().message);
    size = *spooled_size;
    spooled_source = document_from_fd(spooled.fd());
    source = spooled_source.get();
  }
  return LpdSession(uri, options).run(*source, *size);
}

}  // namespace printline::transport
