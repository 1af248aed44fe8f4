// Integers read from JSON are range-checked: a float beyond the target (the control request
// with copies 8.2e57 that UBSan caught), a large integer that would wrap, or a fraction is an
// error naming the field, never undefined behaviour or a silently wrong value.

#include "model/json_number.h"

#include <gtest/gtest.h>

#include "model/json.h"
#include "model/quota.h"

namespace printline::model {
namespace {

using nlohmann::json;

TEST(JsonNumber, ReadsWhatFits) {
  EXPECT_EQ(checked_integer<int>(json(42)), 42);
  EXPECT_EQ(checked_integer<int>(json(-7)), -7);
  EXPECT_EQ(checked_integer<int>(json(3.0)), 3);
  EXPECT_EQ(checked_integer<std::int64_t>(json(INT64_MAX)), INT64_MAX);
  EXPECT_EQ(checked_integer<std::int64_t>(json(INT64_MIN)), INT64_MIN);
  EXPECT_EQ(checked_integer<std::uint64_t>(json(UINT64_MAX)), UINT64_MAX);
  EXPECT_EQ(checked_integer<int>(json::parse("2147483647")), 2147483647);
}

TEST(JsonNumber, RefusesWhatDoesNotFit) {
  EXPECT_THROW(checked_integer<int>(json::parse("8.2e57"), "copies"), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json::parse("2147483648")), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json::parse("-2147483649")), JsonNumberError);
  EXPECT_THROW(checked_integer<std::int64_t>(json::parse("9223372036854775808")), JsonNumberError);
  EXPECT_THROW(checked_integer<std::int64_t>(json::parse("9.3e18")), JsonNumberError);
  EXPECT_THROW(checked_integer<std::int64_t>(json::parse("-9.3e18")), JsonNumberError);
  EXPECT_THROW(checked_integer<std::uint32_t>(json(-1)), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json(1.5)), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json(std::nan(""))), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json("12")), JsonNumberError);
  EXPECT_THROW(checked_integer<int>(json(true)), JsonNumberError);
}

TEST(JsonNumber, MessageNamesTheFieldAndTheRange) {
  try {
    checked_integer<int>(json::parse("8.2e57"), "copies");
    FAIL() << "no error";
  } catch (const JsonNumberError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("copies"), std::string::npos) << what;
    EXPECT_NE(what.find("2147483647"), std::string::npos) << what;
  }
}

TEST(JsonNumber, OptionalsVectorsAndDefaults) {
  std::optional<std::int64_t> maybe = 5;
  get_checked(json(nullptr), maybe);
  EXPECT_FALSE(maybe);
  get_checked(json(9), maybe);
  EXPECT_EQ(maybe, 9);
  std::vector<std::int64_t> ids;
  get_checked(json::parse("[1, 2, 3]"), ids);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_THROW(get_checked(json::parse("[1, 1e300]"), ids, "printer_ids"), JsonNumberError);
  const json object = {{"count", 4}, {"huge", 1e300}, {"none", nullptr}};
  EXPECT_EQ(integer_or(object, "count", 0), 4);
  EXPECT_EQ(integer_or(object, "none", 7), 7);
  EXPECT_EQ(integer_or(object, "absent", 7), 7);
  EXPECT_THROW(integer_or(object, "huge", 0), JsonNumberError);
}

TEST(JsonNumber, ModelTypesRefuseWithAnErrorValue) {
  // A quota with a limit beyond int64 is an Error from parse_json, not a wrapped number.
  auto quota = parse_json<Quota>(json::parse(R"({"period":"month","page_limit":1e30})"));
  ASSERT_FALSE(quota.ok());
  EXPECT_NE(quota.error().message.find("page_limit"), std::string::npos) << quota.error().message;
}

}  // namespace
}  // namespace printline::model
