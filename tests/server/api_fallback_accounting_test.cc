// POST /api/v1/accounting/fallback-jobs (D6, FP-1): priced by the server, origin fallback,
// charged exactly once per UUID however often and however concurrently it is uploaded.

#include <thread>

#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

TEST_F(ApiTest, FallbackJobIsAcceptedPricedByTheServerAndChargedOnce) {
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 1000}}).status, 200);
  const auto uuid = new_job_uuid();
  auto job = offline_job(uuid, color_printer_);  // 2 pages, 1 colour: 10 + 50 cents
  job["cost_cents"] = 1;                         // a client's cost is never trusted
  auto first = upload(*alice_, {job});
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.json["results"][0]["status"], "accepted") << first.body;
  const auto& stored = first.json["results"][0]["job"];
  EXPECT_EQ(stored["origin"], "fallback");
  EXPECT_EQ(stored["state"], "printed");
  EXPECT_EQ(stored["cost_cents"], 60);
  EXPECT_EQ(stored["printer_id"], color_printer_);
  EXPECT_EQ(stored["printed_at"], printed_at());
  EXPECT_EQ(balance_of(*alice_), 940);

  auto second = upload(*alice_, {job});
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json["results"][0]["status"], "duplicate");
  EXPECT_EQ(second.json["duplicates"], 1);
  EXPECT_EQ(balance_of(*alice_), 940);  // charged exactly once

  auto ledger = admin_->get("/api/v1/users/alice/ledger");
  int charges = 0;
  for (const auto& entry : ledger.json["entries"]) charges += entry["kind"] == "charge";
  EXPECT_EQ(charges, 1);

  // It shows as a fallback job, and the printer joins the user's history (D2).
  auto mine = alice_->get("/api/v1/me/jobs?origin=fallback");
  ASSERT_EQ(mine.json["jobs"].size(), 1u);
  EXPECT_EQ(mine.json["jobs"][0]["uuid"], uuid);
  auto me = alice_->get("/api/v1/me");
  ASSERT_EQ(me.json["printers_used"].size(), 1u);
  EXPECT_EQ(me.json["printers_used"][0]["name"], "floor2-color");
  auto everyone = admin_->get("/api/v1/jobs?user=alice&origin=fallback&printer=floor2-color");
  EXPECT_EQ(everyone.json["jobs"].size(), 1u);
}

TEST_F(ApiTest, ColourPagesOnAMonoPrinterArePricedAsMono) {
  auto reply = upload(*alice_, {offline_job(new_job_uuid(), "floor1-mono", 2, 1, 3)});
  ASSERT_EQ(reply.json["accepted"], 1) << reply.body;
  EXPECT_EQ(reply.json["results"][0]["job"]["cost_cents"], 60);  // 2 × 10 × 3 copies
  EXPECT_EQ(reply.json["results"][0]["job"]["color_pages"], 0);  // printed mono (D11)
}

TEST_F(ApiTest, AFallbackJobCarriesItsTicketCheckedAgainstItsCounts) {
  // D11/D12: lp -o sides=two-sided-long-edge -o print-color-mode=monochrome -n 2
  // -o page-ranges=1-2 -o number-up=2 printed offline: one mono duplex side per copy.
  const nlohmann::json ticket = {{"copies", 2},
                                 {"sides", "two-sided-long-edge"},
                                 {"print-color-mode", "monochrome"},
                                 {"page-ranges", "1-2"},
                                 {"number-up", 2}};
  auto job = offline_job(new_job_uuid(), color_printer_, 1, 0, 2);
  job["duplex"] = true;
  job["ticket"] = ticket;
  job["document_format"] = "application/pdf";
  auto reply = upload(*alice_, {job});
  ASSERT_EQ(reply.json["accepted"], 1) << reply.body;
  const auto& stored = reply.json["results"][0]["job"];
  EXPECT_EQ(stored["ticket"]["print-color-mode"], "monochrome");
  EXPECT_EQ(stored["ticket"]["page-ranges"], "1-2");
  EXPECT_EQ(stored["ticket_text"],
            "2 copies, two-sided (long edge), monochrome, pages 1-2, 2 per side");
  EXPECT_EQ(stored["document_format"], "application/pdf");
  EXPECT_EQ(stored["cost_cents"], 2 * 10 / 2);  // two mono sides, 50 % off for duplex
  auto found = admin_->get("/api/v1/jobs/" + job["uuid"].get<std::string>());
  EXPECT_EQ(found.json["ticket"]["sides"], "two-sided-long-edge") << found.body;

  // Counts the ticket cannot have printed, or a ticket that is none, are not charged.
  auto colour_for_mono = job;
  colour_for_mono["uuid"] = new_job_uuid();
  colour_for_mono["color_pages"] = 1;
  auto too_many_pages = job;
  too_many_pages["uuid"] = new_job_uuid();
  too_many_pages["pages"] = 5;
  auto simplex = job;
  simplex["uuid"] = new_job_uuid();
  simplex["duplex"] = false;
  auto bad_ticket = job;
  bad_ticket["uuid"] = new_job_uuid();
  bad_ticket["ticket"]["number-up"] = 3;
  auto bad_format = job;
  bad_format["uuid"] = new_job_uuid();
  bad_format["document_format"] = "a pdf";
  const auto before = balance_of(*alice_);
  auto refused = upload(*alice_, {colour_for_mono, too_many_pages, simplex, bad_ticket, bad_format});
  ASSERT_EQ(refused.json["rejected"], 5) << refused.body;
  const auto& r = refused.json["results"];
  EXPECT_EQ(r[0]["reason"], "does-not-add-up");
  EXPECT_EQ(r[1]["reason"], "does-not-add-up");
  EXPECT_EQ(r[2]["reason"], "does-not-add-up");
  EXPECT_EQ(r[3]["reason"], "invalid-field");
  EXPECT_NE(r[3]["message"].get<std::string>().find("number-up"), std::string::npos);
  EXPECT_EQ(r[4]["reason"], "invalid-field");
  EXPECT_EQ(balance_of(*alice_), before);
}

