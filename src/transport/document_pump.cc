#include "transport/document_pump.h"

#include <memory>

namespace printline::transport {

std::optional<PumpFailure> pump_document(
    DocumentSource& document,
    const std::function<std::optional<IoError>(std::span<const char>)>& write,
    std::uint64_t* copied) {
  auto buffer = std::make_unique<char[]>(kChunkSize);
  std::uint64_t total = 0;
  while (true) {
    auto got = document.read(std::span<char>(buffer.get(), kChunkSize));
    if (!got) return PumpFailure{std::nullopt, got.error().message};
    if (*got == 0) break;
    if (auto error = write(std::span<const char>(buffer.get(), *got))) {
      return PumpFailure{error, {}};
    }
    total += *got;
    if (copied != nullptr) *copied = total;
  }
  return std::nullopt;
}

}  // namespace printline::transport
