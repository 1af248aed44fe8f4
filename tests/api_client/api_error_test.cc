#include "api_client/api_error.h"

#include <gtest/gtest.h>

namespace printline::api_client {
namespace {

TEST(ApiError, CarriesTheServersMessageFieldAndDetails) {
  const ApiError error = error_from_answer(
      422,
      R"({"error": {"code": "invalid", "message": "KX integration needs spooling ports",
          "field": "fallback.printers",
          "details": [{"field": "fallback.printers", "message": "hall-mono is not a Kyocera"}]}})",
      "http://127.0.0.1:8631");
  EXPECT_EQ(error.kind, FailureKind::kServerRefused);
  EXPECT_EQ(error.http_status, 422);
  EXPECT_EQ(error.code, "invalid");
  EXPECT_EQ(error.message, "KX integration needs spooling ports");
  EXPECT_EQ(error.field, "fallback.printers");
  ASSERT_EQ(error.details.size(), 1u);
  EXPECT_EQ(describe(error),
            "KX integration needs spooling ports\n  fallback.printers: hall-mono is not a Kyocera");
}

TEST(ApiError, ServerErrorsCountAsUnreachable) {  // D1: 5xx/503 means fallback may start
  EXPECT_TRUE(error_from_answer(503, "", "http://a").unreachable());
  EXPECT_TRUE(error_from_answer(500, R"({"error": {"code": "internal", "message": "db"}})", "x")
                  .unreachable());
  EXPECT_FALSE(error_from_answer(409, R"({"error": {"code": "conflict", "message": "taken"}})", "x")
                   .unreachable());
}

TEST(ApiError, AnswerThatIsNotTheApiShapeStillSaysWhatHappened) {
  const ApiError error = error_from_answer(404, "<html>Not Found</html>", "http://proxy");
  EXPECT_EQ(error.kind, FailureKind::kServerRefused);
  EXPECT_NE(error.message.find("HTTP 404"), std::string::npos);
  EXPECT_NE(error.message.find("http://proxy"), std::string::npos);
}

TEST(ApiError, AnswerNestedAMillionLevelsDeepIsReadAsNotTheApiShape) {
  // D12: a hostile server's error body must not crash the client that reads it.
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const auto error = error_from_answer(400, deep, "http://hostile");
  EXPECT_EQ(error.code, "http-400");
  EXPECT_NE(error.message.find("http://hostile"), std::string::npos);
}

}  // namespace
}  // namespace printline::api_client
