// Per-printer logging: the first failure at error level, the same failure again at debug.

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "support/pattern_document.h"
#include "support/printer_simulator.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

using printline::testing::PatternDocument;
using printline::testing::PrinterSimulator;
using printline::testing::SimulatedFault;

TEST(PrinterLog, FirstFailureIsAnErrorRepeatsAreDebug) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(16);
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>("capture", sink);
  capture->set_level(spdlog::level::debug);
  spdlog::set_default_logger(capture);

  PrinterSimulator printer({.fault = SimulatedFault::kRefuse});
  for (int attempt = 0; attempt < 3; ++attempt) {
    PatternDocument document(10);
    send_document(printer.uri("socket"), document, SendOptions{});
  }
  const auto lines = sink->last_raw();
  spdlog::set_default_logger(previous);

  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].level, spdlog::level::err);
  EXPECT_EQ(lines[1].level, spdlog::level::debug);
  EXPECT_EQ(lines[2].level, spdlog::level::debug);
  // Lines carry "[printer <uri>]", so one printer's story can be followed with grep.
  const std::string name(lines[0].logger_name.data(), lines[0].logger_name.size());
  EXPECT_EQ(name, "printer " + printer.uri("socket"));
}

}  // namespace
}  // namespace printline::transport