TEST_F(ApiTest, BadJobsAreRejectedWithAReasonAndTheOthersStillCount) {
  const auto bobs = new_job_uuid();
  ASSERT_EQ(upload(*bob_, {offline_job(bobs, color_printer_)}).json["accepted"], 1);
  const auto bob_balance = balance_of(*bob_);

  auto missing_pages = offline_job(new_job_uuid(), color_printer_);
  missing_pages.erase("pages");
  auto no_price = offline_job(new_job_uuid(), color_printer_);
  no_price["paper"] = "A0";
  const auto good = new_job_uuid();
  auto reply =
      upload(*alice_, {offline_job(new_job_uuid(), "no-such-printer"),
                       offline_job("not-a-uuid", color_printer_), offline_job(bobs, color_printer_),
                       missing_pages, no_price, offline_job(good, mono_printer_)});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto& r = reply.json["results"];
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0]["reason"], "unknown-printer");
  EXPECT_EQ(r[1]["reason"], "invalid-uuid");
  EXPECT_EQ(r[2]["reason"], "uuid-taken");
  EXPECT_FALSE(r[2].contains("job"));  // nothing of Bob's job leaks
  EXPECT_EQ(r[3]["reason"], "invalid-field");
  EXPECT_EQ(r[4]["reason"], "no-price");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(r[i]["status"], "rejected");
    EXPECT_FALSE(r[i]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(r[5]["status"], "accepted");
  EXPECT_EQ(reply.json["rejected"], 5);
  EXPECT_EQ(reply.json["accepted"], 1);
  EXPECT_EQ(balance_of(*bob_), bob_balance);  // Bob's job untouched
  EXPECT_EQ(balance_of(*alice_), -20);
}

TEST_F(ApiTest, BatchOverTheLimitIs413AndRecordsNothing) {
  std::vector<nlohmann::json> jobs;
  for (int i = 0; i < 1001; ++i) jobs.push_back(offline_job(new_job_uuid(), color_printer_));
  auto reply = upload(*alice_, jobs);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.error_code(), "too-large");
  EXPECT_EQ(balance_of(*alice_), 0);
}

TEST_F(ApiTest, ConcurrentIdenticalUploadsChargeOnce) {
  std::vector<nlohmann::json> jobs;
  for (int i = 0; i < 200; ++i) jobs.push_back(offline_job(new_job_uuid(), mono_printer_, 1, 0));
  ApiReply replies[2];
  std::thread threads[2];
  std::unique_ptr<ApiClient> clients[2] = {client(), client()};
  for (int t = 0; t < 2; ++t) {
    clients[t]->use_basic("alice", kUserPassword);
    threads[t] = std::thread([&, t] { replies[t] = upload(*clients[t], jobs); });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(replies[0].status, 200) << replies[0].body;
  ASSERT_EQ(replies[1].status, 200) << replies[1].body;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto a = replies[0].json["results"][i]["status"];
    const auto b = replies[1].json["results"][i]["status"];
    EXPECT_TRUE((a == "accepted" && b == "duplicate") || (a == "duplicate" && b == "accepted"))
        << "job " << i << ": " << a << " / " << b;
  }
  EXPECT_EQ(balance_of(*alice_), -200 * 10);  // 200 jobs of one mono page, each charged once
}

}  // namespace
}  // namespace printline::testing
