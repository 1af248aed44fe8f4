#include "send_command.h"

#include <pthread.h>
#include <pwd.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "analysis/document_format.h"
#include "core/i18n.h"
#include "core/job_uuid.h"
#include "exit_codes.h"
#include "transport/print_transport.h"

namespace printline::cli {
namespace {

struct SendArguments {
  std::string device_uri;
  std::string file;
  std::string user;
  std::string title;
  std::string format;
  int copies = 1;
  bool pjl = false;
  int connect_timeout_ms = 3000;
  int io_timeout_ms = 30000;
};

int exit_code_for(transport::Outcome outcome) {
  using transport::Outcome;
  switch (outcome) {
    case Outcome::kDelivered:
      return kOk;
    case Outcome::kUnreachable:
      return kUnreachable;
    case Outcome::kBusy:
      return kBusy;
    case Outcome::kRejectedByDevice:
      return kRejectedByDevice;
    case Outcome::kAuthenticationRequired:
      return kAuthenticationRequired;
    case Outcome::kFormatNotSupported:
      return kFormatNotSupported;
    case Outcome::kTimedOut:
      return kTimedOut;
    case Outcome::kCancelled:
      return kCancelled;
    case Outcome::kInvalidRequest:
      return kInvalidRequest;
  }
  return kFailure;
}

std::string login_name() {
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr) return entry->pw_name;
  return "unknown";
}

// The printer is told the document's real type, found from its first bytes, unless given.
std::string detect_mime_type(const std::string& path) {
  std::array<char, 8192> head{};
  std::ifstream in(path, std::ios::binary);
  in.read(head.data(), head.size());
  const auto detected =
      analysis::detect_format({head.data(), static_cast<std::size_t>(in.gcount())});
  return std::string(analysis::format_mime_type(detected.format));
}

// Ctrl-C or SIGTERM cancels the send from a dedicated thread (no work in a signal handler).
class CancelOnSignal {
 public:
  explicit CancelOnSignal(transport::CancelFlag& flag) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    waiter_ = std::thread([this, &flag] {
      int received = 0;
      sigwait(&signals_, &received);
      if (received != SIGUSR1) flag.cancel();
    });
  }
  ~CancelOnSignal() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }

 private:
  sigset_t signals_{};
  std::thread waiter_;
};

int run_send(const SendArguments& args) {
  auto document = transport::open_document_file(args.file);
  if (!document.ok()) {
    std::cerr << "printline send: " << document.error().message << "\n";
    return kInvalidRequest;
  }
  transport::SendOptions options;
  options.job_uuid = new_job_uuid();
  options.user = args.user.empty() ? login_name() : args.user;
  options.title =
      args.title.empty() ? std::filesystem::path(args.file).filename().string() : args.title;
  options.document_format = args.format.empty() ? detect_mime_type(args.file) : args.format;
  options.ticket.copies = args.copies;
  options.pjl_wrap = args.pjl;
  options.connect_timeout = std::chrono::milliseconds(args.connect_timeout_ms);
  options.io_timeout = std::chrono::milliseconds(args.io_timeout_ms);
  transport::CancelFlag cancel;
  options.cancel = &cancel;

  transport::SendResult result;
  {
    CancelOnSignal cancel_on_signal(cancel);
    result = transport::send_document(args.device_uri, **document, options);
  }
  if (result.delivered()) {
    const auto title = fmt::arg("title", options.title);
    const auto printer = fmt::arg("printer", args.device_uri);
    const auto bytes = fmt::arg("bytes", result.bytes_sent);
    const auto ms = fmt::arg("ms", result.elapsed.count());
    const auto job = fmt::arg("job", options.job_uuid);
    std::cout << (result.device_job_id
                      ? trf("Delivered \"{title}\" to {printer}: {bytes} bytes in {ms} ms, "
                            "printer job-id {device_job} (job {job})",
                            title, printer, bytes, ms, job,
                            fmt::arg("device_job", *result.device_job_id))
                      : trf("Delivered \"{title}\" to {printer}: {bytes} bytes in {ms} ms (job "
                            "{job})",
                            title, printer, bytes, ms, job))
              << "\n";
    return kOk;
  }
  std::cerr << "printline send: " << transport::outcome_name(result.outcome) << ": "
            << result.message << "\n";
  if (!result.device_message.empty() &&
      result.message.find(result.device_message) == std::string::npos)
    std::cerr << "  " << trf("The printer said: {words}", fmt::arg("words", result.device_message))
              << "\n";
  return exit_code_for(result.outcome);
}

}  // namespace

void add_send_command(CLI::App& app, std::function<int()>& run) {
  auto args = std::make_shared<SendArguments>();
  CLI::App* send = app.add_subcommand("send", tr("Send a document straight to a printer."));
  send->add_option(
          "--to", args->device_uri,
          tr("Device URI: socket://host[:port], lpd://host[:port]/queue, ipp://… or ipps://…"))
      ->required();
  send->add_option("FILE", args->file, tr("The document to print"))
      ->required()
      ->check(CLI::ExistingFile);
  send->add_option("--user", args->user,
                   tr("Job owner shown to the printer (default: your login)"));
  send->add_option("--title", args->title, tr("Job name (default: the file name)"));
  send->add_option("--copies", args->copies, tr("Number of copies"))->check(CLI::Range(1, 999));
  send->add_option("--format", args->format, tr("MIME type (default: detected from the content)"));
  send->add_flag("--pjl", args->pjl, tr("RAW/LPR: wrap in PJL carrying the job UUID and user"));
  send->add_option("--connect-timeout", args->connect_timeout_ms, tr("Connect timeout in ms"))
      ->capture_default_str();
  send->add_option("--timeout", args->io_timeout_ms,
                   tr("Give up when the printer stalls this long (ms)"))
      ->capture_default_str();
  send->callback([args, &run] { run = [args] { return run_send(*args); }; });
}

}  // namespace printline::cli
