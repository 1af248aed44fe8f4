#pragma once
// Printline's own misbehaving printer, for the faults real peers cannot produce on demand.
// It listens on a free loopback port and serves connections one after another on its own
// thread until destroyed.
//
//   PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
//   send_document(printer.uri("socket"), ...);   // → timed-out after io_timeout
//
//   PrinterSimulator printer({.fault = SimulatedFault::kIppStatus,
//                             .ipp_status = IPP_STATUS_ERROR_NOT_AUTHORIZED,
//                             .message = "Jobs from unknown sources are not allowed"});
//   send_document(printer.uri("ipp") , ...);     // → rejected-by-device

#include <cups/ipp.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace printline::testing {

enum class SimulatedFault {
  kNone,                // RAW: reads everything and keeps it (received())
  kRefuse,              // nothing listens on the port: connection refused
  kResetMidJob,         // RAW: reads fault_after_bytes, then resets the connection (RST)
  kHangMidJob,          // RAW: reads fault_after_bytes, then stops reading but keeps the connection
  kSlowReader,          // RAW: reads everything at slow_bytes_per_second
  kLpd,                 // LPD: speaks RFC 1179, refusing at lpd_refuse_at with `message`
  kIppStatus,           // IPP: Get-Printer-Attributes succeeds; job operations answer ipp_status
  kIppOversizedAnswer,  // IPP: every request answered with 20 MiB of attributes, in chunks
};

// Where an LPD conversation is refused (kLpd); kNowhere accepts the whole job.
enum class LpdStage { kNowhere, kReceiveJob, kControlFile, kDataFile };

struct SimulatorConfig {
  SimulatedFault fault = SimulatedFault::kNone;
  std::uint64_t fault_after_bytes = 64 * 1024;
  std::uint64_t slow_bytes_per_second = 512 * 1024;
  LpdStage lpd_refuse_at = LpdStage::kNowhere;
  ipp_status_t ipp_status = IPP_STATUS_ERROR_NOT_AUTHORIZED;
  std::string message = "Job rejected by the simulator";  // LPD refusal text, IPP status-message
};

class PrinterSimulator {
 public:
  explicit PrinterSimulator(SimulatorConfig config);  // throws std::runtime_error
  ~PrinterSimulator();
  PrinterSimulator(const PrinterSimulator&) = delete;
  PrinterSimulator& operator=(const PrinterSimulator&) = delete;

  int port() const { return port_; }
  // "socket://127.0.0.1:PORT", "lpd://127.0.0.1:PORT/sim", "ipp://127.0.0.1:PORT/ipp/print".
  std::string uri(std::string_view scheme) const;

  // What arrived: document bytes (RAW, LPD data file), the last LPD control file.
  std::string received() const;
  std::uint64_t bytes_received() const { return bytes_received_; }
  std::string control_file() const;
  int connections() const { return connections_; }

 private:
  void serve();
  void serve_raw(int fd);
  void serve_lpd(int fd);
  void serve_ipp();
  void keep(std::string_view bytes);

  SimulatorConfig config_;
  int port_ = 0;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};
  std::atomic<int> active_fd_{-1};  // shut down on destruction to unblock the server thread
  std::atomic<std::uint64_t> bytes_received_{0};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::string received_;
  std::string control_file_;
  std::thread thread_;
};

}  // namespace printline::testing
