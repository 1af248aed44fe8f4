#include "transport/lpd_protocol.h"

#include <gtest/gtest.h>

namespace printline::transport {
namespace {

TEST(LpdReply, ZeroByteAccepts) {
  EXPECT_TRUE(parse_lpd_reply(std::string(1, '\0')).accepted);
  EXPECT_TRUE(parse_lpd_reply(std::string("\0", 1) + "\n").accepted);
}

TEST(LpdReply, NonZeroRefusesWithMessage) {
  auto reply = parse_lpd_reply("\x01spool queue for 'x' does not exist\n check name\n");
  EXPECT_FALSE(reply.accepted);
  EXPECT_EQ(reply.message, "spool queue for 'x' does not exist check name");
}

TEST(LpdReply, TextWithoutCodeRefusesAndKeepsText) {
  auto reply = parse_lpd_reply("Permission denied");
  EXPECT_FALSE(reply.accepted);
  EXPECT_EQ(reply.message, "Permission denied");
}

TEST(LpdReply, EmptyIsNotAnAcceptance) {
  EXPECT_FALSE(parse_lpd_reply("").accepted);
  EXPECT_EQ(parse_lpd_reply("\x02").message, "");
}

TEST(LpdControlFile, HasTheRfc1179Lines) {
  LpdJob job{"ws-12", "alice", "Quarterly report.pdf", 7, 2};
  EXPECT_EQ(lpd_control_file_name(job), "cfA007ws-12");
  EXPECT_EQ(lpd_data_file_name(job), "dfA007ws-12");
  EXPECT_EQ(lpd_control_file(job),
            "Hws-12\nPalice\nJQuarterly report.pdf\nldfA007ws-12\nldfA007ws-12\n"
            "UdfA007ws-12\nNQuarterly report.pdf\n");
}

TEST(LpdControlFile, ValuesCannotInjectLines) {
  LpdJob job{"h", "eve\nPmallory", "a\nLbanner", 1, 1};
  const std::string control = lpd_control_file(job);
  EXPECT_NE(control.find("Peve_Pmallory\n"), std::string::npos);
  EXPECT_EQ(control.find("\nLbanner"), std::string::npos);
}

TEST(LpdCommands, AnnounceSizesAndNames) {
  LpdJob job{"h", "u", "t", 42, 1};
  EXPECT_EQ(lpd_receive_job_command("lp"), "\x02lp\n");
  EXPECT_EQ(lpd_receive_control_file_command(job, 31),
            "\x02"
            "31 cfA042h\n");
  EXPECT_EQ(lpd_receive_data_file_command(job, 1234567890123),
            "\x03"
            "1234567890123 dfA042h\n");
}

}  // namespace
}  // namespace printline::transport
