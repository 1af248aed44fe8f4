// printline-client's configuration: file keys, command-line overrides, validation.

#include <gtest/gtest.h>

#include <fstream>

#include "client/client_config.h"
#include "support/temp_dir.h"

namespace printline::client {
namespace {

TEST(ClientConfig, ReadsEveryKeyFromAFile) {
  testing::TempDir dir;
  std::ofstream(dir / "client.json") << R"({"state_dir": "/tmp/s", "servers": "http://a:1, http://b:2",
    "queue": "office", "ipp_listen": "127.0.0.1:8632", "connect_timeout_ms": 500,
    "heartbeat_interval_ms": 250, "log_level": "debug"})";
  auto config = read_client_config_file(dir / "client.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->state_dir, "/tmp/s");
  EXPECT_EQ(config->servers, (std::vector<std::string>{"http://a:1", "http://b:2"}));
  EXPECT_EQ(config->queue, "office");
  EXPECT_EQ(config->connect_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(config->heartbeat_interval, std::chrono::milliseconds(250));
  EXPECT_FALSE(validate(*config).has_value());
}

TEST(ClientConfig, AnUnknownKeyIsAnError) {
  testing::TempDir dir;
  std::ofstream(dir / "client.json") << R"({"sever": "http://a:1"})";
  auto config = read_client_config_file(dir / "client.json");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find("sever"), std::string::npos);
}

TEST(ClientConfig, CommandLineWinsOverTheFile) {
  ClientConfig file;
  file.state_dir = "/a";
  file.servers = {"http://a:1"};
  file.queue = "office";
  ClientConfig command_line;
  command_line.servers = {"http://b:2"};
  auto merged = merge_configs(file, command_line);
  EXPECT_EQ(merged.state_dir, "/a");
  EXPECT_EQ(merged.servers, std::vector<std::string>{"http://b:2"});
  EXPECT_EQ(merged.queue, "office");
}

TEST(ClientConfig, ValidationSaysWhatIsMissing) {
  ClientConfig config;
  ASSERT_TRUE(validate(config).has_value());
  EXPECT_NE(validate(config)->message.find("--state"), std::string::npos);
  config.state_dir = "/tmp/x";
  EXPECT_NE(validate(config)->message.find("--server"), std::string::npos);
  config.servers = {"http://127.0.0.1:8631"};
  EXPECT_FALSE(validate(config).has_value());
  config.ipp_listen = "0.0.0.0:631";
  ASSERT_TRUE(validate(config).has_value());
  EXPECT_NE(validate(config)->message.find("loopback"), std::string::npos);
}

}  // namespace
}  // namespace printline::client
