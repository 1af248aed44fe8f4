// Every model type survives a round trip through JSON, and bad JSON is an Error value.

#include "model/json.h"

#include <gtest/gtest.h>

#include "model/audit_entry.h"
#include "model/client_profile.h"
#include "model/job.h"
#include "model/ledger_entry.h"
#include "model/price_list.h"
#include "model/print_queue.h"
#include "model/printer.h"
#include "model/printer_group.h"
#include "model/user.h"
#include "test_printers.h"

namespace printline::model {
namespace {

template <typename T>
T round_trip(const T& value) {
  nlohmann::json j = value;
  auto parsed = parse_json<T>(nlohmann::json::parse(j.dump()));
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.value();
}

TEST(Json, PrinterProfileGroupQueue) {
  auto printer = testing::kyocera_with_spooling();
  printer.largest_paper = PaperSize::kA2;
  EXPECT_EQ(round_trip(printer), printer);
  EXPECT_TRUE(nlohmann::json(printer)["large_format"].get<bool>());

  auto profile = testing::fallback_profile();
  profile.fallback.group_id = 4;
  profile.fallback.release = ReleaseCondition::kCreditQuota;
  profile.assigned_users = {"alice"};
  profile.version = 12;
  EXPECT_EQ(round_trip(profile), profile);

  EXPECT_EQ(round_trip(PrinterGroup{5, "hall", "ground floor", {1, 2}}),
            (PrinterGroup{5, "hall", "ground floor", {1, 2}}));
  PrintQueue q{3, "secure", QueueKind::kHold, std::nullopt, std::nullopt, 8 * 3600, {}};
  EXPECT_EQ(round_trip(q), q);
}

TEST(Json, UserLeavesHashesOut) {
  User u;
  u.login = "bob";
  u.password_hash = "$argon2id$secret";
  u.pin_hash = "$argon2id$pin";
  u.quota = Quota{};
  u.quota->period = QuotaPeriod::kWeek;
  u.quota->page_limit = 50;
  u.quota->period_start = *parse_timestamp("2026-11-23T00:00:00Z");
  nlohmann::json j = u;
  EXPECT_FALSE(j.dump().find("argon2id") != std::string::npos);
  EXPECT_TRUE(j["has_pin"].get<bool>());
  User back = round_trip(u);
  EXPECT_EQ(back.quota, u.quota);
  EXPECT_TRUE(back.password_hash.empty());
}

TEST(Json, JobLedgerAuditPriceList) {
  Job job;
  job.uuid = "1b4e28ba-2fa1-4d2b-a3f6-0123456789ab";
  job.owner_id = 2;
  job.printer_id = 3;
  job.origin = JobOrigin::kFallback;
  job.state = JobState::kPrinted;
  job.counts = {4, 1, PaperSize::kA3, true, 2};
  job.submitted_at = *parse_timestamp("2026-11-24T01:00:00Z");
  job.printed_at = *parse_timestamp("2026-11-24T01:00:05Z");
  job.may_be_counted_twice = true;
  EXPECT_EQ(round_trip(job), job);
  job.ticket.copies = 2;
  job.ticket.sides = Sides::kTwoSidedLongEdge;
  job.ticket.color_mode = ColorMode::kMonochrome;
  job.ticket.page_ranges = {{1, 2}};
  job.ticket.number_up = 2;
  job.document_format = "application/pdf";
  EXPECT_EQ(round_trip(job), job);
  // The ticket is an object of its own; a bad one or a format that is no MIME type is refused.
  auto j = nlohmann::json(job);
  EXPECT_EQ(j["ticket"]["sides"], "two-sided-long-edge");
  EXPECT_EQ(j["document_format"], "application/pdf");
  auto bad = j;
  bad["ticket"]["number-up"] = 3;
  EXPECT_THROW(bad.get<Job>(), nlohmann::json::exception);
  bad = j;
  bad["document_format"] = "application/pdf; evil";
  EXPECT_THROW(bad.get<Job>(), nlohmann::json::exception);
  bad = j;
  bad.erase("ticket");
  bad.erase("document_format");
  EXPECT_EQ(bad.get<Job>().ticket, JobTicket{});

  LedgerEntry e;
  e.id = 1;
  e.user_id = 2;
  e.kind = LedgerKind::kTopUp;
  e.amount_cents = 500;
  e.balance_after_cents = 500;
  e.actor = "admin";
  EXPECT_EQ(round_trip(e), e);
  EXPECT_EQ(e.balance_delta(), 500);

  AuditEntry a;
  a.id = 1;
  a.actor = "admin";
  a.action = "create";
  a.object_kind = "printer";
  a.object_name = "hall";
  a.details = "{}";
  EXPECT_EQ(round_trip(a), a);

  PriceList prices{{{PaperSize::kA4, false, 5}}, 25};
  EXPECT_EQ(round_trip(prices), prices);
}

TEST(Json, BadInputIsAnErrorValue) {
  auto bad_paper = parse_json<Printer>(
      nlohmann::json::parse(R"({"name":"p","device_uri":"socket://h","largest_paper":"B7"})"));
  ASSERT_FALSE(bad_paper.ok());
  EXPECT_NE(bad_paper.error().message.find("unknown paper size"), std::string::npos);
  EXPECT_FALSE(
      parse_json<Job>(nlohmann::json::parse(R"({"uuid":"x","submitted_at":"yesterday"})")).ok());
  EXPECT_FALSE(parse_json<ClientProfile>(nlohmann::json::parse(R"({"fallback":{}})")).ok());
}

}  // namespace
}  // namespace printline::model
