#pragma once
// The desktop client's local printer's operator state (IPP Pause-Printer, Disable-Printer):
// kept in a small file of the client's state directory, written durably before the request
// is answered, so a paused or disabled printer stays so after a restart. Thread-safe.

#include <filesystem>
#include <mutex>

#include "core/error.h"
#include "model/print_queue.h"

namespace printline::client {

class LocalPrinterControl {
 public:
  // Reads the file; a missing file is the default (printing, accepting jobs), an unreadable
  // one too, with a warning in the log.
  explicit LocalPrinterControl(std::filesystem::path file);

  model::QueueControl get() const;
  Status set(const model::QueueControl& control);

 private:
  const std::filesystem::path file_;
  mutable std::mutex mutex_;
  model::QueueControl control_;
};

}  // namespace printline::client
