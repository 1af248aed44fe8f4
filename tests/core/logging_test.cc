#include "core/logging.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace printline {
namespace {

TEST(ObjectLogger, EachLoggerKeepsItsOwnPrefixOnSharedSinks) {
  init_logging("info");
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_pattern("[%n] %v");
  spdlog::default_logger()->sinks() = {sink};

  auto job = object_logger("job", "3f2a");
  auto printer = object_logger("printer", "hall-2");  // created last: must not rename the job's lines
  job->info("spooled");
  printer->info("busy");
  job->info("printed");

  EXPECT_EQ(out.str(), "[job 3f2a] spooled\n[printer hall-2] busy\n[job 3f2a] printed\n");
}

}  // namespace
}  // namespace printline
